import type { estypes } from "@elastic/elasticsearch";
import type { IndexNames } from "../elastic/index-layout.ts";
import type { AutocompleteQuery } from "../routes/search/search.schemas.ts";
import { visibleProducts } from "./visible-products.ts";

/**
 * Titles as the user types: every word but the last must match whole, the last is a prefix,
 * answered from the title's indexed prefixes (index_prefixes) rather than by expanding terms.
 * A query, not the completion suggester, so that the visibility rules apply exactly.
 */
export function autocompleteRequest(names: IndexNames, query: AutocompleteQuery): estypes.SearchRequest {
  const visible = visibleProducts(names);
  return {
    index: names.read,
    size: query.size,
    track_total_hits: false,
    _source: ["productId", "title"],
    query: {
      bool: {
        must: [{ match_bool_prefix: { title: { query: query.q, operator: "and" } } }],
        filter: visible.filter,
        must_not: visible.must_not,
      },
    },
  };
}

export function autocompleteItems(response: estypes.SearchResponse<{ productId: string; title: string }>): Array<{ productId: string; title: string }> {
  return response.hits.hits.map((hit) => ({ productId: hit._source!.productId, title: hit._source!.title }));
}
