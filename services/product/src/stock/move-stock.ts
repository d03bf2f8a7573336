import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { newId, type Tx } from "@market/kit";
import { reservations, stockMovements, variants, type Reservation, type StockMovementKind, type Variant } from "../db/schema.ts";
import { announceStockChanged } from "../events/announce-product.ts";

/** Records a change that already happened to `variant` (its row after the change) and announces it when what is available moved. */
export async function recordStockMovement(
  tx: Tx,
  variant: Variant,
  movement: { kind: StockMovementKind; delta: number; reason: string; by: string | null; reservationId?: string; at?: Date },
): Promise<void> {
  const at = movement.at ?? new Date();
  await tx.insert(stockMovements).values({
    id: newId("stm"),
    variantId: variant.id,
    kind: movement.kind,
    delta: movement.delta,
    stockAfter: variant.stock,
    reservedAfter: variant.reserved,
    reason: movement.reason,
    by: movement.by,
    reservationId: movement.reservationId ?? null,
    at,
  });
  if (movement.delta !== 0) await announceStockChanged(tx, variant, movement.delta, movement.reason, at);
}

/**
 * Gives back the units of held reservations past their expiry (of one variant, or all).
 * The conditional UPDATE on the reservation's status makes each expiry happen once, even
 * with the sweeper and a reserve racing on the same rows.
 */
export async function expireHeldReservations(tx: Tx, options: { variantId?: string; limit?: number } = {}): Promise<string[]> {
  const due = tx
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.status, "held"), lte(reservations.expiresAt, sql`now()`), options.variantId ? eq(reservations.variantId, options.variantId) : undefined))
    .orderBy(reservations.variantId)
    .limit(options.limit ?? 100);
  const expired = await tx
    .update(reservations)
    .set({ status: "expired", updatedAt: sql`now()` })
    .where(and(inArray(reservations.id, due), eq(reservations.status, "held")))
    .returning();
  for (const reservation of expired) {
    await giveBack(tx, reservation, { kind: "expire", reason: "reservation expired", by: null });
  }
  return expired.map((r) => r.productId);
}

/** Puts a reservation's units back into what can be bought, with its audit entry and stock.changed. */
async function giveBack(tx: Tx, reservation: Reservation, movement: { kind: "expire" | "release"; reason: string; by: string | null }): Promise<void> {
  const [variant] = await tx
    .update(variants)
    .set({ reserved: sql`${variants.reserved} - ${reservation.quantity}`, updatedAt: sql`now()` })
    .where(eq(variants.id, reservation.variantId))
    .returning();
  await recordStockMovement(tx, variant!, { ...movement, delta: reservation.quantity, reservationId: reservation.id });
}

/**
 * Releases every held reservation of a product (it is being archived: nobody may buy it now).
 * Runs under the product's row lock; the conditional UPDATE releases each hold once even if a
 * checkout commits or the sweeper expires it at the same moment.
 */
export async function releaseHeldReservations(tx: Tx, productId: string, by: string): Promise<number> {
  const released = await tx
    .update(reservations)
    .set({ status: "released", updatedAt: sql`now()` })
    .where(and(eq(reservations.productId, productId), eq(reservations.status, "held")))
    .returning();
  // Variant by variant, oldest hold first: a fixed lock order and a stable event order.
  for (const reservation of released.sort((a, b) => a.variantId.localeCompare(b.variantId) || a.id.localeCompare(b.id))) {
    await giveBack(tx, reservation, { kind: "release", reason: "product archived", by });
  }
  return released.length;
}
