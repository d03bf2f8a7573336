/**
 * Whether a vendor's products may appear in results, from the vendor events. Each aspect
 * keeps the time of the event that set it, so a late event cannot undo a newer one.
 */
export interface VendorVisibility {
  vendorId: string;
  suspended?: boolean;
  suspendedAt?: string;
  payoutsEnabled?: boolean;
  payoutsAt?: string;
}

const isNewer = (candidate: string, current: string | undefined) => current === undefined || Date.parse(candidate) > Date.parse(current);

/** vendor.suspended → true; vendor.approved (first approval or reinstatement) → false. */
export function withSuspension(current: VendorVisibility | undefined, vendorId: string, suspended: boolean, at: string): VendorVisibility | "unchanged" {
  if (!isNewer(at, current?.suspendedAt)) return "unchanged";
  return { ...(current ?? { vendorId }), suspended, suspendedAt: at };
}

/** vendor.payouts_updated: a vendor sells only while payouts are enabled. */
export function withPayouts(current: VendorVisibility | undefined, vendorId: string, payoutsEnabled: boolean, at: string): VendorVisibility | "unchanged" {
  if (!isNewer(at, current?.payoutsAt)) return "unchanged";
  return { ...(current ?? { vendorId }), payoutsEnabled, payoutsAt: at };
}

/** A vendor nobody has told us about is visible: its products are active only if it was approved. */
export const isHidden = (vendor: VendorVisibility | undefined): boolean => !!vendor && (vendor.suspended === true || vendor.payoutsEnabled === false);
