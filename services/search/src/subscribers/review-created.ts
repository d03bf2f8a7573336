import { reviewCreated } from "@market/contracts";
import { subscription } from "@market/kit";
import { applyRating } from "../domain/product-document.ts";
import { modifyProduct } from "../documents/modify-product.ts";
import type { Deps } from "../deps.ts";

export const onReviewCreated = (deps: Deps) =>
  subscription(reviewCreated, (event) => {
    const { productId, ratingAverage, ratingCount, at } = event.data;
    return modifyProduct(deps, productId, (current) => applyRating(current, productId, { ratingAverage, ratingCount, at }));
  });
