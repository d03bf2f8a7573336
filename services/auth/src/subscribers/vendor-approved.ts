import { vendorApproved } from "@market/contracts";
import { subscription } from "@market/kit";
import type { Deps } from "../deps.ts";
import { changeVendorRole } from "./vendor-role.ts";

/** An approved vendor's owner may sell: the vendor role, from their next token on. */
export const onVendorApproved = (deps: Deps) => subscription(vendorApproved, (event, log) => changeVendorRole(deps, event, vendorApproved.name, "grant", log));
