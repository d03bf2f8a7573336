import { describe, expect, it } from "vitest";
import { isSellable, sellerBlocker } from "./seller.ts";

describe("seller standing", () => {
  it("lets an approved vendor list products but sell them only with payouts enabled", () => {
    expect(sellerBlocker({ status: "approved", payoutsEnabled: false }, "list")).toBeUndefined();
    expect(sellerBlocker({ status: "approved", payoutsEnabled: false }, "sell")).toContain("payouts");
    expect(sellerBlocker({ status: "approved", payoutsEnabled: true }, "sell")).toBeUndefined();
    expect(isSellable({ status: "approved", payoutsEnabled: true })).toBe(true);
  });

  it("names a vendor the catalog has not heard approved, even one whose payouts arrived first", () => {
    expect(sellerBlocker(undefined, "list")).toContain("approval has not reached the catalog");
    expect(sellerBlocker({ status: "pending", payoutsEnabled: true }, "sell")).toContain("approval has not reached the catalog");
    expect(isSellable({ status: "pending", payoutsEnabled: true })).toBe(false);
  });

  it("lets a suspended vendor neither list nor sell, whatever its payouts", () => {
    expect(sellerBlocker({ status: "suspended", payoutsEnabled: true }, "list")).toContain("suspended");
    expect(isSellable({ status: "suspended", payoutsEnabled: true })).toBe(false);
  });
});
