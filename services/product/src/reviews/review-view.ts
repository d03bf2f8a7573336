import type { Review } from "../db/schema.ts";

/** A review as the API shows it; moderation details only matter to admins, who get them from hide/unhide. */
export function reviewView(r: Review) {
  return {
    id: r.id,
    productId: r.productId,
    authorId: r.authorId,
    rating: r.rating,
    text: r.text,
    hidden: r.hiddenAt !== null,
    createdAt: r.createdAt.toISOString(),
  };
}

export function moderatedReviewView(r: Review) {
  return { ...reviewView(r), moderationReason: r.moderationReason, moderatedBy: r.moderatedBy, hiddenAt: r.hiddenAt?.toISOString() ?? null };
}
