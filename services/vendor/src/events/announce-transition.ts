import { vendorApplied, vendorApproved, vendorRejected, vendorSuspended } from "@market/contracts";
import { enqueueEvent, type Tx } from "@market/kit";
import type { VendorTransition } from "../domain/vendor-application.ts";
import type { Vendor } from "../db/schema.ts";

/**
 * Writes the integration event of a status change to the outbox, in the transaction of the
 * change. Edits stay inside the service: nobody else needs a draft's revisions.
 */
export async function announceTransition(tx: Tx, vendor: Vendor, step: VendorTransition, traceparent: string | undefined): Promise<void> {
  const ref = { vendorId: vendor.id, ownerId: vendor.ownerId, at: step.at.toISOString(), by: step.by };
  const options = { subject: vendor.id, source: "vendor", ...(traceparent ? { traceparent } : {}) };
  const reason = step.reason ?? "";
  switch (step.action) {
    case "submit":
      await enqueueEvent(tx, vendorApplied, { ...ref, displayName: vendor.displayName }, options);
      return;
    case "approve":
    case "reinstate":
      // Subscribers (auth's vendor role, search) act the same on both; the flag is for people.
      await enqueueEvent(tx, vendorApproved, { ...ref, reinstated: step.action === "reinstate" }, options);
      return;
    case "reject":
      await enqueueEvent(tx, vendorRejected, { ...ref, reason }, options);
      return;
    case "suspend":
      await enqueueEvent(tx, vendorSuspended, { ...ref, reason }, options);
      return;
    case "edit":
      return;
  }
}
