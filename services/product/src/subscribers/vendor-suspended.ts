import { vendorSuspended } from "@market/contracts";
import { subscription } from "@market/kit";
import type { Deps } from "../deps.ts";
import { recordSeller } from "../sellers/record-seller.ts";

/** A suspended vendor's products leave the public catalog and cannot be reserved. */
export const onVendorSuspended = (deps: Deps) => subscription(vendorSuspended, (event) => recordSeller(deps, event, vendorSuspended.name, { kind: "status", status: "suspended" }));
