import type { estypes } from "@elastic/elasticsearch";
import { variantsOf, type ProductDocument } from "../domain/product-document.ts";
import { encodeCursor, type SortValue } from "../domain/search-cursor.ts";
import type { IndexNames } from "../elastic/index-layout.ts";
import type { SearchQuery, SortName } from "../routes/search/search.schemas.ts";
import { visibleProducts } from "./visible-products.ts";

/** Price buckets of the facet, in minor units; the last one is open-ended. */
export const priceBuckets = [0, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000] as const;
const ratingFloors = [4, 3, 2, 1] as const;

/** The sort of each order, always ending on productId so that search_after pages never skip or repeat. */
export function sortOf(sort: SortName, currency: string, hasText: boolean): estypes.SortCombinations[] {
  const price = `prices.${currency}.min`;
  switch (sort) {
    case "relevance":
      return hasText ? ["_score", { productId: "asc" }] : [{ createdAt: "desc" }, { productId: "asc" }];
    case "price_asc":
      return [{ [price]: { order: "asc", missing: "_last", unmapped_type: "long" } }, { productId: "asc" }];
    case "price_desc":
      return [{ [price]: { order: "desc", missing: "_last", unmapped_type: "long" } }, { productId: "asc" }];
    case "rating":
      return [{ ratingAverage: "desc" }, { ratingCount: "desc" }, { productId: "asc" }];
    case "newest":
      return [{ createdAt: "desc" }, { productId: "asc" }];
  }
}

export function searchRequest(names: IndexNames, query: SearchQuery, after: SortValue[] | undefined): estypes.SearchRequest {
  const visible = visibleProducts(names);
  const filter = [...visible.filter];
  const must: estypes.QueryDslQueryContainer[] = [];
  const should: estypes.QueryDslQueryContainer[] = [];
  if (query.q) {
    // Title above description; fuzziness so that a slip of the keyboard still finds.
    must.push({ multi_match: { query: query.q, fields: ["title^3", "description"], fuzziness: "AUTO", prefix_length: 1, minimum_should_match: "2<-25%" } });
    should.push({ match_phrase: { title: { query: query.q, boost: 2 } } });
  }
  if (query.category) filter.push({ term: { categoryPath: query.category } });
  if (query.vendor) filter.push({ term: { vendorId: query.vendor } });
  if (query.inStock) filter.push({ term: { inStock: true } });
  if (query.minRating !== undefined) filter.push({ range: { ratingAverage: { gte: query.minRating } } });
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    filter.push({ range: { [`prices.${query.currency}.min`]: { ...(query.minPrice !== undefined ? { gte: query.minPrice } : {}), ...(query.maxPrice !== undefined ? { lte: query.maxPrice } : {}) } } });
  }
  const priceField = `prices.${query.currency}.min`;
  return {
    index: names.read,
    size: query.size + 1,
    track_total_hits: true,
    query: { bool: { must, should, filter, must_not: visible.must_not } },
    sort: sortOf(query.sort, query.currency, !!query.q),
    ...(after ? { search_after: after } : {}),
    _source: { excludes: ["description", "stock.*.at"] },
    aggs: {
      categories: { terms: { field: "categoryPath", size: 30 } },
      vendors: { terms: { field: "vendorId", size: 20 } },
      prices: {
        range: {
          field: priceField,
          keyed: false,
          ranges: priceBuckets.map((from, i) => ({ key: `${from}-${priceBuckets[i + 1] ?? ""}`, from, ...(priceBuckets[i + 1] ? { to: priceBuckets[i + 1] } : {}) })),
        },
      },
      ratings: { range: { field: "ratingAverage", keyed: false, ranges: ratingFloors.map((from) => ({ key: `${from}+`, from })) } },
      inStock: { filter: { term: { inStock: true } } },
    },
  };
}

export interface SearchItem {
  productId: string;
  vendorId: string;
  title: string;
  categoryId: string;
  categoryPath: string[];
  attributes: Record<string, string>;
  /** The lowest price in the requested currency, else in the first currency the product has. */
  price: { amount: number; currency: string } | null;
  priceRange: Record<string, { min: number; max: number }>;
  inStock: boolean;
  ratingAverage: number;
  ratingCount: number;
  imageUrl: string | null;
  createdAt: string;
  updatedAt: string;
  variants: ReturnType<typeof variantsOf>;
}

export interface SearchPage {
  items: SearchItem[];
  total: number;
  facets: {
    categories: Array<{ categoryId: string; count: number }>;
    vendors: Array<{ vendorId: string; count: number }>;
    prices: Array<{ currency: string; from: number; to: number | null; count: number }>;
    ratings: Array<{ min: number; count: number }>;
    inStock: { true: number; false: number };
  };
  next: string | null;
}

type Buckets<T> = { buckets: T[] };

export function searchPage(response: estypes.SearchResponse<ProductDocument>, query: SearchQuery): SearchPage {
  const hits = response.hits.hits;
  const page = hits.slice(0, query.size);
  const last = page.at(-1);
  const total = typeof response.hits.total === "number" ? response.hits.total : (response.hits.total?.value ?? 0);
  const aggs = (response.aggregations ?? {}) as Record<string, unknown>;
  const terms = (name: string) => ((aggs[name] as Buckets<{ key: string; doc_count: number }> | undefined)?.buckets ?? []);
  const ranges = (name: string) => ((aggs[name] as Buckets<{ from?: number; to?: number; doc_count: number }> | undefined)?.buckets ?? []);
  const inStock = (aggs.inStock as { doc_count: number } | undefined)?.doc_count ?? 0;
  return {
    items: page.map((hit) => toItem(hit._source!, query.currency)),
    total,
    facets: {
      categories: terms("categories").map((b) => ({ categoryId: b.key, count: b.doc_count })),
      vendors: terms("vendors").map((b) => ({ vendorId: b.key, count: b.doc_count })),
      prices: ranges("prices").map((b) => ({ currency: query.currency, from: b.from ?? 0, to: b.to ?? null, count: b.doc_count })),
      ratings: ranges("ratings").map((b) => ({ min: b.from ?? 0, count: b.doc_count })),
      inStock: { true: inStock, false: total - inStock },
    },
    next: hits.length > query.size && last?.sort ? encodeCursor({ sort: query.sort, currency: query.currency, values: last.sort as SortValue[] }) : null,
  };
}

function toItem(doc: ProductDocument, currency: string): SearchItem {
  const prices = doc.prices ?? {};
  const shown = prices[currency] ? currency : Object.keys(prices).sort()[0];
  return {
    productId: doc.productId,
    vendorId: doc.vendorId!,
    title: doc.title!,
    categoryId: doc.categoryId!,
    categoryPath: doc.categoryPath ?? [],
    attributes: doc.attributes ?? {},
    price: shown ? { amount: prices[shown]!.min, currency: shown } : null,
    priceRange: prices,
    inStock: doc.inStock,
    ratingAverage: doc.ratingAverage,
    ratingCount: doc.ratingCount,
    imageUrl: doc.imageUrl ?? null,
    createdAt: doc.createdAt!,
    updatedAt: doc.updatedAt!,
    variants: variantsOf(doc),
  };
}
