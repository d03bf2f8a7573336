import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  productCreated,
  productDeleted,
  productUpdated,
  reviewCreated,
  stockChanged,
  vendorApproved,
  vendorSuspended,
  type ProductSnapshot,
} from "@market/contracts";
import { newId } from "@market/kit";
import { waitFor } from "@market/testing";
import { later, productSnapshot, startSearchHarness, uniqueWord, type SearchHarness } from "./test-support.ts";

// The search service beside a real daprd; every event crosses the real broker. Each test
// uses its own vendor (and unique title words), so events of other runs never confuse it.

let h: SearchHarness;

beforeAll(async () => {
  h = await startSearchHarness("search-sx");
});
afterAll(async () => h?.stop());

const search = (query: Record<string, string | number | boolean>) => h.get("/search/products", query);
const idsOf = (body: { items: Array<{ productId: string }> }) => body.items.map((i) => i.productId);

/** Waits until a search for `query` shows (or no longer shows) the product. */
async function waitUntilFound(query: Record<string, string | number | boolean>, productId: string, found = true) {
  return waitFor(
    async () => {
      const answer = await search(query);
      expect(answer.status).toBe(200);
      return idsOf(answer.body).includes(productId) === found && answer.body;
    },
    { what: `${productId} ${found ? "found" : "gone"} for ${JSON.stringify(query)}`, timeoutMs: 60_000, intervalMs: 250 },
  );
}

/**
 * Returns once every event published before on this topic with this partition key was
 * handled: a marker product sent the same way (same partition, delivered in order) shows up.
 */
async function afterEarlierEvents(topic: typeof productUpdated | typeof reviewCreated, key: string) {
  const marker = productSnapshot();
  await h.publish(productCreated, marker, marker.productId);
  await waitUntilFound({ vendor: marker.vendorId }, marker.productId);
  if (topic === reviewCreated) {
    await h.publish(reviewCreated, { reviewId: newId("rev"), productId: marker.productId, authorId: randomUUID(), rating: 3, ratingAverage: 3, ratingCount: 1, at: later(marker.updatedAt, 1000) }, key);
    await waitUntilFound({ vendor: marker.vendorId, minRating: 3 }, marker.productId);
  } else {
    await h.publish(productUpdated, { ...marker, title: "Marker lantern", updatedAt: later(marker.updatedAt, 1000) }, key);
    await waitUntilFound({ vendor: marker.vendorId, q: "lantern" }, marker.productId);
  }
}

async function create(overrides: Partial<ProductSnapshot> = {}) {
  const product = productSnapshot(overrides);
  await h.publish(productCreated, product, product.productId);
  return product;
}

describe("search fed by product events", () => {
  it("finds a new product by text, filters, category ancestor, autocomplete prefix and a misspelling", async () => {
    const word = uniqueWord();
    const root = newId("cat");
    const leaf = newId("cat");
    const product = await create({ title: `Merino ${word} scarf`, categoryId: leaf, categoryPath: [root, newId("cat"), leaf], ratingAverage: 4.5, ratingCount: 2 });
    const vendor = product.vendorId;

    const page = await waitUntilFound({ q: "merino scarf", vendor }, product.productId);
    expect(page.items[0]).toMatchObject({ title: `Merino ${word} scarf`, price: { amount: 2500, currency: "EUR" }, inStock: true, ratingAverage: 4.5 });
    expect(page.facets.vendors).toEqual([{ vendorId: vendor, count: 1 }]);
    expect(page.facets.categories.map((c: { categoryId: string }) => c.categoryId).sort()).toEqual([...product.categoryPath].sort());
    expect(page.facets.ratings).toContainEqual({ min: 4, count: 1 });
    expect(page.facets.prices).toContainEqual({ currency: "EUR", from: 2500, to: 5000, count: 1 });
    expect(page.facets.inStock).toEqual({ true: 1, false: 0 });

    expect(idsOf((await search({ q: word })).body)).toEqual([product.productId]);
    expect(idsOf((await search({ category: root, vendor })).body)).toEqual([product.productId]);
    expect(idsOf((await search({ category: newId("cat"), vendor })).body)).toEqual([]);
    expect(idsOf((await search({ vendor, minPrice: 2000, maxPrice: 3000 })).body)).toEqual([product.productId]);
    expect(idsOf((await search({ vendor, minPrice: 2600 })).body)).toEqual([]);
    expect(idsOf((await search({ vendor, minPrice: 2000, currency: "USD" })).body)).toEqual([]);
    expect(idsOf((await search({ vendor, minRating: 4 })).body)).toEqual([product.productId]);
    expect(idsOf((await search({ vendor, minRating: 4.6 })).body)).toEqual([]);

    const typed = await h.get("/search/autocomplete", { q: `merino ${word.slice(0, 4)}` });
    expect(typed.status).toBe(200);
    expect(typed.body.items).toEqual([{ productId: product.productId, title: `Merino ${word} scarf` }]);
    expect((await h.get("/search/autocomplete", { q: word.slice(0, 3) })).body.items.map((i: { productId: string }) => i.productId)).toContain(product.productId);

    // One letter swapped inside the unique word: fuzziness still finds it, and the correction is offered.
    const slip = word.slice(0, 4) + word[5] + word[4] + word.slice(6);
    const misspelled = await search({ q: slip });
    expect(idsOf(misspelled.body)).toEqual([product.productId]);
    expect(misspelled.body.didYouMean).toBe(word);
  });

  it("flips inStock when the last stock is sold and back when restocked", async () => {
    const product = await create();
    const [variant] = product.variants;
    const vendor = product.vendorId;
    await waitUntilFound({ vendor, inStock: true }, product.productId);
    const soldAt = later(product.updatedAt, 1000);
    await h.publish(stockChanged, { productId: product.productId, variantId: variant!.variantId, available: 0, delta: -5, reason: "order", at: soldAt }, product.productId);
    await waitUntilFound({ vendor, inStock: true }, product.productId, false);
    const all = await search({ vendor });
    expect(all.body.items[0]).toMatchObject({ inStock: false, variants: [{ variantId: variant!.variantId, stock: 0 }] });

    // A late product.updated (older than the sale) keeps the stock the sale left.
    await h.publish(productUpdated, { ...product, title: "Merino wool scarf, renamed", updatedAt: later(product.updatedAt, 500) }, product.productId);
    await waitUntilFound({ vendor, q: "renamed" }, product.productId);
    expect((await search({ vendor })).body.items[0].inStock).toBe(false);

    await h.publish(stockChanged, { productId: product.productId, variantId: variant!.variantId, available: 3, delta: 3, reason: "restock", at: later(soldAt, 1000) }, product.productId);
    await waitUntilFound({ vendor, inStock: true }, product.productId);
  });

  it("changes the rating when a review arrives and ignores an older review event", async () => {
    const product = await create();
    const vendor = product.vendorId;
    await waitUntilFound({ vendor }, product.productId);
    const at = later(product.updatedAt, 1000);
    const review = { reviewId: newId("rev"), productId: product.productId, authorId: randomUUID(), rating: 5, ratingAverage: 5, ratingCount: 1, at };
    await h.publish(reviewCreated, review, product.productId);
    await waitUntilFound({ vendor, minRating: 5 }, product.productId);
    await h.publish(reviewCreated, { ...review, reviewId: newId("rev"), rating: 1, ratingAverage: 1, ratingCount: 1, at: later(at, -500) }, product.productId);
    await afterEarlierEvents(reviewCreated, product.productId);
    expect((await search({ vendor })).body.items[0]).toMatchObject({ ratingAverage: 5, ratingCount: 1 });
  });

  it("ignores an older product.updated that arrives after a newer one", async () => {
    const product = await create();
    const vendor = product.vendorId;
    await h.publish(productUpdated, { ...product, title: "Newest alpaca shawl", updatedAt: later(product.updatedAt, 2000) }, product.productId);
    await waitUntilFound({ vendor, q: "alpaca" }, product.productId);
    await h.publish(productUpdated, { ...product, title: "Stale cotton shawl", updatedAt: later(product.updatedAt, 1000) }, product.productId);
    await afterEarlierEvents(productUpdated, product.productId);
    const answer = await search({ vendor });
    expect(answer.body.items[0].title).toBe("Newest alpaca shawl");
    expect(idsOf((await search({ vendor, q: "stale cotton" })).body)).toEqual([]);
  });

  it("removes a suspended vendor's products and restores them on reinstatement", async () => {
    const vendorId = newId("vnd");
    const products = [await create({ vendorId }), await create({ vendorId })];
    const ownerId = randomUUID();
    await waitFor(async () => (await search({ vendor: vendorId })).body.total === 2, { what: "both products indexed", timeoutMs: 60_000 });
    const at = new Date().toISOString();
    await h.publish(vendorSuspended, { vendorId, ownerId, at, by: randomUUID(), reason: "fraud review" }, vendorId);
    await waitFor(async () => (await search({ vendor: vendorId })).body.total === 0, { what: "suspended vendor's products gone", timeoutMs: 60_000 });
    expect((await h.get("/search/autocomplete", { q: "merino" })).body.items.map((i: { productId: string }) => i.productId)).not.toContain(products[0]!.productId);

    // An approval older than the suspension changes nothing.
    await h.publish(vendorApproved, { vendorId, ownerId, at: later(at, -60_000), by: randomUUID(), reinstated: false }, vendorId);
    await h.publish(vendorApproved, { vendorId, ownerId, at: later(at, 1000), by: randomUUID(), reinstated: true }, vendorId);
    const back = await waitFor(async () => ((await search({ vendor: vendorId })).body.total === 2 ? true : undefined), { what: "products back", timeoutMs: 60_000 });
    expect(back).toBe(true);
  });

  it("removes a deleted or archived product, and a late update does not bring it back", async () => {
    const deleted = await create();
    const archived = await create({ vendorId: deleted.vendorId });
    const vendor = deleted.vendorId;
    await waitFor(async () => (await search({ vendor })).body.total === 2, { what: "both indexed", timeoutMs: 60_000 });
    await h.publish(productDeleted, { productId: deleted.productId, vendorId: vendor, ownerId: deleted.ownerId, deletedAt: later(deleted.updatedAt, 5000) }, deleted.productId);
    await h.publish(productUpdated, { ...archived, status: "archived", updatedAt: later(archived.updatedAt, 1000) }, archived.productId);
    await waitFor(async () => (await search({ vendor })).body.total === 0, { what: "both removed", timeoutMs: 60_000 });
    // Same partition key as the reactivation below: once that shows, the late update was handled.
    await h.publish(productUpdated, { ...deleted, title: "Back from the dead", updatedAt: later(deleted.updatedAt, 1000) }, archived.productId);
    await h.publish(productUpdated, { ...archived, status: "active", updatedAt: later(archived.updatedAt, 2000) }, archived.productId);
    await waitUntilFound({ vendor }, archived.productId);
    expect(idsOf((await search({ vendor })).body)).toEqual([archived.productId]);
  });

  it("pages through every result with search_after, without duplicates, in every sort", async () => {
    const vendorId = newId("vnd");
    const word = uniqueWord();
    const created: ProductSnapshot[] = [];
    for (let i = 0; i < 23; i++) {
      const variant = { variantId: newId("var"), sku: `P-${i}`, price: { amount: 1000 + (i % 5) * 100, currency: "EUR" }, stock: i % 2 };
      created.push(await create({ vendorId, title: `Paged ${word} lamp ${i}`, variants: [variant], ratingAverage: i % 3, ratingCount: i % 4 }));
    }
    await waitFor(async () => (await search({ vendor: vendorId })).body.total === 23, { what: "all 23 indexed", timeoutMs: 90_000 });
    const expected = created.map((p) => p.productId).sort();
    for (const sort of ["relevance", "price_asc", "price_desc", "rating", "newest"]) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const answer = await search({ vendor: vendorId, q: word, sort, size: 5, ...(after ? { after } : {}) });
        expect(answer.status).toBe(200);
        expect(answer.body.total).toBe(23);
        seen.push(...idsOf(answer.body));
        after = answer.body.next ?? undefined;
        pages++;
      } while (after && pages < 10);
      expect(pages).toBe(5);
      expect(seen.length).toBe(23);
      expect([...seen].sort()).toEqual(expected);
    }
    const cheapestFirst = await search({ vendor: vendorId, sort: "price_asc", size: 100 });
    const prices = cheapestFirst.body.items.map((i: { price: { amount: number } }) => i.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});

describe("bad search parameters", () => {
  it.each([
    [{ sort: "cheapest" }, "sort"],
    [{ minPrice: -1 }, "minPrice"],
    [{ maxPrice: "ten" }, "maxPrice"],
    [{ minPrice: 500, maxPrice: 100 }, "minPrice"],
    [{ after: "not-a-cursor" }, "after"],
    [{ colour: "red" }, "colour"],
    [{ size: 101 }, "size"],
    [{ size: 0 }, "size"],
    [{ minRating: 6 }, "minRating"],
    [{ currency: "euro" }, "currency"],
    [{ category: "shoes" }, "category"],
  ])("answers 400 problem+json naming the parameter for %j", async (query, field) => {
    const res = await fetch(`${h.service.url}/search/products?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { errors: Array<{ field: string }> };
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("refuses a cursor made for another sort", async () => {
    const vendorId = newId("vnd");
    await create({ vendorId });
    await create({ vendorId });
    const first = await waitFor(async () => (await search({ vendor: vendorId, size: 1, sort: "newest" })).body.next, { what: "a second page", timeoutMs: 60_000 });
    const answer = await search({ vendor: vendorId, size: 1, sort: "rating", after: first });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: "after", reason: expect.any(String) }]);
  });

  it("caps autocomplete at 10 suggestions and needs a prefix", async () => {
    expect((await h.get("/search/autocomplete", { q: "me", size: 11 })).body.errors[0].field).toBe("size");
    expect((await h.get("/search/autocomplete", {})).status).toBe(400);
  });
});
