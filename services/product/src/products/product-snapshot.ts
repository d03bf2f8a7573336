import { vendorNotKnown } from "../domain/seller.ts";
import type { ProductSnapshot } from "@market/contracts";
import { AppError } from "@market/kit";
import { categoryPaths } from "../categories/category-queries.ts";
import type { Product } from "../db/schema.ts";
import { eventRating } from "../domain/rating.ts";
import { imagesOf, variantsOf, type Reader } from "./find-product.ts";
import { imageView, type UrlOf } from "./product-view.ts";

/**
 * Products as whole documents (the body of product.created/updated and of the reindex export),
 * with three queries per batch whatever its size: variants, images, category paths.
 */
export async function buildSnapshots(db: Reader, rows: readonly Product[], urlOf: UrlOf): Promise<ProductSnapshot[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((p) => p.id);
  const variants = await variantsOf(db, ids);
  const images = await imagesOf(db, ids);
  const paths = await categoryPaths(db, rows.map((p) => p.categoryId));
  return rows.map((p) => {
    // Only rows from before sellers were known lack one, and their owner's approval backfills it.
    if (!p.vendorId) throw new AppError("conflict", vendorNotKnown);
    return {
      productId: p.id,
      vendorId: p.vendorId,
      ownerId: p.ownerId,
      title: p.title,
      description: p.description,
      categoryId: p.categoryId,
      categoryPath: paths.get(p.categoryId) ?? [p.categoryId],
      status: p.status,
      attributes: p.attributes,
      variants: (variants.get(p.id) ?? []).map((v) => ({ variantId: v.id, sku: v.sku, price: { amount: v.priceAmount, currency: v.priceCurrency }, stock: v.stock - v.reserved })),
      images: (images.get(p.id) ?? []).map((m) => imageView(m, urlOf)),
      ...eventRating(p.ratingSum, p.ratingCount),
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}
