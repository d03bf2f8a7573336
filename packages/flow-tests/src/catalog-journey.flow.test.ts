import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, infra, waitFor } from "@market/testing";
import { apiClient, becomeSellingVendor, signUp, type Call } from "./clients.ts";
import { searchIndexPrefix, startStack, type Stack } from "./platform.ts";

// Issue 4's journey through the public ingress: an approved vendor with payouts lists a
// product with a variant and an image, an admin approves it, and search finds it by text,
// filter, prefix and a misspelling; stock and a review reach the index; a suspension
// takes the vendor's products out of search.

let stack: Stack | undefined;
let call: Call;
let api: string;

beforeAll(async () => {
  stack = await startStack(["auth", "vendor", "product", "search"], "cj");
  api = stack.api;
  call = apiClient(api);
});
afterAll(async () => stack?.stop());

// 1×1 transparent PNG.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const unique = Date.now().toString(36);
const find = (query: Record<string, string>) => call("GET", `/search/search/products?${new URLSearchParams(query)}`);
const idsOf = (answer: { body: any }) => (answer.body?.items ?? []).map((item: any) => item.productId as string);

describe(`a listing from vendor to search (pub/sub on ${infra.pubsub})`, () => {
  it("an approved vendor's product is found by text, filter, prefix and misspelling, follows stock and reviews, and leaves search on suspension", async () => {
    const admin = await createTestUser(["admin"]);
    const adminToken = await admin.token();

    // A small tree: Home › Kitchen › Baskets.
    const category = async (slug: string, name: string, parentId: string | null) => {
      const created = await call("POST", "/product/categories", adminToken, { slug: `${slug}-${unique}`, name, parentId });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const home = await category("home", "Home", null);
    const kitchen = await category("kitchen", "Kitchen", home);
    const baskets = await category("baskets", "Baskets", kitchen);

    const quinn = await signUp(call, "Quinn Weaver");
    const { vendorId, token: vendorToken } = await becomeSellingVendor(call, quinn, adminToken, "Quinn's Weaving");

    // The catalog learns of the seller from vendor.approved / vendor.payouts_updated.
    const title = `Handwoven Quokka Basket ${unique}`;
    const product = await waitFor(async () => {
      const created = await call("POST", "/product/products", vendorToken, {
        title,
        description: "A sturdy seagrass basket for the kitchen, woven by hand.",
        categoryId: baskets,
        attributes: { material: "seagrass" },
      });
      return created.status === 201 && created.body;
    }, { what: "the product service to know the new seller" });
    expect(product.vendorId).toBe(vendorId);
    const variant = await call("POST", `/product/products/${product.id}/variants`, vendorToken, { sku: "QB-1", price: { amount: 3450, currency: "EUR" }, stock: 5 });
    expect(variant.status).toBe(201);

    const upload = await call("POST", `/product/products/${product.id}/media/uploads`, vendorToken, { contentType: "image/png" });
    expect(upload.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.body.upload.fields as Record<string, string>)) form.append(name, value);
    form.append("file", new Blob([png], { type: "image/png" }));
    expect((await fetch(upload.body.upload.url, { method: "POST", body: form })).status).toBe(204);
    const confirmed = await call("POST", `/product/products/${product.id}/media/${upload.body.mediaId}/confirm`, vendorToken);
    expect(confirmed.status).toBe(200);

    await waitFor(async () => (await call("GET", `/product/products/${product.id}`, vendorToken)).body?.status === "draft", { what: "the draft" });
    expect((await call("POST", `/product/products/${product.id}/submit`, vendorToken)).status).toBe(200);
    expect((await call("POST", `/product/products/${product.id}/approve`, vendorToken)).status).toBe(403);
    expect((await call("POST", `/product/products/${product.id}/approve`, adminToken)).status).toBe(200);

    // The public product page shows the image through the CDN base URL, and it serves the bytes.
    const page = await call("GET", `/product/products/${product.id}`);
    expect(page.status).toBe(200);
    const imageUrl = page.body.images[0].url as string;
    expect(Buffer.from(await (await fetch(imageUrl)).arrayBuffer())).toEqual(png);
    // Anonymous page views are shared at the edge for the seconds the service allows; a
    // signed-in view always reaches the service.
    const edge = async (headers: Record<string, string> = {}) => (await fetch(`${api}/product/products/${product.id}`, { headers })).headers.get("x-edge-cache");
    await edge();
    expect(await edge()).toBe("hit");
    expect(await edge({ authorization: `Bearer ${vendorToken}` })).toBeNull();

    // Search: by text, by filters (an ancestor category, a price range), by prefix, misspelled.
    const byText = await waitFor(async () => {
      const answer = await find({ q: `quokka basket ${unique}` });
      return idsOf(answer).includes(product.id) && answer;
    }, { what: "the product in search by text" });
    expect(byText.body.items[0]).toMatchObject({ productId: product.id, vendorId, title });
    expect(idsOf(await find({ q: "quokka", category: home, minPrice: "3000", maxPrice: "4000", currency: "EUR" }))).toContain(product.id);
    expect(idsOf(await find({ q: "quokka", category: home, minPrice: "4000", currency: "EUR" }))).not.toContain(product.id);
    const prefix = await call("GET", `/search/search/autocomplete?${new URLSearchParams({ q: "handwoven quo" })}`);
    expect(prefix.status).toBe(200);
    expect(JSON.stringify(prefix.body)).toContain(title);
    const misspelled = await find({ q: "handwovn quoka" });
    expect(idsOf(misspelled)).toContain(product.id);
    expect(misspelled.body.didYouMean).toMatch(/handwoven quokka/i);

    // Stock: sold out leaves the in-stock filter; the rating arrives from a new review.
    expect(idsOf(await find({ q: "quokka", inStock: "true" }))).toContain(product.id);
    const restocked = await call("PUT", `/product/products/${product.id}/variants/${variant.body.id}/stock`, vendorToken, { stock: 0, reason: "sold out at the market" });
    expect(restocked.status).toBe(200);
    await waitFor(async () => !idsOf(await find({ q: "quokka", inStock: "true" })).includes(product.id), { what: "the sold-out product to leave the in-stock filter" });

    const carla = await signUp(call, "Carla Customer");
    const review = await call("POST", `/product/products/${product.id}/reviews`, await carla.token(), { rating: 4, text: "Holds all my onions." });
    expect(review.status).toBe(201);
    await waitFor(async () => idsOf(await find({ q: "quokka", minRating: "4" })).includes(product.id), { what: "the rating in search" });
    const rated = (await find({ q: "quokka" })).body.items.find((item: any) => item.productId === product.id);
    expect(rated).toMatchObject({ ratingAverage: 4, ratingCount: 1 });

    // `npm run reindex` builds a new index from the product service's export and swaps the
    // alias: the product is still found, with its rating and without stock.
    const { stdout } = await promisify(execFile)("node", ["--import", "tsx", "services/search/src/reindex.ts"], {
      env: {
        ...process.env,
        LOG_LEVEL: "warn",
        SEARCH_INDEX_PREFIX: searchIndexPrefix("search-cj"),
        DAPR_HTTP_PORT: String(stack!.services.search!.sidecar.httpPort),
        PRODUCT_APP_ID: "product-cj",
      },
    });
    expect(stdout).toMatch(/reindexed 1 products into flow-search-cj-\S+-v1-\d+/);
    expect((await find({ q: "quokka", minRating: "4" })).body.items.find((item: any) => item.productId === product.id)).toMatchObject({ inStock: false, ratingCount: 1 });

    // A suspended vendor's products leave search.
    expect((await call("POST", `/vendor/vendors/${vendorId}/suspend`, adminToken, { reason: "counterfeit goods reported" })).status).toBe(200);
    await waitFor(async () => !idsOf(await find({ q: "quokka" })).includes(product.id), { what: "the suspended vendor's product to leave search" });
    expect(JSON.stringify((await call("GET", `/search/search/autocomplete?${new URLSearchParams({ q: "handwoven quo" })}`)).body)).not.toContain(title);
  });
});
