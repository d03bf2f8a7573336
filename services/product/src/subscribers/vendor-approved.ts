import { vendorApproved } from "@market/contracts";
import { subscription } from "@market/kit";
import type { Deps } from "../deps.ts";
import { recordSeller } from "../sellers/record-seller.ts";

/** An approved (or reinstated) vendor may list products, and sell them once payouts are enabled. */
export const onVendorApproved = (deps: Deps) => subscription(vendorApproved, (event) => recordSeller(deps, event, vendorApproved.name, { kind: "status", status: "approved" }));
