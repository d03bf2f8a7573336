import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { AppError, type AuthUser } from "@market/kit";
import { products, reviews, type Review } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { announceReviewModerated } from "../events/announce-review.ts";
import { committed } from "../products/change-product.ts";

export interface ReviewModeration {
  productId: string;
  reviewId: string;
  hide: boolean;
  reason: string;
  admin: AuthUser;
}

/**
 * Hides or unhides a review and moves its rating out of or back into the product's sum and
 * count, with review.moderated, in one transaction. The update's own `hidden_at` condition
 * makes two admins at once change the rating only once.
 */
export async function moderateReview(deps: Deps, m: ReviewModeration): Promise<Review> {
  const changed = await deps.db.transaction(async (tx) => {
    const at = new Date();
    const [review] = await tx
      .update(reviews)
      .set({ hiddenAt: m.hide ? at : null, moderationReason: m.reason, moderatedBy: m.admin.id, updatedAt: at })
      .where(and(eq(reviews.id, m.reviewId), eq(reviews.productId, m.productId), m.hide ? isNull(reviews.hiddenAt) : isNotNull(reviews.hiddenAt)))
      .returning();
    if (!review) {
      const [exists] = await tx.select({ id: reviews.id }).from(reviews).where(and(eq(reviews.id, m.reviewId), eq(reviews.productId, m.productId)));
      if (!exists) throw new AppError("not_found", "No such review.");
      throw new AppError("conflict", m.hide ? "The review is hidden already." : "The review is not hidden.");
    }
    const step = m.hide ? -1 : 1;
    const [product] = await tx
      .update(products)
      .set({ ratingSum: sql`${products.ratingSum} + ${step * review.rating}`, ratingCount: sql`${products.ratingCount} + ${step}` })
      .where(eq(products.id, m.productId))
      .returning();
    await announceReviewModerated(tx, review, product!, m.reason, at);
    return review;
  });
  await committed(deps, [m.productId]);
  return changed;
}
