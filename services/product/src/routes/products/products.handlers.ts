import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { AppError, newId, readJson, readParams, readQuery, requireRole, requireUser, type AppContext, type AppEnv, type Tx } from "@market/kit";
import { subtreeOf } from "../../categories/category-queries.ts";
import { categories, products, sellers, stockMovements, variants, type Product } from "../../db/schema.ts";
import { sellerBlocker } from "../../domain/seller.ts";
import type { Deps } from "../../deps.ts";
import { announceProduct, announceProductDeleted } from "../../events/announce-product.ts";
import { changeProduct, committed, touchProduct } from "../../products/change-product.ts";
import {
  findProduct,
  findPublicProduct,
  findVisibleProduct,
  imagesOf,
  manageableOr404,
  publiclyVisible,
  requireSellable,
  sellableSeller,
  sellerByOwner,
  variantsOf,
} from "../../products/find-product.ts";
import { productView, variantView } from "../../products/product-view.ts";
import { releaseHeldReservations } from "../../stock/move-stock.ts";
import {
  createProductBody,
  createVariantBody,
  editProductBody,
  editVariantBody,
  listProductsQuery,
  productIdParams,
  rejectProductBody,
  variantParams,
} from "./products.schemas.ts";

async function requireCategory(tx: Tx, categoryId: string): Promise<void> {
  const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId));
  if (!category) throw new AppError("validation_failed", "No such category.", { errors: [{ field: "categoryId", reason: "does not exist" }] });
}

async function viewsOf(deps: Deps, rows: readonly Product[]) {
  const ids = rows.map((p) => p.id);
  const variants = await variantsOf(deps.db, ids);
  const images = await imagesOf(deps.db, ids);
  return rows.map((p) => productView(p, variants.get(p.id) ?? [], images.get(p.id) ?? [], deps.media.urlOf));
}

async function respond(deps: Deps, c: AppContext, product: Product, status: 200 | 201 = 200) {
  const [view] = await viewsOf(deps, [product]);
  return c.json(view!, status);
}

/** Products are created by vendors the catalog knows as approved (from vendor.approved), and belong to that vendor. */
export async function createProduct(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const body = await readJson(c, createProductBody);
  const created = await deps.db.transaction(async (tx) => {
    await requireCategory(tx, body.categoryId);
    const seller = await sellerByOwner(tx, user.id);
    const blocker = sellerBlocker(seller, "list");
    if (blocker) throw new AppError("conflict", blocker);
    const [row] = await tx.insert(products).values({ id: newId("prd"), ownerId: user.id, vendorId: seller!.vendorId, ...body }).returning();
    await announceProduct(tx, row!, "created", deps.media.urlOf);
    return row!;
  });
  await committed(deps, [created.id]);
  c.header("location", `/products/${created.id}`);
  return respond(deps, c, created, 201);
}

/**
 * The public catalog: active products of sellers that may sell, by id; `category` takes in its
 * descendants. Cached: every change that could alter a page replaces the listing generation.
 */
export async function listProducts(deps: Deps, c: AppContext) {
  const query = readQuery(c, listProductsQuery);
  const category = query.category ?? query.categoryId;
  const page = await deps.cache.listing("categories", "products", `${category ?? "*"}:${query.after ?? ""}:${query.limit}`, async () => {
    const rows = await deps.db
      .select({ product: products })
      .from(products)
      .innerJoin(sellers, sellableSeller)
      .where(and(publiclyVisible, category ? inArray(products.categoryId, subtreeOf(category)) : undefined, query.after ? gt(products.id, query.after) : undefined))
      .orderBy(asc(products.id))
      .limit(query.limit);
    const items = await viewsOf(deps, rows.map((r) => r.product));
    return { items, next: rows.length === query.limit ? rows.at(-1)!.product.id : null };
  });
  return c.json(page);
}

/** The calling vendor's own products, whatever their status. */
export async function listOwnProducts(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const query = readQuery(c, listProductsQuery);
  const rows = await deps.db
    .select()
    .from(products)
    .where(and(eq(products.ownerId, user.id), isNull(products.deletedAt), query.after ? lt(products.id, query.after) : undefined))
    .orderBy(desc(products.id))
    .limit(query.limit);
  return c.json({ items: await viewsOf(deps, rows), next: rows.length === query.limit ? rows.at(-1)!.id : null });
}

/** The moderation queue: products waiting for review, longest waiting first. */
export async function listReviewQueue(deps: Deps, c: AppContext) {
  requireRole(c, "admin");
  const query = readQuery(c, listProductsQuery);
  const rows = await deps.db
    .select()
    .from(products)
    .where(and(eq(products.status, "pending_review"), isNull(products.deletedAt), query.after ? gt(products.id, query.after) : undefined))
    .orderBy(asc(products.updatedAt), asc(products.id))
    .limit(query.limit);
  return c.json({ items: await viewsOf(deps, rows) });
}

/**
 * A product by id. The public view comes from the cache without looking at the caller (no token
 * check on the hot path); only a product the public may not see needs the caller: its owner
 * and admins still get it, from Postgres.
 */
export async function getProduct(deps: Deps, c: AppContext, authenticate: MiddlewareHandler<AppEnv>) {
  const { id } = readParams(c, productIdParams);
  const view = await deps.cache.product(id, async () => {
    const product = await findPublicProduct(deps.db, id);
    return product ? (await viewsOf(deps, [product]))[0]! : null;
  });
  if (view) return c.json(view, 200, publicPageHeaders(deps, c));
  await authenticate(c, async () => undefined);
  return respond(deps, c, await findVisibleProduct(deps.db, id, c.var.user));
}

/** An anonymous read of a public page may be shared by the edge for a few seconds. */
function publicPageHeaders(deps: Deps, c: AppContext): Record<string, string> {
  if (deps.edgeMaxAgeSeconds === 0 || c.req.header("authorization")) return {};
  return { "cache-control": `public, max-age=${deps.edgeMaxAgeSeconds}` };
}

export async function editProduct(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, productIdParams);
  const changes = await readJson(c, editProductBody);
  const product = await changeProduct(deps, {
    productId: id,
    user,
    access: "owner",
    action: "edit",
    changes,
    check: async (tx) => (changes.categoryId ? requireCategory(tx, changes.categoryId) : undefined),
  });
  return respond(deps, c, product);
}

export async function submitProduct(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, productIdParams);
  const product = await changeProduct(deps, {
    productId: id,
    user,
    access: "owner",
    action: "submit",
    check: async (tx, p) => {
      const [one] = await tx.select({ id: variants.id }).from(variants).where(eq(variants.productId, p.id)).limit(1);
      if (!one) throw new AppError("conflict", "Add at least one variant before submitting the product for review.");
      await requireSellable(tx, p);
    },
  });
  return respond(deps, c, product);
}

export async function approveProduct(deps: Deps, c: AppContext) {
  const user = requireRole(c, "admin");
  const { id } = readParams(c, productIdParams);
  return respond(deps, c, await changeProduct(deps, { productId: id, user, access: "admin", action: "approve", check: requireSellable }));
}

export async function rejectProduct(deps: Deps, c: AppContext) {
  const user = requireRole(c, "admin");
  const { id } = readParams(c, productIdParams);
  const { reason } = await readJson(c, rejectProductBody);
  return respond(deps, c, await changeProduct(deps, { productId: id, user, access: "admin", action: "reject", reason }));
}

export async function archiveProduct(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, productIdParams);
  // Nobody may buy an archived product: its held units go back, in the archive's transaction.
  const archived = await changeProduct(deps, { productId: id, user, access: "owner_or_admin", action: "archive", effect: (tx, p) => releaseHeldReservations(tx, p.id, user.id).then(() => undefined) });
  return respond(deps, c, archived);
}

/** Removes the product from the catalog (kept in the database for orders that refer to it). */
export async function deleteProduct(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, productIdParams);
  await deps.db.transaction(async (tx) => {
    const product = manageableOr404(await findProduct(tx, id, { lock: true }), user, true);
    const at = new Date();
    await tx.update(products).set({ deletedAt: at, updatedAt: at }).where(eq(products.id, product.id));
    await announceProductDeleted(tx, product, at);
  });
  await committed(deps, [id]);
  return c.body(null, 204);
}

export async function addVariant(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id } = readParams(c, productIdParams);
  const body = await readJson(c, createVariantBody);
  const created = await deps.db.transaction(async (tx) => {
    const product = manageableOr404(await findProduct(tx, id, { lock: true }), user);
    if (product.status === "archived") throw new AppError("conflict", "An archived product takes no new variants.");
    const [variant] = await tx
      .insert(variants)
      .values({ id: newId("var"), productId: product.id, sku: body.sku, priceAmount: body.price.amount, priceCurrency: body.price.currency, stock: body.stock })
      .onConflictDoNothing({ target: [variants.productId, variants.sku] })
      .returning();
    if (!variant) throw new AppError("conflict", `This product has a variant with the SKU '${body.sku}' already.`);
    if (variant.stock > 0) {
      await tx.insert(stockMovements).values({ id: newId("stm"), variantId: variant.id, kind: "set", delta: variant.stock, stockAfter: variant.stock, reservedAfter: 0, reason: "initial stock", by: user.id });
    }
    await touchProduct(deps, tx, product.id);
    return variant;
  });
  await committed(deps, [id]);
  return c.json(variantView(created), 201, { location: `/products/${id}/variants/${created.id}` });
}

export async function editVariant(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const { id, variantId } = readParams(c, variantParams);
  const { price } = await readJson(c, editVariantBody);
  const changed = await deps.db.transaction(async (tx) => {
    const product = manageableOr404(await findProduct(tx, id, { lock: true }), user);
    const [variant] = await tx
      .update(variants)
      .set({ priceAmount: price.amount, priceCurrency: price.currency, updatedAt: sql`now()` })
      .where(and(eq(variants.id, variantId), eq(variants.productId, product.id)))
      .returning();
    if (!variant) throw new AppError("not_found", "No such variant.");
    await touchProduct(deps, tx, product.id);
    return variant;
  });
  await committed(deps, [id]);
  return c.json(variantView(changed));
}
