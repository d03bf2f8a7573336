import { readParams, requireRole, type AppContext } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { userRoleParams } from "./roles.schemas.ts";

/** Takes effect with the user's next token: tokens already issued keep their roles until they expire. */
export async function grantRole(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const { id, role } = readParams(c, userRoleParams);
  await deps.keycloak.grantRealmRole(id, role);
  return c.body(null, 204);
}

export async function revokeRole(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const { id, role } = readParams(c, userRoleParams);
  await deps.keycloak.revokeRealmRole(id, role);
  return c.body(null, 204);
}
