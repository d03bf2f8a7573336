import { productUpdated } from "@market/contracts";
import { subscription } from "@market/kit";
import { applySnapshot } from "../domain/product-document.ts";
import { modifyProduct } from "../documents/modify-product.ts";
import type { Deps } from "../deps.ts";

/** Any status but active leaves the product out of results; an older update changes nothing. */
export const onProductUpdated = (deps: Deps) =>
  subscription(productUpdated, (event) => modifyProduct(deps, event.data.productId, (current) => applySnapshot(current, event.data)));
