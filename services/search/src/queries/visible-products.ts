import type { estypes } from "@elastic/elasticsearch";
import { hiddenVendorsDocId, type IndexNames } from "../elastic/index-layout.ts";

/**
 * What every query starts from: live products (active, not deleted) whose vendor is not
 * hidden. The hidden vendors are one small document looked up by the query itself, so a
 * suspension needs no mass update of product documents and cannot race with product events.
 */
export function visibleProducts(names: IndexNames): { filter: estypes.QueryDslQueryContainer[]; must_not: estypes.QueryDslQueryContainer[] } {
  return {
    filter: [{ term: { live: true } }],
    must_not: [{ terms: { vendorId: { index: names.vendors, id: hiddenVendorsDocId, path: "vendorIds" } } }],
  };
}
