import { and, asc, eq, ne } from "drizzle-orm";
import { AppError, newId, readJson, readParams, requireUser, type AppContext, type Tx } from "@market/kit";
import { addresses } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { addressBody, addressParams } from "./addresses.schemas.ts";
import { addressView } from "./addresses.view.ts";

const MAX_ADDRESSES = 20;

// Making one address the default clears the others first, in the same transaction; the
// partial unique index on (user_id) where is_default catches any race.
async function clearDefault(tx: Tx, userId: string, except?: string) {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true), except ? ne(addresses.id, except) : undefined));
}

export async function listOwnAddresses(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const rows = await deps.db.select().from(addresses).where(eq(addresses.userId, user.id)).orderBy(asc(addresses.createdAt));
  return c.json({ items: rows.map(addressView) });
}

export async function createOwnAddress(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const body = await readJson(c, addressBody);
  const created = await deps.db.transaction(async (tx) => {
    const existing = await tx.select({ id: addresses.id, isDefault: addresses.isDefault }).from(addresses).where(eq(addresses.userId, user.id)).for("update");
    if (existing.length >= MAX_ADDRESSES) throw new AppError("conflict", `At most ${MAX_ADDRESSES} addresses can be saved.`);
    // The first address becomes the default by itself.
    const isDefault = body.isDefault || existing.length === 0;
    if (isDefault) await clearDefault(tx, user.id);
    const [row] = await tx.insert(addresses).values({ ...body, id: newId("adr"), userId: user.id, isDefault }).returning();
    return row!;
  });
  return c.json(addressView(created), 201, { location: `/users/me/addresses/${created.id}` });
}

export async function replaceOwnAddress(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { addressId } = readParams(c, addressParams);
  const body = await readJson(c, addressBody);
  const updated = await deps.db.transaction(async (tx) => {
    if (body.isDefault) await clearDefault(tx, user.id, addressId);
    const [row] = await tx
      .update(addresses)
      .set({ ...body, label: body.label ?? null, line2: body.line2 ?? null, region: body.region ?? null, phone: body.phone ?? null, updatedAt: new Date() })
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, user.id)))
      .returning();
    if (!row) throw new AppError("not_found");
    return row;
  });
  return c.json(addressView(updated));
}

export async function setDefaultAddress(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { addressId } = readParams(c, addressParams);
  const updated = await deps.db.transaction(async (tx) => {
    await clearDefault(tx, user.id, addressId);
    const [row] = await tx
      .update(addresses)
      .set({ isDefault: true, updatedAt: new Date() })
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, user.id)))
      .returning();
    if (!row) throw new AppError("not_found");
    return row;
  });
  return c.json(addressView(updated));
}

export async function deleteOwnAddress(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { addressId } = readParams(c, addressParams);
  const [deleted] = await deps.db
    .delete(addresses)
    .where(and(eq(addresses.id, addressId), eq(addresses.userId, user.id)))
    .returning({ id: addresses.id });
  if (!deleted) throw new AppError("not_found");
  return c.body(null, 204);
}
