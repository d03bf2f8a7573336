import { z } from "zod";

/** The realm roles a person can hold; `service` belongs to service accounts and is never granted here. */
export const assignableRoles = ["admin", "vendor", "customer"] as const;
export type AssignableRole = (typeof assignableRoles)[number];

export const assignableRole = z.enum(assignableRoles, { error: `must be one of ${assignableRoles.join(", ")}` });

/** The marketplace's roles among a token's realm roles, without Keycloak's own (offline_access, default-roles-…). */
export function marketplaceRoles(roles: Iterable<string>): string[] {
  const known = new Set<string>([...assignableRoles, "service"]);
  return [...roles].filter((role) => known.has(role)).sort();
}
