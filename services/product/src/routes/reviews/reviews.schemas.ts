import { z } from "zod";
import { id } from "@market/contracts";

export const writeReviewBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  text: z.string().trim().min(1).max(2000),
});

export const moderateReviewBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const productReviewsParams = z.object({ id: id("prd") });
export const reviewParams = z.object({ id: id("prd"), reviewId: id("rev") });

export const listReviewsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The last id of the previous page. */
  after: id("rev").optional(),
});
