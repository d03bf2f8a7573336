import type { AppContext } from "@market/kit";
import type { ProductDocument } from "../../domain/product-document.ts";
import { decodeCursor } from "../../domain/search-cursor.ts";
import type { Deps } from "../../deps.ts";
import { autocompleteItems, autocompleteRequest } from "../../queries/autocomplete.ts";
import { didYouMeanOf, didYouMeanRequest, fewHits } from "../../queries/did-you-mean.ts";
import { searchPage, searchRequest, sortOf } from "../../queries/product-search.ts";
import { badParameter, readSearchQuery } from "./read-search-query.ts";
import { autocompleteQuery, searchQuery } from "./search.schemas.ts";

export async function searchProducts(deps: Deps, c: AppContext) {
  const query = readSearchQuery(c, searchQuery);
  let after: Array<string | number | null> | undefined;
  if (query.after) {
    const length = sortOf(query.sort, query.currency, !!query.q).length;
    const cursor = decodeCursor(query.after, { sort: query.sort, currency: query.currency, length });
    if (!cursor) throw badParameter("after", "is not a cursor of this search (same sort and currency)");
    after = cursor.values;
  }
  const response = await deps.es.search<ProductDocument>(searchRequest(deps.names, query, after));
  const page = searchPage(response, query);
  let didYouMean: string | undefined;
  // Only a first page with few hits is worth a second round trip for a correction.
  if (query.q && !after && page.total < fewHits) {
    didYouMean = didYouMeanOf(await deps.es.search(didYouMeanRequest(deps.names, query.q)), query.q);
  }
  return c.json({ ...page, ...(didYouMean ? { didYouMean } : {}) });
}

export async function autocomplete(deps: Deps, c: AppContext) {
  const query = readSearchQuery(c, autocompleteQuery);
  const response = await deps.es.search<{ productId: string; title: string }>(autocompleteRequest(deps.names, query));
  return c.json({ items: autocompleteItems(response) });
}
