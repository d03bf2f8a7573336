import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError, hasRole, ownedOr404, type AuthUser, type Database, type Tx } from "@market/kit";
import { productMedia, products, sellers, variants, type Product, type ProductMedia, type Seller, type Variant } from "../db/schema.ts";
import { isPublic } from "../domain/product-status.ts";
import { sellerBlocker } from "../domain/seller.ts";

export type Reader = Database | Tx;

export async function findProduct(db: Reader, id: string, options: { lock?: boolean } = {}): Promise<Product | undefined> {
  const query = db.select().from(products).where(and(eq(products.id, id), isNull(products.deletedAt)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

/** Joins a product to its seller only while the seller may sell: the public catalog's condition. */
export const sellableSeller = and(eq(sellers.vendorId, products.vendorId), eq(sellers.status, "approved"), eq(sellers.payoutsEnabled, true));

/** What customers and anonymous callers may see: active, not deleted, of a seller that may sell. */
export const publiclyVisible = and(eq(products.status, "active"), isNull(products.deletedAt));

export async function findPublicProduct(db: Reader, id: string): Promise<Product | undefined> {
  const [row] = await db.select({ product: products }).from(products).innerJoin(sellers, sellableSeller).where(and(eq(products.id, id), publiclyVisible));
  return row?.product;
}

export async function variantsOf(db: Reader, productIds: readonly string[]): Promise<Map<string, Variant[]>> {
  const byProduct = new Map<string, Variant[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows = await db.select().from(variants).where(inArray(variants.productId, [...productIds])).orderBy(asc(variants.createdAt), asc(variants.id));
  for (const row of rows) byProduct.get(row.productId)?.push(row);
  return byProduct;
}

/** The ready images of each product, in their order. */
export async function imagesOf(db: Reader, productIds: readonly string[]): Promise<Map<string, ProductMedia[]>> {
  const byProduct = new Map<string, ProductMedia[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .select()
    .from(productMedia)
    .where(and(inArray(productMedia.productId, [...productIds]), eq(productMedia.status, "ready")))
    .orderBy(asc(productMedia.productId), asc(productMedia.position));
  for (const row of rows) byProduct.get(row.productId)?.push(row);
  return byProduct;
}

export const isOwner = (user: AuthUser | undefined) => (p: Product) => !!user && p.ownerId === user.id;

/**
 * The product if the caller may see it: anyone when it is public (active, of a seller that may
 * sell), otherwise only its owner and admins; to anyone else it does not exist.
 */
export async function findVisibleProduct(db: Reader, id: string, user: AuthUser | undefined): Promise<Product> {
  const [row] = await db
    .select({ product: products, sellable: sql<boolean>`${sellers.vendorId} is not null` })
    .from(products)
    .leftJoin(sellers, sellableSeller)
    .where(and(eq(products.id, id), isNull(products.deletedAt)));
  if (row && row.sellable && isPublic(row.product.status)) return row.product;
  return ownedOr404(row?.product, isOwner(user), user, true);
}

/** The caller's own product (admins too when `allowAdmin`); anyone else's is 404. */
export function manageableOr404(product: Product | undefined, user: AuthUser, allowAdmin = false): Product {
  if (!hasRole(user, "vendor") && !(allowAdmin && hasRole(user, "admin"))) throw new AppError("forbidden", `This needs the role vendor${allowAdmin ? " or admin" : ""}.`);
  return ownedOr404(product, isOwner(user), user, allowAdmin);
}

export async function sellerByOwner(db: Reader, ownerId: string): Promise<Seller | undefined> {
  const [row] = await db.select().from(sellers).where(eq(sellers.ownerId, ownerId));
  return row;
}

/** Refuses (409, saying why) a step that needs the product's seller to be approved with payouts enabled. */
export async function requireSellable(db: Reader, product: Product): Promise<void> {
  const [seller] = product.vendorId ? await db.select().from(sellers).where(eq(sellers.vendorId, product.vendorId)) : [];
  const blocker = sellerBlocker(seller, "sell");
  if (blocker) throw new AppError("conflict", blocker);
}
