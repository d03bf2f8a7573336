import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { createOwnAddress, deleteOwnAddress, listOwnAddresses, replaceOwnAddress, setDefaultAddress } from "./addresses.handlers.ts";

export function addressesRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", (c) => listOwnAddresses(deps, c))
    .post("/", (c) => createOwnAddress(deps, c))
    .put("/:addressId", (c) => replaceOwnAddress(deps, c))
    .post("/:addressId/default", (c) => setDefaultAddress(deps, c))
    .delete("/:addressId", (c) => deleteOwnAddress(deps, c));
}
