import { reviewModerated } from "@market/contracts";
import { subscription } from "@market/kit";
import { applyRating } from "../domain/product-document.ts";
import { modifyProduct } from "../documents/modify-product.ts";
import type { Deps } from "../deps.ts";

/** Hiding or restoring a review moves the product's average; the event carries the new one. */
export const onReviewModerated = (deps: Deps) =>
  subscription(reviewModerated, (event) => {
    const { productId, ratingAverage, ratingCount, at } = event.data;
    return modifyProduct(deps, productId, (current) => applyRating(current, productId, { ratingAverage, ratingCount, at }));
  });
