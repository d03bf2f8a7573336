import type { Product, ProductMedia, Variant } from "../db/schema.ts";
import { ratingAverage } from "../domain/rating.ts";

export type UrlOf = (objectKey: string) => string;

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

/** A ready image as views and events show it (`position` 0 first). */
export const imageView = (m: ProductMedia, urlOf: UrlOf) => ({ mediaId: m.id, url: urlOf(m.objectKey), position: m.position ?? 0 });

/** A product as the API shows it, with its variants and images. */
export function productView(p: Product, variants: readonly Variant[], images: readonly ProductMedia[], urlOf: UrlOf) {
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
    images: images.map((m) => imageView(m, urlOf)),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type ProductView = ReturnType<typeof productView>;
