import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { applyOnce, type CloudEvent, type Tx } from "@market/kit";
import { products, sellers } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { publiclyVisible } from "../products/find-product.ts";

interface VendorRef {
  vendorId: string;
  ownerId: string;
  at: string;
}

/** A vendor has one seller row, keyed by its vendor id; an owner's older vendor id (another vendor database) gives way. */
async function claimOwner(tx: Tx, ref: VendorRef): Promise<void> {
  await tx.delete(sellers).where(and(eq(sellers.ownerId, ref.ownerId), ne(sellers.vendorId, ref.vendorId)));
}

/**
 * vendor.approved / vendor.suspended: the seller's status, unless a later status event was
 * applied already (the two topics are not ordered with each other). An approval also gives
 * the owner's products from before sellers were known their vendor id.
 */
async function recordStatus(tx: Tx, ref: VendorRef, status: "approved" | "suspended"): Promise<void> {
  const at = new Date(ref.at);
  await claimOwner(tx, ref);
  await tx
    .insert(sellers)
    .values({ vendorId: ref.vendorId, ownerId: ref.ownerId, status, statusAt: at })
    .onConflictDoUpdate({
      target: sellers.vendorId,
      set: { status, statusAt: at, updatedAt: sql`now()` },
      setWhere: sql`${sellers.statusAt} is null or ${sellers.statusAt} <= ${at.toISOString()}`,
    });
  if (status === "approved") await tx.update(products).set({ vendorId: ref.vendorId }).where(and(eq(products.ownerId, ref.ownerId), isNull(products.vendorId)));
}

/** vendor.payouts_updated: whether the seller can be paid, unless a later payout event was applied already. */
async function recordPayouts(tx: Tx, ref: VendorRef & { payoutsEnabled: boolean }): Promise<void> {
  const at = new Date(ref.at);
  await claimOwner(tx, ref);
  await tx
    .insert(sellers)
    // Payouts can be heard of before the approval: the seller waits as pending until then.
    .values({ vendorId: ref.vendorId, ownerId: ref.ownerId, status: "pending", payoutsEnabled: ref.payoutsEnabled, payoutsAt: at })
    .onConflictDoUpdate({
      target: sellers.vendorId,
      set: { payoutsEnabled: ref.payoutsEnabled, payoutsAt: at, updatedAt: sql`now()` },
      setWhere: sql`${sellers.payoutsAt} is null or ${sellers.payoutsAt} <= ${at.toISOString()}`,
    });
}

export type SellerChange = { kind: "status"; status: "approved" | "suspended" } | { kind: "payouts"; payoutsEnabled: boolean };

/**
 * Applies a vendor event once (inbox), then drops the cached public reads of the vendor's
 * products, whose visibility may just have changed, once the change has committed.
 */
export async function recordSeller(deps: Pick<Deps, "db" | "cache">, event: CloudEvent<VendorRef>, topic: string, change: SellerChange) {
  const outcome = await applyOnce(deps.db, { id: event.id, topic }, (tx) =>
    change.kind === "status" ? recordStatus(tx, event.data, change.status) : recordPayouts(tx, { ...event.data, payoutsEnabled: change.payoutsEnabled }),
  );
  if (outcome === "applied") {
    const affected = await deps.db.select({ id: products.id }).from(products).where(and(eq(products.vendorId, event.data.vendorId), publiclyVisible));
    await deps.cache.forgetProducts(affected.map((p) => p.id));
  }
  return outcome;
}
