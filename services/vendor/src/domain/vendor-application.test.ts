import { describe, expect, it } from "vitest";
import { AppError } from "@market/kit";
import {
  approveVendor,
  assertMayOpenPayoutAccount,
  canPublishProducts,
  editApplication,
  reinstateVendor,
  rejectVendor,
  submitApplication,
  suspendVendor,
  transition,
  vendorStatuses,
  type VendorAction,
  type VendorStatus,
} from "./vendor-application.ts";

const admin = "11111111-1111-4111-8111-111111111111";
const owner = "22222222-2222-4222-8222-222222222222";
const at = new Date("2026-11-30T12:00:00Z");

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : "not an AppError";
  }
}

describe("a vendor application", () => {
  it("goes from draft through submission to approval, recording who and when", () => {
    const submitted = submitApplication("draft", owner, at);
    expect(submitted).toEqual({ action: "submit", from: "draft", to: "submitted", by: owner, at, reason: undefined });
    const approved = approveVendor(submitted.to, admin, at);
    expect(approved).toMatchObject({ from: "submitted", to: "approved", by: admin });
  });

  it("is rejected with a reason, and editing it reopens it as a draft to submit again", () => {
    const rejected = rejectVendor("submitted", admin, "  tax id does not match  ", at);
    expect(rejected).toMatchObject({ to: "rejected", reason: "tax id does not match" });
    const reopened = editApplication(rejected.to, owner, at);
    expect(reopened.to).toBe("draft");
    expect(submitApplication(reopened.to, owner, at).to).toBe("submitted");
  });

  it("is suspended with a reason and reinstated back to approved", () => {
    const suspended = suspendVendor("approved", admin, "chargebacks", at);
    expect(suspended).toMatchObject({ from: "approved", to: "suspended", reason: "chargebacks" });
    expect(reinstateVendor(suspended.to, admin, at)).toMatchObject({ from: "suspended", to: "approved" });
  });

  it("cannot be rejected or suspended without a reason", () => {
    expect(codeOf(() => rejectVendor("submitted", admin, "   ", at))).toBe("validation_failed");
    expect(codeOf(() => suspendVendor("approved", admin, "", at))).toBe("validation_failed");
  });

  it("refuses every step that the state machine does not allow with a conflict", () => {
    const allowed: Record<VendorAction, VendorStatus[]> = {
      edit: ["draft", "rejected"],
      submit: ["draft"],
      approve: ["submitted"],
      reject: ["submitted"],
      suspend: ["approved"],
      reinstate: ["suspended"],
    };
    for (const [action, from] of Object.entries(allowed) as Array<[VendorAction, VendorStatus[]]>) {
      for (const status of vendorStatuses) {
        const outcome = codeOf(() => transition(status, action, admin, at, "a reason"));
        expect([action, status, outcome]).toEqual([action, status, from.includes(status) ? undefined : "conflict"]);
      }
    }
  });

  it("cannot be approved twice, nor edited once submitted", () => {
    expect(codeOf(() => approveVendor("approved", admin, at))).toBe("conflict");
    expect(codeOf(() => editApplication("submitted", owner, at))).toBe("conflict");
  });
});

describe("a vendor's payouts and publishing", () => {
  it("opens a payout account only once approved", () => {
    expect(() => assertMayOpenPayoutAccount("approved")).not.toThrow();
    for (const status of ["draft", "submitted", "rejected", "suspended"] as const) expect(codeOf(() => assertMayOpenPayoutAccount(status))).toBe("conflict");
  });

  it("publishes products only when approved and payouts are enabled, and says why not otherwise", () => {
    expect(canPublishProducts({ status: "approved", payoutsEnabled: true })).toEqual({ allowed: true, reason: undefined });
    expect(canPublishProducts({ status: "approved", payoutsEnabled: false })).toMatchObject({ allowed: false, reason: expect.stringContaining("Payouts") });
    expect(canPublishProducts({ status: "suspended", payoutsEnabled: true })).toMatchObject({ allowed: false, reason: expect.stringContaining("suspended") });
  });
});
