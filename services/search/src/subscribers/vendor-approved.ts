import { vendorApproved } from "@market/contracts";
import { subscription } from "@market/kit";
import { withSuspension } from "../domain/vendor-visibility.ts";
import { modifyVendor } from "../documents/modify-vendor.ts";
import type { Deps } from "../deps.ts";

/**
 * A reinstatement (reinstated: true) brings the vendor's products back. A first approval
 * means the same, not suspended, so both are applied; the event time keeps them in order.
 */
export const onVendorApproved = (deps: Deps) =>
  subscription(vendorApproved, (event) => modifyVendor(deps, event.data.vendorId, (current) => withSuspension(current, event.data.vendorId, false, event.data.at)));
