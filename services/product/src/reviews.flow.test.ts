import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, waitFor, type TestService, type TestUser } from "@market/testing";
import { startProductHarness, type ProductHarness } from "./test-support.ts";

// Reviews against the product service in-process beside a real daprd, with real Keycloak tokens.

let harness: ProductHarness;
let service: TestService;
let admin: TestUser;
let vendor: TestUser;
let customer: TestUser;
let db: pg.Pool;

beforeAll(async () => {
  harness = await startProductHarness("product-rv", {});
  ({ service, admin, vendor, customer, db } = harness);
});
afterAll(async () => harness?.stop());

const call: ProductHarness["call"] = (...args) => harness.call(...args);
const rows: ProductHarness["rows"] = (sql, params) => harness.rows(sql, params);
const topicsOf: ProductHarness["topicsOf"] = (productId) => harness.topicsOf(productId);
const tokenOf: ProductHarness["tokenOf"] = (user) => harness.tokenOf(user);
const reviewTopicsOf = async (productId: string) => (await topicsOf(productId)).filter((t) => t.startsWith("review."));
const ratingOf = async (productId: string) => (await call(undefined, "GET", `/products/${productId}`)).body as { ratingAverage: number | null; ratingCount: number };

let slugs = 0;
async function activeProduct(): Promise<string> {
  const cat = await call(admin, "POST", "/categories", { slug: `rv-${Date.now()}-${slugs++}`, name: "Books" });
  expect(cat.status).toBe(201);
  const created = await call(vendor, "POST", "/products", { title: "Analytical Engine Manual", categoryId: cat.body.id });
  expect(created.status).toBe(201);
  const productId = created.body.id as string;
  expect((await call(vendor, "POST", `/products/${productId}/variants`, { sku: "AEM-1", price: { amount: 1999, currency: "EUR" }, stock: 3 })).status).toBe(201);
  expect((await call(vendor, "POST", `/products/${productId}/submit`)).status).toBe(200);
  expect((await call(admin, "POST", `/products/${productId}/approve`)).status).toBe(200);
  return productId;
}

describe("reviews", () => {
  it("updates the product's rating average and count with each review and announces review.created", async () => {
    const productId = await activeProduct();
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: null, ratingCount: 0 });
    const other = await createTestUser(["customer"], "Otto Other");
    const first = await call(customer, "POST", `/products/${productId}/reviews`, { rating: 5, text: "  Clear and thorough.  " });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ productId, authorId: customer.id, rating: 5, text: "Clear and thorough.", hidden: false });
    expect(first.body.id).toMatch(/^rev_/);
    expect((await call(other, "POST", `/products/${productId}/reviews`, { rating: 2, text: "Too dense." })).status).toBe(201);
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: 3.5, ratingCount: 2 });

    const listed = await call(undefined, "GET", `/products/${productId}/reviews`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { authorId: string }) => r.authorId)).toEqual([other.id, customer.id]);
    const paged = await call(undefined, "GET", `/products/${productId}/reviews?limit=1`);
    expect(paged.body.items).toHaveLength(1);
    const rest = await call(undefined, "GET", `/products/${productId}/reviews?limit=1&after=${paged.body.next}`);
    expect(rest.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
    expect((await call(undefined, "GET", `/products/${productId}/reviews?limit=500`)).status).toBe(422);

    expect(await reviewTopicsOf(productId)).toEqual(["review.created", "review.created"]);
    await waitFor(async () => (await rows("select 1 from outbox where partition_key = $1 and published_at is null", [productId])).length === 0, {
      what: "the relay to publish the review events through the sidecar",
    });
    const [last] = await rows<{ event: { type: string; data: Record<string, unknown> } }>("select event from outbox where partition_key = $1 order by seq desc limit 1", [productId]);
    expect(last!.event).toMatchObject({ type: "review.created.v1", data: { productId, authorId: other.id, rating: 2, ratingAverage: 3.5, ratingCount: 2 } });
  });

  it("refuses a second review by the same customer with 409", async () => {
    const productId = await activeProduct();
    expect((await call(customer, "POST", `/products/${productId}/reviews`, { rating: 4, text: "Good." })).status).toBe(201);
    const again = await call(customer, "POST", `/products/${productId}/reviews`, { rating: 1, text: "Changed my mind." });
    expect(again.status).toBe(409);
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: 4, ratingCount: 1 });
    expect(await reviewTopicsOf(productId)).toEqual(["review.created"]);
  });

  it("lets only one of a customer's simultaneous reviews of a product through", async () => {
    const productId = await activeProduct();
    const eager = await createTestUser(["customer"], "Eager Eve");
    await tokenOf(eager);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => call(eager, "POST", `/products/${productId}/reviews`, { rating: i + 1, text: `Take ${i}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const won = answers.find((a) => a.status === 201)!.body;
    expect(await rows("select rating_sum, rating_count from products where id = $1", [productId])).toEqual([{ rating_sum: won.rating, rating_count: 1 }]);
    expect(await reviewTopicsOf(productId)).toEqual(["review.created"]);
  });

  it("keeps the owner from reviewing their own product and anonymous callers from reviewing at all", async () => {
    const productId = await activeProduct();
    const own = await call(vendor, "POST", `/products/${productId}/reviews`, { rating: 5, text: "Best book ever." });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe("forbidden");
    expect((await call(undefined, "POST", `/products/${productId}/reviews`, { rating: 5, text: "Anonymous praise." })).status).toBe(401);
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: null, ratingCount: 0 });
    expect(await rows("select 1 from reviews where product_id = $1", [productId])).toEqual([]);
  });

  it("takes reviews only for active products", async () => {
    const cat = await call(admin, "POST", "/categories", { slug: `rv-draft-${Date.now()}-${slugs++}`, name: "Drafts" });
    const draft = await call(vendor, "POST", "/products", { title: "Unreleased", categoryId: cat.body.id });
    expect((await call(customer, "POST", `/products/${draft.body.id}/reviews`, { rating: 3, text: "Early look." })).status).toBe(404);
    expect((await call(undefined, "GET", `/products/${draft.body.id}/reviews`)).status).toBe(404);
  });

  it("refuses bad input with 422 naming each field, and changes nothing", async () => {
    const productId = await activeProduct();
    const bad = await call(customer, "POST", `/products/${productId}/reviews`, { rating: 6, text: "", authorId: vendor.id });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["authorId", "rating", "text"]);
    const fractional = await call(customer, "POST", `/products/${productId}/reviews`, { rating: 3.5, text: "x".repeat(2001) });
    expect(fractional.status).toBe(422);
    expect(fractional.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["rating", "text"]);
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: null, ratingCount: 0 });
    expect(await rows("select 1 from reviews where product_id = $1", [productId])).toEqual([]);
    expect(await reviewTopicsOf(productId)).toEqual([]);
  });

  it("lets an admin hide a review, which leaves the listing and the rating, and unhide it again", async () => {
    const productId = await activeProduct();
    const fan = await createTestUser(["customer"], "Fay Fan");
    const kept = await call(fan, "POST", `/products/${productId}/reviews`, { rating: 5, text: "Superb." });
    const spam = await call(customer, "POST", `/products/${productId}/reviews`, { rating: 1, text: "Buy cheap watches at example.com" });
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: 3, ratingCount: 2 });
    const path = `/products/${productId}/reviews/${spam.body.id}`;

    expect((await call(customer, "POST", `${path}/hide`, { reason: "I regret it" })).status).toBe(403);
    expect((await call(vendor, "POST", `${path}/hide`, { reason: "Unfair" })).status).toBe(403);
    expect((await call(admin, "POST", `${path}/hide`, {})).status).toBe(422);

    const hidden = await call(admin, "POST", `${path}/hide`, { reason: "Spam" });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: spam.body.id, hidden: true, moderationReason: "Spam", moderatedBy: admin.id });
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: 5, ratingCount: 1 });
    expect((await call(undefined, "GET", `/products/${productId}/reviews`)).body.items.map((r: { id: string }) => r.id)).toEqual([kept.body.id]);
    expect((await call(admin, "POST", `${path}/hide`, { reason: "Spam again" })).status).toBe(409);
    // A hidden review still counts as the customer's one review.
    expect((await call(customer, "POST", `/products/${productId}/reviews`, { rating: 1, text: "Second try" })).status).toBe(409);

    const shown = await call(admin, "POST", `${path}/unhide`, { reason: "Appeal upheld" });
    expect(shown.body.hidden).toBe(false);
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: 3, ratingCount: 2 });
    expect((await call(admin, "POST", `/products/${productId}/reviews/rev_${"0".repeat(26)}/hide`, { reason: "Spam" })).status).toBe(404);

    expect(await reviewTopicsOf(productId)).toEqual(["review.created", "review.created", "review.moderated", "review.moderated"]);
    const moderated = await rows<{ event: { data: Record<string, unknown> } }>("select event from outbox where partition_key = $1 and topic = 'review.moderated' order by seq", [productId]);
    expect(moderated.map((m) => m.event.data)).toEqual([
      expect.objectContaining({ reviewId: spam.body.id, hidden: true, reason: "Spam", ratingAverage: 5, ratingCount: 1 }),
      expect.objectContaining({ reviewId: spam.body.id, hidden: false, reason: "Appeal upheld", ratingAverage: 3, ratingCount: 2 }),
    ]);
    await waitFor(async () => (await rows("select 1 from outbox where partition_key = $1 and published_at is null", [productId])).length === 0, {
      what: "the relay to publish review.moderated through the sidecar",
    });
  });

  it("counts 20 customers reviewing at once exactly, with the exact average", async () => {
    const productId = await activeProduct();
    const reviewers = await Promise.all(Array.from({ length: 20 }, (_, i) => createTestUser(["customer"], `Reviewer ${i}`)));
    await Promise.all(reviewers.map(tokenOf));
    const ratings = reviewers.map((_, i) => (i % 3) + 3); // sums to 79: an average of 3.95
    const answers = await Promise.all(reviewers.map((r, i) => call(r, "POST", `/products/${productId}/reviews`, { rating: ratings[i], text: `Review ${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));

    const sum = ratings.reduce((a, b) => a + b, 0);
    expect(await rows("select rating_sum, rating_count from products where id = $1", [productId])).toEqual([{ rating_sum: sum, rating_count: 20 }]);
    expect(await ratingOf(productId)).toMatchObject({ ratingAverage: Math.round((sum * 100) / 20) / 100, ratingCount: 20 });
    expect(await reviewTopicsOf(productId)).toHaveLength(20);
    await waitFor(async () => (await rows("select 1 from outbox where partition_key = $1 and published_at is null", [productId])).length === 0, {
      what: "the relay to publish all 20 review.created",
    });
  });
});
