import type { ProductSnapshot } from "@market/contracts";

/** Money in minor units, as everywhere in the marketplace. */
export interface Price {
  amount: number;
  currency: string;
}

export interface StockEntry {
  available: number;
  /** When this figure was true: the stock.changed time, or when a snapshot was read. */
  at: string;
}

/**
 * What the index stores per product. Besides the searchable fields it keeps the time each
 * part was last true (body: updatedAt, stock per variant, rating), so that an event delivered
 * late, on another topic or by a reindex, never overwrites something newer.
 */
export interface ProductDocument {
  productId: string;
  /** Shown in results: an active product whose body is known and that was not deleted. */
  live: boolean;
  vendorId?: string;
  status?: ProductSnapshot["status"];
  title?: string;
  description?: string;
  categoryId?: string;
  categoryPath?: string[];
  attributes?: Record<string, string>;
  variants?: Array<{ variantId: string; sku: string; price: Price }>;
  currencies?: string[];
  prices?: Record<string, { min: number; max: number }>;
  imageUrl?: string | null;
  createdAt?: string;
  updatedAt?: string;
  deletedAt?: string;
  stock: Record<string, StockEntry>;
  inStock: boolean;
  ratingAverage: number;
  ratingCount: number;
  ratingAt?: string;
}

export type Change = ProductDocument | "unchanged";

const time = (iso: string) => Date.parse(iso);
/** Strictly newer: an equal time is the same fact delivered again. */
const newer = (candidate: string, current: string | undefined) => current === undefined || time(candidate) > time(current);
const later = (a: string, b: string) => (time(a) >= time(b) ? a : b);

const empty = (productId: string): ProductDocument => ({ productId, live: false, stock: {}, inStock: false, ratingAverage: 0, ratingCount: 0 });

/**
 * A whole product, from product.created/updated or from the reindex export. `observedAt` is
 * when its stock and rating were read: an event's updatedAt, or the time the export page was
 * requested (the export shows stock as it stands then, which may be newer than updatedAt).
 */
export function applySnapshot(current: ProductDocument | undefined, snapshot: ProductSnapshot, observedAt: string = snapshot.updatedAt): Change {
  if (current?.deletedAt) return "unchanged";
  const asOf = later(observedAt, snapshot.updatedAt);
  const next: ProductDocument = { ...(current ?? empty(snapshot.productId)), stock: { ...current?.stock } };
  if (newer(snapshot.updatedAt, current?.updatedAt)) {
    const images = [...snapshot.images].sort((a, b) => a.position - b.position);
    Object.assign(next, {
      vendorId: snapshot.vendorId,
      status: snapshot.status,
      title: snapshot.title,
      description: snapshot.description,
      categoryId: snapshot.categoryId,
      categoryPath: snapshot.categoryPath,
      attributes: snapshot.attributes,
      variants: snapshot.variants.map(({ variantId, sku, price }) => ({ variantId, sku, price })),
      imageUrl: images[0]?.url ?? null,
      createdAt: snapshot.createdAt,
      updatedAt: snapshot.updatedAt,
    });
  }
  for (const variant of snapshot.variants) {
    if (newer(asOf, next.stock[variant.variantId]?.at)) next.stock[variant.variantId] = { available: variant.stock, at: asOf };
  }
  if (newer(asOf, next.ratingAt)) Object.assign(next, { ratingAverage: snapshot.ratingAverage, ratingCount: snapshot.ratingCount, ratingAt: asOf });
  return settle(current, next);
}

/** stock.changed: what one variant can still sell, as of `at`. */
export function applyStock(current: ProductDocument | undefined, productId: string, change: { variantId: string; available: number; at: string }): Change {
  if (current?.deletedAt) return "unchanged";
  if (!newer(change.at, current?.stock[change.variantId]?.at)) return "unchanged";
  const base = current ?? empty(productId);
  return settle(current, { ...base, stock: { ...base.stock, [change.variantId]: { available: change.available, at: change.at } } });
}

/** review.created/moderated carry the product's new average and count. */
export function applyRating(current: ProductDocument | undefined, productId: string, rating: { ratingAverage: number; ratingCount: number; at: string }): Change {
  if (current?.deletedAt) return "unchanged";
  if (!newer(rating.at, current?.ratingAt)) return "unchanged";
  return settle(current, { ...(current ?? empty(productId)), ratingAverage: rating.ratingAverage, ratingCount: rating.ratingCount, ratingAt: rating.at });
}

/**
 * A deleted product leaves a tombstone rather than nothing: without it, a product.updated
 * delivered after the deletion would bring the product back. Product ids are never reused.
 */
export function applyDeletion(current: ProductDocument | undefined, productId: string, deletedAt: string): Change {
  if (current?.deletedAt) return "unchanged";
  return settle(current, { ...empty(productId), ...(current?.vendorId ? { vendorId: current.vendorId } : {}), deletedAt });
}

/** The derived fields (live, inStock, price bounds) always follow from the stored facts. */
function settle(current: ProductDocument | undefined, next: ProductDocument): Change {
  const variants = next.variants ?? [];
  next.live = next.title !== undefined && next.status === "active" && !next.deletedAt;
  next.inStock = variants.some((v) => (next.stock[v.variantId]?.available ?? 0) > 0);
  const prices: Record<string, { min: number; max: number }> = {};
  for (const { price } of variants) {
    const bound = prices[price.currency];
    prices[price.currency] = bound ? { min: Math.min(bound.min, price.amount), max: Math.max(bound.max, price.amount) } : { min: price.amount, max: price.amount };
  }
  next.prices = prices;
  next.currencies = Object.keys(prices).sort();
  if (next.deletedAt) {
    delete next.prices;
    delete next.currencies;
  }
  return current && sameDocument(current, next) ? "unchanged" : next;
}

function sameDocument(a: ProductDocument, b: ProductDocument): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
  return value;
}

/** The variants as a buyer sees them: price and what can be bought now. */
export function variantsOf(doc: ProductDocument): Array<{ variantId: string; sku: string; price: Price; stock: number }> {
  return (doc.variants ?? []).map((v) => ({ ...v, stock: doc.stock[v.variantId]?.available ?? 0 }));
}
