import { productDeleted } from "@market/contracts";
import { subscription } from "@market/kit";
import { applyDeletion } from "../domain/product-document.ts";
import { modifyProduct } from "../documents/modify-product.ts";
import type { Deps } from "../deps.ts";

export const onProductDeleted = (deps: Deps) =>
  subscription(productDeleted, (event) => modifyProduct(deps, event.data.productId, (current) => applyDeletion(current, event.data.productId, event.data.deletedAt)));
