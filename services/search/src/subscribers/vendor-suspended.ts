import { vendorSuspended } from "@market/contracts";
import { subscription } from "@market/kit";
import { withSuspension } from "../domain/vendor-visibility.ts";
import { modifyVendor } from "../documents/modify-vendor.ts";
import type { Deps } from "../deps.ts";

/** The vendor's products leave results at once, without touching a product document. */
export const onVendorSuspended = (deps: Deps) =>
  subscription(vendorSuspended, (event) => modifyVendor(deps, event.data.vendorId, (current) => withSuspension(current, event.data.vendorId, true, event.data.at)));
