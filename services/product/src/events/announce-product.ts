import { productCreated, productDeleted, productUpdated, stockChanged } from "@market/contracts";
import { AppError, enqueueEvent, type Tx } from "@market/kit";
import { vendorNotKnown } from "../domain/seller.ts";
import type { Product, Variant } from "../db/schema.ts";
import { buildSnapshots } from "../products/product-snapshot.ts";
import type { UrlOf } from "../products/product-view.ts";

const options = (productId: string) => ({ subject: productId, source: "product" });

/** Writes product.created or product.updated for each product, as it now stands (one snapshot build for all). */
export async function announceProducts(tx: Tx, rows: readonly Product[], kind: "created" | "updated", urlOf: UrlOf): Promise<void> {
  for (const snapshot of await buildSnapshots(tx, rows, urlOf)) {
    await enqueueEvent(tx, kind === "created" ? productCreated : productUpdated, snapshot, options(snapshot.productId));
  }
}

export const announceProduct = (tx: Tx, product: Product, kind: "created" | "updated", urlOf: UrlOf) => announceProducts(tx, [product], kind, urlOf);

export async function announceProductDeleted(tx: Tx, product: Product, at: Date): Promise<void> {
  if (!product.vendorId) throw new AppError("conflict", vendorNotKnown);
  await enqueueEvent(tx, productDeleted, { productId: product.id, vendorId: product.vendorId, ownerId: product.ownerId, deletedAt: at.toISOString() }, options(product.id));
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
