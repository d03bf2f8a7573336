import { reviewCreated, reviewModerated } from "@market/contracts";
import { enqueueEvent, type Tx } from "@market/kit";
import type { Product, Review } from "../db/schema.ts";
import { eventRating } from "../domain/rating.ts";

const options = (productId: string) => ({ subject: productId, source: "product" });

const rating = (product: Product) => eventRating(product.ratingSum, product.ratingCount);

export async function announceReviewCreated(tx: Tx, review: Review, product: Product): Promise<void> {
  await enqueueEvent(
    tx,
    reviewCreated,
    { reviewId: review.id, productId: review.productId, authorId: review.authorId, rating: review.rating, ...rating(product), at: review.createdAt.toISOString() },
    options(review.productId),
  );
}

export async function announceReviewModerated(tx: Tx, review: Review, product: Product, reason: string, at: Date): Promise<void> {
  await enqueueEvent(
    tx,
    reviewModerated,
    { reviewId: review.id, productId: review.productId, hidden: review.hiddenAt !== null, reason, ...rating(product), at: at.toISOString() },
    options(review.productId),
  );
}
