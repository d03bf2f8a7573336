import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { grantRole, revokeRole } from "./roles.handlers.ts";

export function rolesRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .put("/:id/roles/:role", (c) => grantRole(deps, c))
    .delete("/:id/roles/:role", (c) => revokeRole(deps, c));
}
