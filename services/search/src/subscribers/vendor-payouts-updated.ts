import { vendorPayoutsUpdated } from "@market/contracts";
import { subscription } from "@market/kit";
import { withPayouts } from "../domain/vendor-visibility.ts";
import { modifyVendor } from "../documents/modify-vendor.ts";
import type { Deps } from "../deps.ts";

/** A vendor sells only while payouts are enabled; the catalog export leaves such vendors out too. */
export const onVendorPayoutsUpdated = (deps: Deps) =>
  subscription(vendorPayoutsUpdated, (event) =>
    modifyVendor(deps, event.data.vendorId, (current) => withPayouts(current, event.data.vendorId, event.data.payoutsEnabled, event.data.at)),
  );
