/** The mean rating to two decimals, or null when nobody has rated (an average of 0 would read as a bad product). */
export function ratingAverage(sum: number, count: number): number | null {
  if (count === 0) return null;
  // Integer arithmetic before the one division keeps 2.675-style halves from rounding down.
  return Math.round((sum * 100) / count) / 100;
}
