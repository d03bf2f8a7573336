/** The mean rating to two decimals, or null when nobody has rated (an average of 0 would read as a bad product). */
export function ratingAverage(sum: number, count: number): number | null {
  if (count === 0) return null;
  // Integer arithmetic before the one division keeps 2.675-style halves from rounding down.
  return Math.round((sum * 100) / count) / 100;
}

/** The rating as events carry it: the exact mean (0 when no visible review is left), consumers round. */
export const eventRating = (sum: number, count: number) => ({ ratingAverage: count === 0 ? 0 : sum / count, ratingCount: count });
