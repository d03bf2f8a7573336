import { and, asc, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { AppError, newId, readJson, readParams, readQuery, requireRole, requireUser, type AppContext, type Tx } from "@market/kit";
import { categories, products, stockMovements, variants, type Product } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { announceProduct, announceProductDeleted } from "../../events/announce-product.ts";
import { changeProduct } from "../../products/change-product.ts";
import { findProduct, manageableOr404, variantsOf, visibleOr404 } from "../../products/find-product.ts";
import { productView, variantView } from "../../products/product-view.ts";
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

async function withVariants(deps: Deps, rows: readonly Product[]) {
  const byProduct = await variantsOf(deps.db, rows.map((p) => p.id));
  return rows.map((p) => productView(p, byProduct.get(p.id) ?? []));
}

async function respond(deps: Deps, c: AppContext, product: Product, status: 200 | 201 = 200) {
  const [view] = await withVariants(deps, [product]);
  return c.json(view!, status);
}

export async function createProduct(deps: Deps, c: AppContext) {
  const user = requireRole(c, "vendor");
  const body = await readJson(c, createProductBody);
  const created = await deps.db.transaction(async (tx) => {
    await requireCategory(tx, body.categoryId);
    const [row] = await tx.insert(products).values({ id: newId("prd"), ownerId: user.id, ...body }).returning();
    await announceProduct(tx, row!, "created");
    return row!;
  });
  deps.relay.kick();
  c.header("location", `/products/${created.id}`);
  return respond(deps, c, created, 201);
}

/** The public catalog: active products only, oldest first, paged by id. */
export async function listProducts(deps: Deps, c: AppContext) {
  const query = readQuery(c, listProductsQuery);
  const rows = await deps.db
    .select()
    .from(products)
    .where(
      and(
        eq(products.status, "active"),
        isNull(products.deletedAt),
        query.categoryId ? eq(products.categoryId, query.categoryId) : undefined,
        query.after ? gt(products.id, query.after) : undefined,
      ),
    )
    .orderBy(asc(products.id))
    .limit(query.limit);
  return c.json({ items: await withVariants(deps, rows), next: rows.length === query.limit ? rows.at(-1)!.id : null });
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
  return c.json({ items: await withVariants(deps, rows), next: rows.length === query.limit ? rows.at(-1)!.id : null });
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
  return c.json({ items: await withVariants(deps, rows) });
}

export async function getProduct(deps: Deps, c: AppContext) {
  const { id } = readParams(c, productIdParams);
  const product = visibleOr404(await findProduct(deps.db, id), c.var.user);
  return respond(deps, c, product);
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
    },
  });
  return respond(deps, c, product);
}

export async function approveProduct(deps: Deps, c: AppContext) {
  const user = requireRole(c, "admin");
  const { id } = readParams(c, productIdParams);
  return respond(deps, c, await changeProduct(deps, { productId: id, user, access: "admin", action: "approve" }));
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
  return respond(deps, c, await changeProduct(deps, { productId: id, user, access: "owner_or_admin", action: "archive" }));
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
  deps.relay.kick();
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
    const [touched] = await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, product.id)).returning();
    await announceProduct(tx, touched!, "updated");
    return variant;
  });
  deps.relay.kick();
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
    const [touched] = await tx.update(products).set({ updatedAt: new Date() }).where(eq(products.id, product.id)).returning();
    await announceProduct(tx, touched!, "updated");
    return variant;
  });
  deps.relay.kick();
  return c.json(variantView(changed));
}
