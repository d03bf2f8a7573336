import { AppError } from "@market/kit";

/**
 * A vendor's application and standing on the marketplace. Only an approved vendor sells;
 * a rejected one may edit and try again; a suspended one is approved again by reinstatement.
 */
export const vendorStatuses = ["draft", "submitted", "approved", "rejected", "suspended"] as const;
export type VendorStatus = (typeof vendorStatuses)[number];

export type VendorAction = "edit" | "submit" | "approve" | "reject" | "suspend" | "reinstate";

// Owners edit and submit; admins approve, reject, suspend and reinstate (the routes check the role).
const rules: Record<VendorAction, { from: readonly VendorStatus[]; to: VendorStatus; needsReason: boolean }> = {
  // Editing a rejected application reopens it as a draft, to be submitted again.
  edit: { from: ["draft", "rejected"], to: "draft", needsReason: false },
  submit: { from: ["draft"], to: "submitted", needsReason: false },
  approve: { from: ["submitted"], to: "approved", needsReason: false },
  reject: { from: ["submitted"], to: "rejected", needsReason: true },
  suspend: { from: ["approved"], to: "suspended", needsReason: true },
  reinstate: { from: ["suspended"], to: "approved", needsReason: false },
};

export interface VendorTransition {
  action: VendorAction;
  from: VendorStatus;
  to: VendorStatus;
  by: string;
  at: Date;
  reason: string | undefined;
}

/** The one way a vendor's status changes; an illegal step is a conflict, never a silent no-op. */
export function transition(from: VendorStatus, action: VendorAction, by: string, at: Date, reason?: string): VendorTransition {
  const rule = rules[action];
  if (!rule.from.includes(from)) {
    throw new AppError("conflict", `A ${from} vendor application cannot be ${pastTense[action]}; it must be ${rule.from.join(" or ")}.`);
  }
  const trimmed = reason?.trim();
  if (rule.needsReason && !trimmed) {
    throw new AppError("validation_failed", `Say why the application is ${pastTense[action]}.`, { errors: [{ field: "reason", reason: "is required" }] });
  }
  return { action, from, to: rule.to, by, at, reason: trimmed || undefined };
}

export const editApplication = (from: VendorStatus, by: string, at = new Date()) => transition(from, "edit", by, at);
export const submitApplication = (from: VendorStatus, by: string, at = new Date()) => transition(from, "submit", by, at);
export const approveVendor = (from: VendorStatus, by: string, at = new Date()) => transition(from, "approve", by, at);
export const rejectVendor = (from: VendorStatus, by: string, reason: string, at = new Date()) => transition(from, "reject", by, at, reason);
export const suspendVendor = (from: VendorStatus, by: string, reason: string, at = new Date()) => transition(from, "suspend", by, at, reason);
export const reinstateVendor = (from: VendorStatus, by: string, at = new Date()) => transition(from, "reinstate", by, at);

const pastTense: Record<VendorAction, string> = {
  edit: "edited",
  submit: "submitted",
  approve: "approved",
  reject: "rejected",
  suspend: "suspended",
  reinstate: "reinstated",
};

/** A payout account is opened only for a vendor the marketplace has approved. */
export function assertMayOpenPayoutAccount(status: VendorStatus): void {
  if (status !== "approved") throw new AppError("conflict", `Payouts are set up once the vendor is approved; this one is ${status}.`);
}

export interface PublishingStanding {
  allowed: boolean;
  reason: string | undefined;
}

/** Products go live only for an approved vendor whom Stripe can pay out to. */
export function canPublishProducts(vendor: { status: VendorStatus; payoutsEnabled: boolean }): PublishingStanding {
  if (vendor.status !== "approved") return { allowed: false, reason: `The vendor is ${vendor.status}, not approved.` };
  if (!vendor.payoutsEnabled) return { allowed: false, reason: "Payouts are not enabled yet: finish Stripe onboarding (POST /vendors/me/payout-account)." };
  return { allowed: true, reason: undefined };
}
