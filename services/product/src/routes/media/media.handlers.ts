import { and, asc, eq, sql } from "drizzle-orm";
import { AppError, newId, readJson, readParams, requireRole, type AppContext, type AuthUser, type Tx } from "@market/kit";
import { productMedia, type Product, type ProductMedia } from "../../db/schema.ts";
import { checkMediaOrder, mediaKey } from "../../domain/media.ts";
import type { Deps } from "../../deps.ts";
import { committed, touchProduct } from "../../products/change-product.ts";
import { findProduct, manageableOr404, type Reader } from "../../products/find-product.ts";
import { imageView } from "../../products/product-view.ts";
import { mediaParams, productMediaParams, reorderMediaBody, requestUploadBody } from "./media.schemas.ts";

/** The caller's own product, locked; archived products take no media changes. Anyone else's is 404. */
async function ownProduct(tx: Tx, user: AuthUser, productId: string): Promise<Product> {
  const product = manageableOr404(await findProduct(tx, productId, { lock: true }), user);
  if (product.status === "archived") throw new AppError("conflict", "An archived product's images cannot change.");
  return product;
}

async function findMedia(db: Reader, productId: string, mediaId: string): Promise<ProductMedia> {
  const [media] = await db.select().from(productMedia).where(and(eq(productMedia.id, mediaId), eq(productMedia.productId, productId)));
  if (!media) throw new AppError("not_found", "No such image.");
  return media;
}

const readyImages = (tx: Tx, productId: string) =>
  tx.select().from(productMedia).where(and(eq(productMedia.productId, productId), eq(productMedia.status, "ready"))).orderBy(asc(productMedia.position));

/** Numbers the given images 0, 1, 2… in this order (one statement). */
async function setPositions(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update ${productMedia} set position = o.ord - 1, updated_at = now()
    from unnest(${sql.param([...ids])}::text[]) with ordinality as o(id, ord) where ${productMedia.id} = o.id`);
}

const mediaView = (m: ProductMedia, deps: Deps) => ({ ...imageView(m, deps.media.urlOf), status: m.status, contentType: m.contentType });

/**
 * Starts an image upload: a pending media row and a presigned POST whose policy pins the key,
 * the content type and 1 B–5 MB, so the storage itself refuses anything else.
 */
export async function requestUpload(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const { id } = readParams(c, productMediaParams);
  const { contentType } = await readJson(c, requestUploadBody);
  const mediaId = newId("med");
  const key = mediaKey(id, mediaId, contentType);
  await deps.db.transaction(async (tx) => {
    await ownProduct(tx, user, id);
    await tx.insert(productMedia).values({ id: mediaId, productId: id, objectKey: key, contentType });
  });
  const { url, fields, expiresAt } = await deps.media.presignUpload(key, contentType);
  return c.json({ mediaId, upload: { url, fields }, expiresAt }, 201);
}

/** Makes an uploaded image part of the product (last in order) once storage has it; confirming twice changes nothing. */
export async function confirmUpload(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const { id, mediaId } = readParams(c, mediaParams);
  // Looked up first so that the storage round trip happens outside the product's lock.
  const pending = await findMedia(deps.db, manageableOr404(await findProduct(deps.db, id), user).id, mediaId);
  if (pending.status === "pending" && !(await deps.media.exists(pending.objectKey))) {
    throw new AppError("conflict", "The image has not arrived in storage; upload it with the presigned POST first.");
  }
  const outcome = await deps.db.transaction(async (tx) => {
    await ownProduct(tx, user, id);
    const media = await findMedia(tx, id, mediaId);
    if (media.status === "ready") return { media, changed: false };
    const [ready] = await tx
      .update(productMedia)
      .set({
        status: "ready",
        position: sql`(select coalesce(max(m.position) + 1, 0) from ${productMedia} m where m.product_id = ${id} and m.status = 'ready')`,
        updatedAt: sql`now()`,
      })
      .where(eq(productMedia.id, mediaId))
      .returning();
    await touchProduct(deps, tx, id);
    return { media: ready!, changed: true };
  });
  if (outcome.changed) await committed(deps, [id]);
  return c.json(mediaView(outcome.media, deps));
}

/** Puts the product's ready images in a new order: the list must name each of them once. */
export async function reorderMedia(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const { id } = readParams(c, productMediaParams);
  const { mediaIds } = await readJson(c, reorderMediaBody);
  const images = await deps.db.transaction(async (tx) => {
    await ownProduct(tx, user, id);
    const order = checkMediaOrder((await readyImages(tx, id)).map((m) => m.id), mediaIds);
    await setPositions(tx, order);
    await touchProduct(deps, tx, id);
    return readyImages(tx, id);
  });
  await committed(deps, [id]);
  return c.json({ items: images.map((m) => mediaView(m, deps)) });
}

/** Removes an image (pending or ready); the rest close ranks. The stored object goes after the commit. */
export async function deleteMedia(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const { id, mediaId } = readParams(c, mediaParams);
  const removed = await deps.db.transaction(async (tx) => {
    await ownProduct(tx, user, id);
    const media = await findMedia(tx, id, mediaId);
    await tx.delete(productMedia).where(eq(productMedia.id, mediaId));
    if (media.status === "ready") {
      await setPositions(tx, (await readyImages(tx, id)).map((m) => m.id));
      await touchProduct(deps, tx, id);
    }
    return media;
  });
  if (removed.status === "ready") await committed(deps, [id]);
  // The row is gone, so nobody refers to the object any more; a failure here only leaves garbage behind.
  await deps.media.remove(removed.objectKey).catch((err: unknown) => c.var.log.warn({ err, key: removed.objectKey }, "could not remove a deleted image from storage"));
  return c.body(null, 204);
}
