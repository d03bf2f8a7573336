import { describe, expect, it } from "vitest";
import { ratingAverage } from "./rating.ts";

describe("ratingAverage", () => {
  it("is null for a product nobody has rated", () => {
    expect(ratingAverage(0, 0)).toBeNull();
  });

  it("rounds the mean to two decimals", () => {
    expect(ratingAverage(5, 1)).toBe(5);
    expect(ratingAverage(13, 3)).toBe(4.33);
    expect(ratingAverage(14, 3)).toBe(4.67);
    expect(ratingAverage(107, 40)).toBe(2.68);
  });
});
