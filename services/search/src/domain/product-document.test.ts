import { describe, expect, it } from "vitest";
import type { ProductSnapshot } from "@market/contracts";
import { applyDeletion, applyRating, applySnapshot, applyStock, variantsOf, type ProductDocument } from "./product-document.ts";

const productId = "prd_01abcdefghjkmnpqrstvwxyz0";
const variantId = "var_01abcdefghjkmnpqrstvwxyz0";

function snapshot(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  return {
    productId,
    vendorId: "vnd_01abcdefghjkmnpqrstvwxyz0",
    ownerId: "6f1c1d7e-2b5a-4c1e-9a53-2f1a8c1d0b11",
    title: "Merino wool scarf",
    description: "Warm",
    categoryId: "cat_01abcdefghjkmnpqrstvwxy2",
    categoryPath: ["cat_01abcdefghjkmnpqrstvwxy1", "cat_01abcdefghjkmnpqrstvwxy2"],
    status: "active",
    attributes: { colour: "red" },
    variants: [
      { variantId, sku: "SC-1", price: { amount: 2500, currency: "EUR" }, stock: 3 },
      { variantId: "var_01abcdefghjkmnpqrstvwxyz1", sku: "SC-2", price: { amount: 3500, currency: "EUR" }, stock: 0 },
    ],
    images: [
      { mediaId: "med_01abcdefghjkmnpqrstvwxyz1", url: "http://cdn.test/b.png", position: 1 },
      { mediaId: "med_01abcdefghjkmnpqrstvwxyz0", url: "http://cdn.test/a.png", position: 0 },
    ],
    ratingAverage: 4,
    ratingCount: 2,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:10.000Z",
    ...overrides,
  };
}

const doc = (change: ProductDocument | "unchanged"): ProductDocument => {
  if (change === "unchanged") throw new Error("expected a change");
  return change;
};

describe("a product document", () => {
  it("is live, priced per currency and in stock when an active product arrives", () => {
    const d = doc(applySnapshot(undefined, snapshot()));
    expect(d.live).toBe(true);
    expect(d.prices).toEqual({ EUR: { min: 2500, max: 3500 } });
    expect(d.inStock).toBe(true);
    expect(d.imageUrl).toBe("http://cdn.test/a.png");
    expect(variantsOf(d).map((v) => v.stock)).toEqual([3, 0]);
  });

  it("is not live once the product is no longer active", () => {
    const d = doc(applySnapshot(doc(applySnapshot(undefined, snapshot())), snapshot({ status: "archived", updatedAt: "2026-01-01T00:01:00.000Z" })));
    expect(d.live).toBe(false);
  });

  it("ignores an older update that arrives after a newer one", () => {
    const newer = doc(applySnapshot(undefined, snapshot({ title: "New title", updatedAt: "2026-01-01T00:05:00.000Z" })));
    expect(applySnapshot(newer, snapshot({ title: "Old title" }))).toBe("unchanged");
  });

  it("changes nothing when the same event is delivered twice", () => {
    const once = doc(applySnapshot(undefined, snapshot()));
    expect(applySnapshot(once, snapshot())).toBe("unchanged");
  });

  it("keeps newer stock from stock.changed when an older product.updated arrives later", () => {
    const created = doc(applySnapshot(undefined, snapshot()));
    const sold = doc(applyStock(created, productId, { variantId, available: 0, at: "2026-01-01T00:00:30.000Z" }));
    expect(sold.inStock).toBe(false);
    const late = doc(applySnapshot(sold, snapshot({ title: "Renamed", updatedAt: "2026-01-01T00:00:20.000Z" })));
    expect(late.title).toBe("Renamed");
    expect(late.inStock).toBe(false);
  });

  it("keeps stock that arrived before the product itself", () => {
    const stub = doc(applyStock(undefined, productId, { variantId, available: 0, at: "2026-01-01T00:00:30.000Z" }));
    expect(stub.live).toBe(false);
    const d = doc(applySnapshot(stub, snapshot()));
    expect(d.live).toBe(true);
    expect(variantsOf(d)[0]!.stock).toBe(0);
  });

  it("ignores a stock change older than the one it holds", () => {
    const d = doc(applyStock(doc(applySnapshot(undefined, snapshot())), productId, { variantId, available: 7, at: "2026-01-01T00:01:00.000Z" }));
    expect(applyStock(d, productId, { variantId, available: 1, at: "2026-01-01T00:00:59.000Z" })).toBe("unchanged");
  });

  it("takes a newer rating and ignores an older one", () => {
    const d = doc(applyRating(doc(applySnapshot(undefined, snapshot())), productId, { ratingAverage: 3, ratingCount: 3, at: "2026-01-01T00:01:00.000Z" }));
    expect(d.ratingAverage).toBe(3);
    expect(applyRating(d, productId, { ratingAverage: 5, ratingCount: 1, at: "2026-01-01T00:00:30.000Z" })).toBe("unchanged");
  });

  it("stays deleted whatever arrives after the deletion", () => {
    const deleted = doc(applyDeletion(doc(applySnapshot(undefined, snapshot())), productId, "2026-01-01T00:02:00.000Z"));
    expect(deleted.live).toBe(false);
    expect(applySnapshot(deleted, snapshot({ updatedAt: "2026-01-01T00:03:00.000Z" }))).toBe("unchanged");
    expect(applyStock(deleted, productId, { variantId, available: 9, at: "2026-01-01T00:03:00.000Z" })).toBe("unchanged");
  });

  it("takes a snapshot's stock as of when it was read, not as of its updatedAt", () => {
    const stocked = doc(applyStock(doc(applySnapshot(undefined, snapshot())), productId, { variantId, available: 1, at: "2026-01-01T00:00:30.000Z" }));
    const exported = doc(applySnapshot(stocked, snapshot({ variants: [{ ...snapshot().variants[0]!, stock: 0 }] }), "2026-01-01T00:00:40.000Z"));
    expect(variantsOf(exported)[0]!.stock).toBe(0);
  });
});
