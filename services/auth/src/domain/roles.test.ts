import { describe, expect, it } from "vitest";
import { assignableRole, marketplaceRoles } from "./roles.ts";

describe("assignableRole", () => {
  it("accepts the roles a person can hold", () => {
    for (const role of ["admin", "vendor", "customer"]) expect(assignableRole.parse(role)).toBe(role);
  });

  it("refuses service, Keycloak's own roles and other spellings", () => {
    for (const role of ["service", "default-roles-marketplace", "offline_access", "Admin", " vendor", ""]) {
      expect(assignableRole.safeParse(role).success).toBe(false);
    }
  });
});

describe("marketplaceRoles", () => {
  it("keeps the marketplace's roles of a token and drops Keycloak's", () => {
    expect(marketplaceRoles(["offline_access", "vendor", "default-roles-marketplace", "customer", "uma_authorization"])).toEqual(["customer", "vendor"]);
  });
});
