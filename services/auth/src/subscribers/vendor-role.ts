import { AppError, applyOnce, type CloudEvent, type Logger } from "@market/kit";
import type { Deps } from "../deps.ts";

type VendorEvent = CloudEvent<{ vendorId: string; ownerId: string }>;

/**
 * Grants or revokes the vendor role of a vendor's owner once per event. The Keycloak call
 * runs inside the inbox transaction: if it fails, the inbox row rolls back and Dapr
 * redelivers; if the commit fails after it, the redelivery repeats a change Keycloak
 * already holds, which changes nothing.
 */
export function changeVendorRole(deps: Deps, event: VendorEvent, topic: string, change: "grant" | "revoke", log: Logger) {
  const { ownerId, vendorId } = event.data;
  return applyOnce(deps.db, { id: event.id, topic }, async () => {
    try {
      await (change === "grant" ? deps.keycloak.grantRealmRole(ownerId, "vendor") : deps.keycloak.revokeRealmRole(ownerId, "vendor"));
    } catch (error) {
      // An owner whose account is gone has no role to change; retrying cannot bring it back.
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      log.warn({ ownerId, vendorId }, `vendor owner has no account; nothing to ${change}`);
    }
  });
}
