import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";

describe("newId", () => {
  it("carries its type prefix and 26 base32 characters", () => {
    expect(newId("usr")).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{26}$/);
  });
  it("sorts by creation time", () => {
    const earlier = newId("evt", 1_700_000_000_000);
    const later = newId("evt", 1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });
  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId("evt")));
    expect(ids.size).toBe(10_000);
  });
});
