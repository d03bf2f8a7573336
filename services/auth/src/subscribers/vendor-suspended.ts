import { vendorSuspended } from "@market/contracts";
import { subscription } from "@market/kit";
import type { Deps } from "../deps.ts";
import { changeVendorRole } from "./vendor-role.ts";

/** A suspended vendor's owner loses the vendor role; their current token keeps it until it expires (minutes). */
export const onVendorSuspended = (deps: Deps) => subscription(vendorSuspended, (event, log) => changeVendorRole(deps, event, vendorSuspended.name, "revoke", log));
