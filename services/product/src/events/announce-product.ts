import { productCreated, productDeleted, productUpdated, stockChanged } from "@market/contracts";
import { enqueueEvent, type Tx } from "@market/kit";
import type { Product, Variant } from "../db/schema.ts";
import { variantsOf } from "../products/find-product.ts";

const options = (productId: string) => ({ subject: productId, source: "product" });

/** Writes product.created or product.updated with the product as it now stands, variants included. */
export async function announceProduct(tx: Tx, product: Product, kind: "created" | "updated"): Promise<void> {
  const variants = (await variantsOf(tx, [product.id])).get(product.id) ?? [];
  const data = {
    productId: product.id,
    ...(product.vendorId ? { vendorId: product.vendorId } : {}),
    ownerId: product.ownerId,
    title: product.title,
    description: product.description,
    categoryId: product.categoryId,
    status: product.status,
    attributes: product.attributes,
    variants: variants.map((v) => ({ variantId: v.id, sku: v.sku, price: { amount: v.priceAmount, currency: v.priceCurrency }, stock: v.stock - v.reserved })),
    updatedAt: product.updatedAt.toISOString(),
  };
  await enqueueEvent(tx, kind === "created" ? productCreated : productUpdated, data, options(product.id));
}

export async function announceProductDeleted(tx: Tx, product: Product, at: Date): Promise<void> {
  await enqueueEvent(
    tx,
    productDeleted,
    { productId: product.id, ...(product.vendorId ? { vendorId: product.vendorId } : {}), ownerId: product.ownerId, deletedAt: at.toISOString() },
    options(product.id),
  );
}

/** stock.changed carries what can still be bought (stock - reserved), the number search and carts care about. */
export async function announceStockChanged(tx: Tx, variant: Variant, delta: number, reason: string, at: Date): Promise<void> {
  await enqueueEvent(
    tx,
    stockChanged,
    { productId: variant.productId, variantId: variant.id, available: variant.stock - variant.reserved, delta, reason, at: at.toISOString() },
    options(variant.productId),
  );
}
