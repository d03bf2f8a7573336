import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDapr, createLogger, newId } from "@market/kit";
import { createTestUser, postToStorage, type TestUser } from "@market/testing";
import { cacheCounters, createCatalogCache } from "./cache/catalog-cache.ts";
import { startProductHarness, type ProductHarness } from "./test-support.ts";

// Product images through MinIO's presigned POST policies, and the catalog cache in the Dapr
// state store (Redis), against the product service beside a real daprd with real tokens.

let harness: ProductHarness;
let admin: TestUser;
let vendor: TestUser;
let customer: TestUser;

beforeAll(async () => {
  harness = await startProductHarness("product-mx", {});
  ({ admin, vendor, customer } = harness);
});
afterAll(async () => harness?.stop());

const call: ProductHarness["call"] = (...args) => harness.call(...args);
const rows: ProductHarness["rows"] = (sql, params) => harness.rows(sql, params);

// A 1×1 PNG.
const png = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"));

let slugs = 0;
async function category(parentId: string | null = null): Promise<string> {
  const created = await call(admin, "POST", "/categories", { slug: `mx-${Date.now()}-${slugs++}`, name: "Optics", parentId });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function activeProduct(categoryId?: string): Promise<{ productId: string; variantId: string }> {
  const created = await call(vendor, "POST", "/products", { title: "Camera Obscura", categoryId: categoryId ?? (await category()) });
  expect(created.status).toBe(201);
  const productId = created.body.id as string;
  const variant = await call(vendor, "POST", `/products/${productId}/variants`, { sku: "CO-1", price: { amount: 4500, currency: "EUR" }, stock: 4 });
  expect((await call(vendor, "POST", `/products/${productId}/submit`)).status).toBe(200);
  expect((await call(admin, "POST", `/products/${productId}/approve`)).status).toBe(200);
  return { productId, variantId: variant.body.id };
}

async function uploadedImage(productId: string, contentType = "image/png", bytes = png): Promise<{ mediaId: string; url: string }> {
  const requested = await call(vendor, "POST", `/products/${productId}/media/uploads`, { contentType });
  expect(requested.status).toBe(201);
  expect((await postToStorage(requested.body.upload, bytes)).status).toBe(204);
  const confirmed = await call(vendor, "POST", `/products/${productId}/media/${requested.body.mediaId}/confirm`);
  expect(confirmed.status).toBe(200);
  return { mediaId: requested.body.mediaId, url: confirmed.body.url };
}

const imagesOf = async (productId: string) => (await call(vendor, "GET", `/products/${productId}`)).body.images as { mediaId: string; url: string; position: number }[];
const lastProductEvent = async (productId: string) =>
  (await rows<{ event: { data: { images: { mediaId: string; position: number }[] } } }>("select event from outbox where partition_key = $1 and topic like 'product.%' order by seq desc limit 1", [productId]))[0]!.event.data;

describe("product images", () => {
  it("uploads a real PNG through the presigned POST, confirms it, and serves its bytes at the CDN URL", async () => {
    const { productId } = await activeProduct();
    const requested = await call(vendor, "POST", `/products/${productId}/media/uploads`, { contentType: "image/png" });
    expect(requested.status).toBe(201);
    const mediaId = requested.body.mediaId as string;
    expect(mediaId).toMatch(/^med_/);
    expect(requested.body.upload.fields.key).toBe(`products/${productId}/${mediaId}.png`);
    expect(Date.parse(requested.body.expiresAt)).toBeGreaterThan(Date.now());

    const early = await call(vendor, "POST", `/products/${productId}/media/${mediaId}/confirm`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain("upload it");

    expect((await postToStorage(requested.body.upload, png)).status).toBe(204);
    const confirmed = await call(vendor, "POST", `/products/${productId}/media/${mediaId}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ mediaId, position: 0, status: "ready", url: `http://127.0.0.1:19010/product-media/products/${productId}/${mediaId}.png` });
    const served = await fetch(confirmed.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);

    const updates = await rows("select 1 from outbox where partition_key = $1 and topic = 'product.updated'", [productId]);
    expect((await call(vendor, "POST", `/products/${productId}/media/${mediaId}/confirm`)).body.position).toBe(0);
    expect(await rows("select 1 from outbox where partition_key = $1 and topic = 'product.updated'", [productId])).toHaveLength(updates.length);
    expect((await call(undefined, "GET", `/products/${productId}`)).body.images).toEqual([{ mediaId, url: confirmed.body.url, position: 0 }]);
    expect((await lastProductEvent(productId)).images).toEqual([{ mediaId, url: confirmed.body.url, position: 0 }]);
  });

  it("leaves the storage to refuse an oversized, empty, mistyped or misplaced upload", async () => {
    const { productId } = await activeProduct();
    const ask = async () => (await call(vendor, "POST", `/products/${productId}/media/uploads`, { contentType: "image/webp" })).body;
    const big = await ask();
    const tooLarge = await postToStorage(big.upload, new Uint8Array(5 * 1024 * 1024 + 1));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain("EntityTooLarge");
    expect((await postToStorage((await ask()).upload, new Uint8Array(0))).status).toBe(400);
    const mistyped = await postToStorage((await ask()).upload, png, { "Content-Type": "image/svg+xml" });
    expect(mistyped.status).toBe(403);
    expect(mistyped.text).toContain("Policy Condition failed");
    expect((await postToStorage((await ask()).upload, png, { key: `products/${productId}/elsewhere.webp` })).status).toBe(403);
    // Exactly 5 MB is allowed.
    const largest = await ask();
    expect((await postToStorage(largest.upload, new Uint8Array(5 * 1024 * 1024))).status).toBe(204);

    expect((await call(vendor, "POST", `/products/${productId}/media/${big.mediaId}/confirm`)).status).toBe(409);
    expect((await call(vendor, "POST", `/products/${productId}/media/${largest.mediaId}/confirm`)).status).toBe(200);
    expect((await imagesOf(productId)).map((i) => i.mediaId)).toEqual([largest.mediaId]);
  });

  it("orders and deletes a product's images, announcing each change with the images in order", async () => {
    const { productId } = await activeProduct();
    const first = await uploadedImage(productId);
    const second = await uploadedImage(productId, "image/jpeg");
    const third = await uploadedImage(productId, "image/webp");
    expect((await imagesOf(productId)).map((i) => [i.mediaId, i.position])).toEqual([
      [first.mediaId, 0],
      [second.mediaId, 1],
      [third.mediaId, 2],
    ]);

    const reordered = await call(vendor, "PUT", `/products/${productId}/media/order`, { mediaIds: [third.mediaId, first.mediaId, second.mediaId] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((i: { mediaId: string }) => i.mediaId)).toEqual([third.mediaId, first.mediaId, second.mediaId]);
    expect((await call(undefined, "GET", `/products/${productId}`)).body.images.map((i: { mediaId: string }) => i.mediaId)).toEqual([third.mediaId, first.mediaId, second.mediaId]);
    expect((await lastProductEvent(productId)).images.map((i) => [i.mediaId, i.position])).toEqual([
      [third.mediaId, 0],
      [first.mediaId, 1],
      [second.mediaId, 2],
    ]);

    expect((await call(vendor, "DELETE", `/products/${productId}/media/${third.mediaId}`)).status).toBe(204);
    expect((await imagesOf(productId)).map((i) => [i.mediaId, i.position])).toEqual([
      [first.mediaId, 0],
      [second.mediaId, 1],
    ]);
    expect((await lastProductEvent(productId)).images.map((i) => i.mediaId)).toEqual([first.mediaId, second.mediaId]);
    expect((await fetch(third.url)).status).toBe(404);
    expect((await call(vendor, "DELETE", `/products/${productId}/media/${third.mediaId}`)).status).toBe(404);
  });

  it("hides a product's images from another vendor as not found, and keeps them from customers", async () => {
    const { productId } = await activeProduct();
    const image = await uploadedImage(productId);
    const rival = await createTestUser(["vendor"], "Rival Vendor");
    await harness.makeSeller(rival);
    expect((await call(rival, "POST", `/products/${productId}/media/uploads`, { contentType: "image/png" })).status).toBe(404);
    expect((await call(rival, "POST", `/products/${productId}/media/${image.mediaId}/confirm`)).status).toBe(404);
    expect((await call(rival, "PUT", `/products/${productId}/media/order`, { mediaIds: [image.mediaId] })).status).toBe(404);
    expect((await call(rival, "DELETE", `/products/${productId}/media/${image.mediaId}`)).status).toBe(404);
    expect((await call(customer, "POST", `/products/${productId}/media/uploads`, { contentType: "image/png" })).status).toBe(403);
    expect((await call(undefined, "DELETE", `/products/${productId}/media/${image.mediaId}`)).status).toBe(401);
    expect((await imagesOf(productId)).map((i) => i.mediaId)).toEqual([image.mediaId]);
    expect(await rows("select 1 from product_media where product_id = $1", [productId])).toHaveLength(1);
  });

  it("refuses bad input with 422 naming each field, and changes nothing", async () => {
    const { productId } = await activeProduct();
    const first = await uploadedImage(productId);
    const second = await uploadedImage(productId);
    const before = await rows("select id, status, position from product_media where product_id = $1 order by id", [productId]);
    const events = await harness.topicsOf(productId);

    const badType = await call(vendor, "POST", `/products/${productId}/media/uploads`, { contentType: "image/gif", size: 10 });
    expect(badType.status).toBe(422);
    expect(badType.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["contentType", "size"]);
    const missing = await call(vendor, "PUT", `/products/${productId}/media/order`, { mediaIds: [first.mediaId] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ field: "mediaIds", reason: expect.stringContaining(second.mediaId) }]);
    const repeated = await call(vendor, "PUT", `/products/${productId}/media/order`, { mediaIds: [first.mediaId, first.mediaId, second.mediaId] });
    expect(repeated.status).toBe(422);
    expect(repeated.body.errors).toEqual([{ field: "mediaIds.1", reason: "is repeated" }]);
    const unknown = await call(vendor, "PUT", `/products/${productId}/media/order`, { mediaIds: [second.mediaId, first.mediaId, `med_${"0".repeat(26)}`] });
    expect(unknown.body.errors).toEqual([{ field: "mediaIds.2", reason: "is not a ready image of this product" }]);
    const malformed = await call(vendor, "PUT", `/products/${productId}/media/order`, { mediaIds: ["prd_nope"] });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(["mediaIds.0"]);
    expect((await call(vendor, "PUT", `/products/${productId}/media/order`, { mediaIds: [] })).body.errors.map((e: { field: string }) => e.field)).toEqual(["mediaIds"]);
    expect((await call(vendor, "POST", `/products/${productId}/media/med_bad/confirm`)).status).toBe(422);
    const badDelete = await call(vendor, "DELETE", `/products/${productId}/media/${first.mediaId.replace("med_", "prd_")}`);
    expect(badDelete.status).toBe(422);
    expect(badDelete.body.errors.map((e: { field: string }) => e.field)).toEqual(["mediaId"]);
    const raw = await fetch(`${harness.service.url}/products/${productId}/media/uploads`, {
      method: "POST",
      headers: { authorization: `Bearer ${await harness.tokenOf(vendor)}`, "content-type": "application/json" },
      body: JSON.stringify({ contentType: "text/html" }),
    });
    expect(raw.status).toBe(422);
    expect(raw.headers.get("content-type")).toBe("application/problem+json");

    expect(await rows("select id, status, position from product_media where product_id = $1 order by id", [productId])).toEqual(before);
    expect(await harness.topicsOf(productId)).toEqual(events);
  });
});

/** A counter's value on the service's /metrics for one cache. */
async function counter(name: "product_cache_hits_total" | "product_cache_misses_total", cache: "product" | "categories"): Promise<number> {
  const text = await (await fetch(`${harness.service.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && l.includes(`cache="${cache}"`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

async function counts(cache: "product" | "categories") {
  return { hits: await counter("product_cache_hits_total", cache), misses: await counter("product_cache_misses_total", cache) };
}

describe("catalog cache", () => {
  it("answers the second public read of a product from the cache, and the read after each change from Postgres with the new data", async () => {
    const { productId, variantId } = await activeProduct();
    const read = () => call(undefined, "GET", `/products/${productId}`);
    await read();
    const start = await counts("product");
    expect((await read()).body.variants[0].price.amount).toBe(4500);
    expect(await counts("product")).toEqual({ hits: start.hits + 1, misses: start.misses });

    const steps: [string, () => Promise<unknown>, (body: any) => void][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
      ["a price change", () => call(vendor, "PATCH", `/products/${productId}/variants/${variantId}`, { price: { amount: 3900, currency: "EUR" } }), (b) => expect(b.variants[0].price.amount).toBe(3900)],
      ["a stock adjustment", () => call(vendor, "POST", `/products/${productId}/variants/${variantId}/stock/adjustments`, { delta: 6, reason: "delivery" }), (b) => expect(b.variants[0].available).toBe(10)],
      ["a reservation", () => call(customer, "POST", "/reservations", { variantId, quantity: 3 }), (b) => expect(b.variants[0].available).toBe(7)],
      ["a review", () => call(customer, "POST", `/products/${productId}/reviews`, { rating: 4, text: "Sharp." }), (b) => expect(b).toMatchObject({ ratingAverage: 4, ratingCount: 1 })],
      ["an image", () => uploadedImage(productId), (b) => expect(b.images).toHaveLength(1)],
    ];
    for (const [what, change, check] of steps) {
      await change();
      const before = await counts("product");
      const fresh = await read();
      expect(fresh.status, what).toBe(200);
      check(fresh.body);
      expect(await counts("product"), `the read after ${what}`).toEqual({ hits: before.hits, misses: before.misses + 1 });
      check((await read()).body);
      expect(await counts("product"), `the second read after ${what}`).toEqual({ hits: before.hits + 1, misses: before.misses + 1 });
    }
  });

  it("drops a product from public reads as soon as its seller is suspended, and brings it back on reinstatement", async () => {
    const seller = await createTestUser(["vendor"], "Susan Seller");
    const vendorId = await harness.makeSeller(seller);
    const created = await call(seller, "POST", "/products", { title: "Magic Lantern", categoryId: await category() });
    const productId = created.body.id as string;
    await call(seller, "POST", `/products/${productId}/variants`, { sku: "ML-1", price: { amount: 100, currency: "EUR" }, stock: 1 });
    await call(seller, "POST", `/products/${productId}/submit`);
    await call(admin, "POST", `/products/${productId}/approve`);
    const read = () => call(undefined, "GET", `/products/${productId}`);
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);

    await harness.vendorEvent("suspended", vendorId, seller);
    expect((await read()).status).toBe(404);
    expect((await read()).status).toBe(404);
    await harness.vendorEvent("approved", vendorId, seller);
    expect((await read()).status).toBe(200);
  });

  it("answers a public product read without checking a token, and checks one for a product the public may not see", async () => {
    const { productId } = await activeProduct();
    expect((await harness.callWithToken("not.a.token", "GET", `/products/${productId}`)).status).toBe(200);
    const draft = await call(vendor, "POST", "/products", { title: "Unfinished lens", categoryId: await category() });
    expect((await harness.callWithToken("not.a.token", "GET", `/products/${draft.body.id}`)).status).toBe(401);
    expect((await call(undefined, "GET", `/products/${draft.body.id}`)).status).toBe(404);
    expect((await call(vendor, "GET", `/products/${draft.body.id}`)).status).toBe(200);
  });

  it("caches the category list, the tree and the listing by category, and shows every change on the next read", async () => {
    const root = await category();
    const readList = () => call(undefined, "GET", "/categories");
    const readTree = () => call(undefined, "GET", "/categories/tree");
    const readListing = () => call(undefined, "GET", `/products?category=${root}`);
    await Promise.all([readList(), readTree(), readListing()]);
    const start = await counts("categories");
    await Promise.all([readList(), readTree(), readListing()]);
    expect(await counts("categories")).toEqual({ hits: start.hits + 3, misses: start.misses });

    const child = await category(root);
    expect((await readList()).body.items.map((c: { id: string }) => c.id)).toContain(child);
    expect((await readTree()).body.roots.find((n: { id: string }) => n.id === root).children.map((n: { id: string }) => n.id)).toEqual([child]);
    const { productId } = await activeProduct(child);
    expect((await readListing()).body.items.map((p: { id: string }) => p.id)).toEqual([productId]);
    expect(await counts("categories")).toEqual({ hits: start.hits + 3, misses: start.misses + 3 });
    expect((await readListing()).body.items).toHaveLength(1);
    expect((await counter("product_cache_hits_total", "categories"))).toBe(start.hits + 4);

    expect((await call(admin, "PATCH", `/categories/${child}`, { name: "Lenses" })).status).toBe(200);
    expect((await readList()).body.items.find((c: { id: string }) => c.id === child).name).toBe("Lenses");
    expect((await call(vendor, "POST", `/products/${productId}/archive`)).status).toBe(200);
    expect((await readListing()).body.items).toEqual([]);
  });
});

describe("catalog cache under a racing write", () => {
  // The cache alone over the test's real sidecar and Redis: a load is held open while a write
  // commits and forgets, as a request reading Postgres just before a change would be.
  const cacheOverSidecar = () =>
    createCatalogCache({ dapr: createDapr({ httpPort: harness.service.sidecar.httpPort }), log: createLogger("cache-test", "silent"), counters: cacheCounters(new Registry()), ttlSeconds: 60 });
  const held = () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    return { gate, release };
  };

  it("never keeps a product read that loaded before a change committed, whether the entry was absent or marked stale", async () => {
    const cache = cacheOverSidecar();
    for (const start of ["absent", "stale"] as const) {
      const id = newId("prd");
      if (start === "stale") await cache.forgetProducts([id]);
      const slow = held();
      const racing = cache.product(id, async () => {
        await slow.gate;
        return { version: "before the change" };
      });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the racing read is loading now
      await cache.forgetProducts([id]);
      slow.release();
      expect(await racing).toEqual({ version: "before the change" });
      expect(await cache.product(id, async () => ({ version: "after the change" })), start).toEqual({ version: "after the change" });
      expect(await cache.product(id, async () => ({ version: "never loaded" })), start).toEqual({ version: "after the change" });
    }
  });

  it("never keeps a listing read that loaded before a change committed", async () => {
    const cache = cacheOverSidecar();
    const query = `race-${newId("cat")}`;
    const slow = held();
    const racing = cache.listing("categories", "products", query, async () => {
      await slow.gate;
      return ["before the change"];
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await cache.forgetProducts([newId("prd")]);
    slow.release();
    expect(await racing).toEqual(["before the change"]);
    expect(await cache.listing("categories", "products", query, async () => ["after the change"])).toEqual(["after the change"]);
    expect(await cache.listing("categories", "products", query, async () => ["never loaded"])).toEqual(["after the change"]);
  });
});
