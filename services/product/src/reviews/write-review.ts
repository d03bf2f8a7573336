import { and, eq, isNull, sql } from "drizzle-orm";
import { AppError, newId, type AuthUser } from "@market/kit";
import { products, reviews, type Review } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { announceReviewCreated } from "../events/announce-review.ts";
import { committed } from "../products/change-product.ts";
import { findVisibleProduct } from "../products/find-product.ts";

export interface NewReview {
  productId: string;
  author: AuthUser;
  rating: number;
  text: string;
}

/**
 * Stores a customer's one review of an active product and adds its rating to the product's
 * sum and count with SQL arithmetic, with review.created, in one transaction. The unique
 * index on (product, author) turns a second review, even one racing the first, into a 409.
 */
export async function writeReview(deps: Deps, r: NewReview): Promise<Review> {
  const created = await deps.db.transaction(async (tx) => {
    const product = await findVisibleProduct(tx, r.productId, r.author);
    if (product.ownerId === r.author.id) throw new AppError("forbidden", "A vendor cannot review their own product.");
    if (product.status !== "active") throw new AppError("conflict", "Only active products take reviews.");
    const [review] = await tx
      .insert(reviews)
      .values({ id: newId("rev"), productId: product.id, authorId: r.author.id, rating: r.rating, text: r.text })
      .onConflictDoNothing({ target: [reviews.productId, reviews.authorId] })
      .returning();
    if (!review) throw new AppError("conflict", "You have reviewed this product already.");
    // Conditional on the product still being active, so an archive racing this review wins cleanly.
    const [rated] = await tx
      .update(products)
      .set({ ratingSum: sql`${products.ratingSum} + ${review.rating}`, ratingCount: sql`${products.ratingCount} + 1` })
      .where(and(eq(products.id, product.id), eq(products.status, "active"), isNull(products.deletedAt)))
      .returning();
    if (!rated) throw new AppError("conflict", "Only active products take reviews.");
    await announceReviewCreated(tx, review, rated);
    return review;
  });
  await committed(deps, [r.productId]);
  return created;
}
