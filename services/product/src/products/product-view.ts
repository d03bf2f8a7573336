import type { Product, Variant } from "../db/schema.ts";
import { ratingAverage } from "../domain/rating.ts";

export function variantView(v: Variant) {
  return {
    id: v.id,
    productId: v.productId,
    sku: v.sku,
    price: { amount: v.priceAmount, currency: v.priceCurrency },
    stock: v.stock,
    reserved: v.reserved,
    available: v.stock - v.reserved,
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** A product as the API shows it, with its variants. */
export function productView(p: Product, variants: readonly Variant[]) {
  return {
    id: p.id,
    ownerId: p.ownerId,
    vendorId: p.vendorId,
    title: p.title,
    description: p.description,
    attributes: p.attributes,
    categoryId: p.categoryId,
    status: p.status,
    statusReason: p.statusReason,
    ratingAverage: ratingAverage(p.ratingSum, p.ratingCount),
    ratingCount: p.ratingCount,
    variants: variants.map(variantView),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
