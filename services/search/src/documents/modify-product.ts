import type { Change, ProductDocument } from "../domain/product-document.ts";
import type { Deps } from "../deps.ts";
import { modifyDocument } from "./modify-document.ts";

/**
 * Applies one event to a product in every index that takes writes: the live one and, during
 * a reindex, the one being built, so that nothing that happens while it is built is lost.
 * "duplicate" when no index changed (a redelivery, or an event older than what is stored).
 */
export async function modifyProduct(deps: Pick<Deps, "es" | "targets">, productId: string, change: (current: ProductDocument | undefined) => Change): Promise<"applied" | "duplicate"> {
  const indices = await deps.targets.current();
  const outcomes = await Promise.all(indices.map((index) => modifyDocument<ProductDocument>(deps.es, index, productId, change)));
  return outcomes.includes("applied") ? "applied" : "duplicate";
}
