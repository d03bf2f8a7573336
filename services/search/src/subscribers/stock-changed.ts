import { stockChanged } from "@market/contracts";
import { subscription } from "@market/kit";
import { applyStock } from "../domain/product-document.ts";
import { modifyProduct } from "../documents/modify-product.ts";
import type { Deps } from "../deps.ts";

/** May arrive before the product's own events (another topic): it is kept until they do. */
export const onStockChanged = (deps: Deps) =>
  subscription(stockChanged, (event) => {
    const { productId, variantId, available, at } = event.data;
    return modifyProduct(deps, productId, (current) => applyStock(current, productId, { variantId, available, at }));
  });
