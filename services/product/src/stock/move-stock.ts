import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { newId, type Tx } from "@market/kit";
import { reservations, stockMovements, variants, type StockMovementKind, type Variant } from "../db/schema.ts";
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
export async function expireHeldReservations(tx: Tx, options: { variantId?: string; limit?: number } = {}): Promise<number> {
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
    const [variant] = await tx
      .update(variants)
      .set({ reserved: sql`${variants.reserved} - ${reservation.quantity}`, updatedAt: sql`now()` })
      .where(eq(variants.id, reservation.variantId))
      .returning();
    await recordStockMovement(tx, variant!, { kind: "expire", delta: reservation.quantity, reason: "reservation expired", by: null, reservationId: reservation.id });
  }
  return expired.length;
}
