import { eq } from "drizzle-orm";
import { AppError, newId } from "@market/kit";
import { vendorEvents, vendors, type Vendor } from "../db/schema.ts";
import type { VendorTransition } from "../domain/vendor-application.ts";
import { announceTransition } from "../events/announce-transition.ts";
import type { Deps } from "../deps.ts";

export interface StatusChange {
  /** The vendor to change: by id (admins) or by owner (the applicant's own). */
  where: { id: string } | { ownerId: string };
  decide: (vendor: Vendor) => VendorTransition;
  /** Application fields changed together with the status (an edit). */
  changes?: Partial<Pick<Vendor, "legalName" | "displayName" | "taxId" | "address" | "contact" | "categories">>;
  traceparent: string | undefined;
}

/**
 * Changes a vendor's status under a row lock, so two admins deciding at once cannot both
 * win: the status, its history row and its event commit together or not at all.
 */
export async function changeVendorStatus(deps: Deps, change: StatusChange): Promise<Vendor> {
  const changed = await deps.db.transaction(async (tx) => {
    const match = "id" in change.where ? eq(vendors.id, change.where.id) : eq(vendors.ownerId, change.where.ownerId);
    const [vendor] = await tx.select().from(vendors).where(match).for("update");
    if (!vendor) throw new AppError("not_found", "No such vendor application.");
    const step = change.decide(vendor);
    const [row] = await tx
      .update(vendors)
      .set({ ...change.changes, status: step.to, statusReason: step.reason ?? null, updatedAt: step.at })
      .where(eq(vendors.id, vendor.id))
      .returning();
    await tx.insert(vendorEvents).values({ id: newId("vev"), vendorId: vendor.id, action: step.action, fromStatus: step.from, toStatus: step.to, by: step.by, reason: step.reason ?? null, at: step.at });
    await announceTransition(tx, row!, step, change.traceparent);
    return row!;
  });
  deps.relay.kick();
  return changed;
}
