import { and, desc, eq, sql } from "drizzle-orm";
import { AppError, hasRole, newId, readJson, readParams, requireRole, requireUser, type AppContext, type AuthUser, type Tx } from "@market/kit";
import { products, reservations, sellers, stockMovements, variants, type Reservation, type Variant } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { committed } from "../../products/change-product.ts";
import { findProduct, manageableOr404, publiclyVisible, requireSellable, sellableSeller } from "../../products/find-product.ts";
import { variantView } from "../../products/product-view.ts";
import { expireHeldReservations, recordStockMovement } from "../../stock/move-stock.ts";
import { adjustStockBody, reservationIdParams, reserveBody, setStockBody, variantParams } from "./stock.schemas.ts";

/** A service client is known by its client id, a person by the Keycloak subject. */
const actorOf = (user: AuthUser) => user.clientId ?? user.id;

/**
 * The variant, if the caller may act on it: only the owner changes stock; admins may also
 * read its audit trail (support), but stock is the vendor's to manage, as the listing is.
 */
async function ownVariant(tx: Tx | Deps["db"], user: AuthUser, productId: string, variantId: string, access: "change" | "read"): Promise<void> {
  const product = manageableOr404(await findProduct(tx, productId), user, access === "read");
  const [variant] = await tx.select({ id: variants.id }).from(variants).where(and(eq(variants.id, variantId), eq(variants.productId, product.id)));
  if (!variant) throw new AppError("not_found", "No such variant.");
}

/** Sets on-hand stock to a count (after a stocktake); cannot drop below the units held by reservations. */
export async function setStock(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id, variantId } = readParams(c, variantParams);
  const body = await readJson(c, setStockBody);
  const changed = await deps.db.transaction(async (tx) => {
    await ownVariant(tx, user, id, variantId, "change");
    const [before] = await tx.select().from(variants).where(eq(variants.id, variantId)).for("update");
    if (body.stock < before!.reserved) throw new AppError("conflict", `${before!.reserved} units are held by reservations; stock cannot go below that.`);
    const [after] = await tx.update(variants).set({ stock: body.stock, updatedAt: sql`now()` }).where(eq(variants.id, variantId)).returning();
    await recordStockMovement(tx, after!, { kind: "set", delta: body.stock - before!.stock, reason: body.reason, by: actorOf(user) });
    return after!;
  });
  await committed(deps, [changed.productId]);
  return c.json(variantView(changed));
}

/** Adds or removes units (a delivery, a breakage) in one conditional UPDATE, so concurrent adjustments all count. */
export async function adjustStock(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id, variantId } = readParams(c, variantParams);
  const body = await readJson(c, adjustStockBody);
  const changed = await deps.db.transaction(async (tx) => {
    await ownVariant(tx, user, id, variantId, "change");
    const [after] = await tx
      .update(variants)
      .set({ stock: sql`${variants.stock} + ${body.delta}`, updatedAt: sql`now()` })
      .where(and(eq(variants.id, variantId), sql`${variants.stock} + ${body.delta} >= ${variants.reserved}`))
      .returning();
    if (!after) throw new AppError("conflict", "Not enough unreserved stock to remove that many units.");
    await recordStockMovement(tx, after, { kind: "adjust", delta: body.delta, reason: body.reason, by: actorOf(user) });
    return after;
  });
  await committed(deps, [changed.productId]);
  return c.json(variantView(changed));
}

/** The variant's stock and its audit trail, newest first. */
export async function getStock(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id, variantId } = readParams(c, variantParams);
  await ownVariant(deps.db, user, id, variantId, "read");
  const [variant] = await deps.db.select().from(variants).where(eq(variants.id, variantId));
  const movements = await deps.db.select().from(stockMovements).where(eq(stockMovements.variantId, variantId)).orderBy(desc(stockMovements.at), desc(stockMovements.id)).limit(100);
  return c.json({
    ...variantView(variant!),
    movements: movements.map((m) => ({ id: m.id, kind: m.kind, delta: m.delta, stockAfter: m.stockAfter, reservedAfter: m.reservedAfter, reason: m.reason, by: m.by, reservationId: m.reservationId, at: m.at.toISOString() })),
  });
}

const reservationView = (r: Reservation) => ({
  id: r.id,
  variantId: r.variantId,
  productId: r.productId,
  quantity: r.quantity,
  status: r.status,
  holderId: r.holderId,
  expiresAt: r.expiresAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

/**
 * Holds units of an active product's variant. The hold is one conditional UPDATE
 * (`stock - reserved >= quantity`): concurrent buyers queue on the variant's row and each
 * re-checks what is left, so the stock is never oversold; the reservation row, the audit
 * entry and stock.changed commit in the same transaction.
 */
export async function reserveStock(deps: Deps, c: AppContext) {
  const user = requireRole(c, "customer", "service", "admin");
  const body = await readJson(c, reserveBody);
  const reservation = await deps.db.transaction(async (tx) => {
    await expireHeldReservations(tx, { variantId: body.variantId });
    const [held] = await tx
      .update(variants)
      .set({ reserved: sql`${variants.reserved} + ${body.quantity}`, updatedAt: sql`now()` })
      .where(
        and(
          eq(variants.id, body.variantId),
          sql`${variants.stock} - ${variants.reserved} >= ${body.quantity}`,
          sql`exists (select 1 from ${products} join ${sellers} on ${sellableSeller} where ${products.id} = ${variants.productId} and ${publiclyVisible})`,
        ),
      )
      .returning();
    if (!held) {
      const [variant] = await tx.select({ productId: variants.productId }).from(variants).where(eq(variants.id, body.variantId));
      const product = variant && (await findProduct(tx, variant.productId));
      if (!product || product.status !== "active") throw new AppError("not_found", "No such variant for sale.");
      await requireSellable(tx, product);
      throw new AppError("conflict", "Not enough stock left to reserve that many units.");
    }
    const [row] = await tx
      .insert(reservations)
      .values({
        id: newId("rsv"),
        variantId: held.id,
        productId: held.productId,
        quantity: body.quantity,
        holderId: actorOf(user),
        expiresAt: sql`now() + make_interval(secs => ${body.ttlSeconds})`,
      })
      .returning();
    await recordStockMovement(tx, held, { kind: "reserve", delta: -body.quantity, reason: "reserved", by: actorOf(user), reservationId: row!.id });
    return row!;
  });
  await committed(deps, [reservation.productId]);
  return c.json(reservationView(reservation), 201, { location: `/reservations/${reservation.id}` });
}

/** The holder, services and admins see a reservation; to anyone else it does not exist. */
function heldByOr404(reservation: Reservation | undefined, user: AuthUser): Reservation {
  if (reservation && (reservation.holderId === actorOf(user) || hasRole(user, "service") || hasRole(user, "admin"))) return reservation;
  throw new AppError("not_found", "No such reservation.");
}

export async function getReservation(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, reservationIdParams);
  const [row] = await deps.db.select().from(reservations).where(eq(reservations.id, id));
  return c.json(reservationView(heldByOr404(row, user)));
}

type Ending = "commit" | "release";

/**
 * Ends a held reservation: a commit takes the units out of stock (sold), a release gives
 * them back. A reservation found past its expiry is expired here instead, and the commit refused.
 */
async function endReservation(deps: Deps, c: AppContext, ending: Ending) {
  const user = requireUser(c);
  const { id } = readParams(c, reservationIdParams);
  const outcome = await deps.db.transaction(async (tx) => {
    const [locked] = await tx.select({ row: reservations, expired: sql<boolean>`${reservations.expiresAt} <= now()` }).from(reservations).where(eq(reservations.id, id)).for("update");
    const reservation = heldByOr404(locked?.row, user);
    if (reservation.status !== "held") return { reservation, changed: false, refused: `The reservation is ${reservation.status} already.` };
    const gone = locked!.expired;
    const status = gone ? "expired" : ending === "commit" ? "committed" : "released";
    const [row] = await tx.update(reservations).set({ status, updatedAt: sql`now()` }).where(eq(reservations.id, id)).returning();
    const sold = ending === "commit" && !gone;
    const [variant] = await tx
      .update(variants)
      .set({
        reserved: sql`${variants.reserved} - ${reservation.quantity}`,
        ...(sold ? { stock: sql`${variants.stock} - ${reservation.quantity}` } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(variants.id, reservation.variantId))
      .returning();
    await recordStockMovement(tx, variant as Variant, {
      kind: gone ? "expire" : ending,
      // A commit moves held units out of stock: what is available does not change.
      delta: sold ? 0 : reservation.quantity,
      reason: gone ? "reservation expired" : sold ? "reservation committed" : "reservation released",
      by: gone ? null : actorOf(user),
      reservationId: reservation.id,
    });
    return { reservation: row!, changed: true, refused: gone && ending === "commit" ? "The reservation has expired." : undefined };
  });
  if (outcome.changed) await committed(deps, [outcome.reservation.productId]);
  if (outcome.refused) throw new AppError("conflict", outcome.refused);
  return c.json(reservationView(outcome.reservation));
}

export const commitReservation = (deps: Deps, c: AppContext) => endReservation(deps, c, "commit");
export const releaseReservation = (deps: Deps, c: AppContext) => endReservation(deps, c, "release");
