import { describe, expect, it } from "vitest";
import { buildCategories, catalogContext, isSeedId, productAt, seedId, seedIdRange, sellerAt } from "./catalog.ts";
import { copyCell, copyLine } from "./copy-text.ts";
import { pluralName, slugify } from "./vocabulary.ts";

const options = { products: 5_000, vendors: 200, seed: 7 };
const ctx = catalogContext(options);
const sample = Array.from({ length: 2_000 }, (_, i) => productAt(ctx, i));

describe("the seeded catalog", () => {
  it("makes the same product from the same seed and index, whatever was made before", () => {
    const again = catalogContext(options);
    expect(productAt(again, 1_234)).toEqual(productAt(ctx, 1_234));
    expect(productAt(catalogContext({ ...options, seed: 8 }), 1_234).title).not.toEqual(productAt(ctx, 1_234).title);
  });

  it("builds a three-level tree of about 500 categories with unique slugs and parents that exist", () => {
    const categories = buildCategories();
    const byId = new Map(categories.map((c) => [c.id, c]));
    expect(categories.length).toBeGreaterThanOrEqual(400);
    expect(new Set(categories.map((c) => c.slug)).size).toBe(categories.length);
    for (const c of categories) {
      expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (c.parentId) expect(byId.has(c.parentId)).toBe(true);
      expect(c.path.at(-1)).toBe(c.id);
      expect(c.path.length).toBe(c.noun ? 3 : c.parentId ? 2 : 1);
    }
  });

  it("lists every product in a leaf category under a seller that exists", () => {
    const leaves = new Set(ctx.categories.filter((c) => c.noun).map((c) => c.id));
    const owners = new Map(Array.from({ length: options.vendors }, (_, v) => sellerAt(options, v)).map((s) => [s.vendorId, s.ownerId]));
    for (const p of sample) {
      expect(leaves.has(p.categoryId)).toBe(true);
      expect(owners.get(p.vendorId)).toBe(p.ownerId);
    }
  });

  it("keeps each product's rating sum and count equal to its visible reviews, by distinct authors", () => {
    const reviewed = sample.filter((p) => p.reviews.length > 0);
    expect(reviewed.length).toBeGreaterThan(200);
    for (const p of reviewed) {
      const visible = p.reviews.filter((r) => !r.hidden);
      expect(p.ratingCount).toBe(visible.length);
      expect(p.ratingSum).toBe(visible.reduce((s, r) => s + r.rating, 0));
      expect(new Set(p.reviews.map((r) => r.authorId)).size).toBe(p.reviews.length);
      for (const r of p.reviews) expect(r.rating).toBeGreaterThanOrEqual(1);
    }
  });

  it("gives each product one to three variants with SKUs unique within it, prices in cents and some out of stock", () => {
    let outOfStock = 0;
    for (const p of sample) {
      expect(p.variants.length).toBeGreaterThanOrEqual(1);
      expect(p.variants.length).toBeLessThanOrEqual(3);
      expect(new Set(p.variants.map((v) => v.sku)).size).toBe(p.variants.length);
      for (const v of p.variants) {
        expect(Number.isInteger(v.priceAmount)).toBe(true);
        expect(v.priceAmount).toBeGreaterThan(0);
        if (v.stock === 0) outOfStock++;
      }
    }
    expect(outOfStock).toBeGreaterThan(0);
  });

  it("makes most products active and some draft or pending review", () => {
    const count = (s: string) => sample.filter((p) => p.status === s).length;
    expect(count("active") / sample.length).toBeGreaterThan(0.85);
    expect(count("draft") + count("pending_review")).toBeGreaterThan(0);
  });

  it("skews words like a real shop: the most common brand of a root is far more frequent than its tenth", () => {
    const brands = new Map<string, number>();
    for (const p of sample) brands.set(p.attributes.brand!, (brands.get(p.attributes.brand!) ?? 0) + 1);
    const counts = [...brands.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(3 * counts[Math.min(40, counts.length - 1)]!);
  });
});

describe("seeded ids", () => {
  it("have the shape of real ids, sort in creation order and fall inside their prefix's range", () => {
    const range = seedIdRange("prd");
    const ids = [0, 1, 31, 32, 999_999, 63_999_999].map((n) => seedId("prd", n));
    for (const id of ids) {
      expect(id).toMatch(/^prd_[0-9a-z]{26}$/);
      expect(isSeedId(id)).toBe(true);
      expect(id >= range.from && id < range.to).toBe(true);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never match an id that newId makes today", () => {
    const range = seedIdRange("prd");
    const real = "prd_01kb4m7k2q8v3x5z9w1y6t0r2s";
    expect(isSeedId(real)).toBe(false);
    expect(real >= range.from && real < range.to).toBe(false);
  });
});

describe("COPY text rows", () => {
  it("escape what would end a column or a row, and write null, booleans, dates and JSON", () => {
    expect(copyLine(["a\tb", "line\nnext", "back\\slash", null, true, 3, new Date(0), { k: "v\t" }])).toBe(
      'a\\tb\tline\\nnext\tback\\\\slash\t\\N\tt\t3\t1970-01-01T00:00:00.000Z\t{"k":"v\\\\t"}\n',
    );
    expect(() => copyCell(Number.NaN)).toThrow();
  });
});

describe("category names", () => {
  it("are plural and slugged the way a shop writes them", () => {
    expect(pluralName("Running Shoe")).toBe("Running Shoes");
    expect(pluralName("Dress|Dresses")).toBe("Dresses");
    expect(pluralName("Watch")).toBe("Watches");
    expect(pluralName("Battery")).toBe("Batteries");
    expect(slugify("Women's Clothing")).toBe("womens-clothing");
    expect(slugify("Home & Living")).toBe("home-and-living");
  });
});
