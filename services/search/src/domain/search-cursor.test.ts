import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./search-cursor.ts";

describe("the search cursor", () => {
  it("round-trips the sort values of its own sort and currency", () => {
    const text = encodeCursor({ sort: "price_asc", currency: "EUR", values: [2500, "prd_x"] });
    expect(decodeCursor(text, { sort: "price_asc", currency: "EUR", length: 2 })?.values).toEqual([2500, "prd_x"]);
  });

  it("is refused for another sort, another currency or garbage", () => {
    const text = encodeCursor({ sort: "price_asc", currency: "EUR", values: [2500, "prd_x"] });
    expect(decodeCursor(text, { sort: "newest", currency: "EUR", length: 2 })).toBeUndefined();
    expect(decodeCursor(text, { sort: "price_asc", currency: "USD", length: 2 })).toBeUndefined();
    expect(decodeCursor("not-a-cursor", { sort: "price_asc", currency: "EUR", length: 2 })).toBeUndefined();
    expect(decodeCursor(Buffer.from('["price_asc","EUR",[{"a":1},"x"]]').toString("base64url"), { sort: "price_asc", currency: "EUR", length: 2 })).toBeUndefined();
  });
});
