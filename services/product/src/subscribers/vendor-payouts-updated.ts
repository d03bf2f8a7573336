import { vendorPayoutsUpdated } from "@market/contracts";
import { subscription } from "@market/kit";
import type { Deps } from "../deps.ts";
import { recordSeller } from "../sellers/record-seller.ts";

/** A vendor sells only while payouts are enabled on its payout account. */
export const onVendorPayoutsUpdated = (deps: Deps) =>
  subscription(vendorPayoutsUpdated, (event) => recordSeller(deps, event, vendorPayoutsUpdated.name, { kind: "payouts", payoutsEnabled: event.data.payoutsEnabled }));
