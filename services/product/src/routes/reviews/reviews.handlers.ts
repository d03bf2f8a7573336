import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { readJson, readParams, readQuery, requireRole, type AppContext } from "@market/kit";
import { reviews } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { findVisibleProduct } from "../../products/find-product.ts";
import { moderateReview } from "../../reviews/moderate-review.ts";
import { moderatedReviewView, reviewView } from "../../reviews/review-view.ts";
import { writeReview } from "../../reviews/write-review.ts";
import { listReviewsQuery, moderateReviewBody, productReviewsParams, reviewParams, writeReviewBody } from "./reviews.schemas.ts";

export async function createReview(deps: Deps, c: AppContext) {
  const author = requireRole(c, "customer");
  const { id } = readParams(c, productReviewsParams);
  const body = await readJson(c, writeReviewBody);
  const review = await writeReview(deps, { productId: id, author, ...body });
  return c.json(reviewView(review), 201, { location: `/products/${id}/reviews/${review.id}` });
}

/** A product's visible reviews, newest first, paged by id (ids sort by creation time). */
export async function listReviews(deps: Deps, c: AppContext) {
  const { id } = readParams(c, productReviewsParams);
  const query = readQuery(c, listReviewsQuery);
  const product = await findVisibleProduct(deps.db, id, c.var.user);
  const rows = await deps.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.productId, product.id), isNull(reviews.hiddenAt), query.after ? lt(reviews.id, query.after) : undefined))
    .orderBy(desc(reviews.id))
    .limit(query.limit);
  return c.json({ items: rows.map(reviewView), next: rows.length === query.limit ? rows.at(-1)!.id : null });
}

async function moderate(deps: Deps, c: AppContext, hide: boolean) {
  const admin = requireRole(c, "admin");
  const { id, reviewId } = readParams(c, reviewParams);
  const { reason } = await readJson(c, moderateReviewBody);
  return c.json(moderatedReviewView(await moderateReview(deps, { productId: id, reviewId, hide, reason, admin })));
}

export const hideReview = (deps: Deps, c: AppContext) => moderate(deps, c, true);
export const unhideReview = (deps: Deps, c: AppContext) => moderate(deps, c, false);
