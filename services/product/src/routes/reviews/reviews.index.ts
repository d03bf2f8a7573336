import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { createReview, hideReview, listReviews, unhideReview } from "./reviews.handlers.ts";

/** Reviews: customers write one per product, everyone reads the visible ones, admins hide and unhide. */
export function reviewsRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/:id/reviews", (c) => listReviews(deps, c))
    .post("/:id/reviews", (c) => createReview(deps, c))
    .post("/:id/reviews/:reviewId/hide", (c) => hideReview(deps, c))
    .post("/:id/reviews/:reviewId/unhide", (c) => unhideReview(deps, c));
}
