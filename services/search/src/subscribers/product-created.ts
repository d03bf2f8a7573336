import { productCreated } from "@market/contracts";
import { subscription } from "@market/kit";
import { applySnapshot } from "../domain/product-document.ts";
import { modifyProduct } from "../documents/modify-product.ts";
import type { Deps } from "../deps.ts";

export const onProductCreated = (deps: Deps) =>
  subscription(productCreated, (event) => modifyProduct(deps, event.data.productId, (current) => applySnapshot(current, event.data)));
