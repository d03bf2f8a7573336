import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { AppError, hasRole, ownedOr404, type AuthUser, type Database, type Tx } from "@market/kit";
import { products, variants, type Product, type Variant } from "../db/schema.ts";
import { isPublic } from "../domain/product-status.ts";

type Reader = Database | Tx;

export async function findProduct(db: Reader, id: string, options: { lock?: boolean } = {}): Promise<Product | undefined> {
  const query = db.select().from(products).where(and(eq(products.id, id), isNull(products.deletedAt)));
  const [row] = options.lock ? await query.for("update") : await query;
  return row;
}

export async function variantsOf(db: Reader, productIds: readonly string[]): Promise<Map<string, Variant[]>> {
  const byProduct = new Map<string, Variant[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows = await db.select().from(variants).where(inArray(variants.productId, [...productIds])).orderBy(asc(variants.createdAt), asc(variants.id));
  for (const row of rows) byProduct.get(row.productId)?.push(row);
  return byProduct;
}

export const isOwner = (user: AuthUser | undefined) => (p: Product) => !!user && p.ownerId === user.id;

/** Active products are public; any other status only to its owner and admins. */
export function visibleOr404(product: Product | undefined, user: AuthUser | undefined): Product {
  if (product && isPublic(product.status)) return product;
  return ownedOr404(product, isOwner(user), user, true);
}

/** The caller's own product (admins too when `allowAdmin`); anyone else's is 404. */
export function manageableOr404(product: Product | undefined, user: AuthUser, allowAdmin = false): Product {
  if (!hasRole(user, "vendor") && !(allowAdmin && hasRole(user, "admin"))) throw new AppError("forbidden", `This needs the role vendor${allowAdmin ? " or admin" : ""}.`);
  return ownedOr404(product, isOwner(user), user, allowAdmin);
}
