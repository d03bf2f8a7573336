import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@market/kit";
import { createTestUser, serviceToken, waitFor, type TestUser } from "@market/testing";
import { startProductHarness, type ProductHarness } from "./test-support.ts";

// Sellers learned from vendor events, whole-product events and the reindex export, archiving
// and the category tree's admin writes: the product service beside a real daprd, real tokens.

let harness: ProductHarness;
let admin: TestUser;
let vendor: TestUser;
let customer: TestUser;

beforeAll(async () => {
  harness = await startProductHarness("product-cx", { RESERVATION_SWEEP_MS: "60000" });
  ({ admin, vendor, customer } = harness);
});
afterAll(async () => harness?.stop());

const call: ProductHarness["call"] = (...args) => harness.call(...args);
const rows: ProductHarness["rows"] = (sql, params) => harness.rows(sql, params);

let slugs = 0;
async function category(parentId: string | null = null): Promise<string> {
  const created = await call(admin, "POST", "/categories", { slug: `cx-${Date.now()}-${slugs++}`, name: "Instruments", parentId });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function product(owner: TestUser, options: { categoryId?: string; active?: boolean; stock?: number } = {}): Promise<{ productId: string; variantId: string }> {
  const created = await call(owner, "POST", "/products", { title: "Orrery", description: "Clockwork planets", categoryId: options.categoryId ?? (await category()) });
  expect(created.status).toBe(201);
  const productId = created.body.id as string;
  const variant = await call(owner, "POST", `/products/${productId}/variants`, { sku: "OR-1", price: { amount: 25000, currency: "GBP" }, stock: options.stock ?? 5 });
  expect(variant.status).toBe(201);
  if (options.active !== false) {
    expect((await call(owner, "POST", `/products/${productId}/submit`)).status).toBe(200);
    expect((await call(admin, "POST", `/products/${productId}/approve`)).status).toBe(200);
  }
  return { productId, variantId: variant.body.id };
}

type Snapshot = Record<string, unknown> & { productId: string; categoryPath: string[] };
const lastSnapshot = async (productId: string) =>
  (await rows<{ event: { data: Snapshot } }>("select event from outbox where partition_key = $1 and topic in ('product.created', 'product.updated') order by seq desc limit 1", [productId]))[0]!.event.data;

describe("sellers", () => {
  it("refuses products to a vendor whose approval has not arrived, and takes them for review only once payouts are enabled", async () => {
    const newcomer = await createTestUser(["vendor"], "Nell Newcomer");
    const categoryId = await category();
    const early = await call(newcomer, "POST", "/products", { title: "Astrolabe", categoryId });
    expect(early.status).toBe(409);
    expect(early.body.detail).toContain("approval has not reached the catalog");

    const vendorId = await harness.makeSeller(newcomer, { payoutsEnabled: false });
    const created = await call(newcomer, "POST", "/products", { title: "Astrolabe", categoryId });
    expect(created.status).toBe(201);
    expect(created.body.vendorId).toBe(vendorId);
    expect((await lastSnapshot(created.body.id)).vendorId).toBe(vendorId);
    await call(newcomer, "POST", `/products/${created.body.id}/variants`, { sku: "AS-1", price: { amount: 900, currency: "GBP" } });
    const refused = await call(newcomer, "POST", `/products/${created.body.id}/submit`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("payouts are enabled");
    expect((await call(newcomer, "GET", `/products/${created.body.id}`)).body.status).toBe("draft");

    await harness.vendorEvent("payouts", vendorId, newcomer, { payoutsEnabled: true });
    expect((await call(newcomer, "POST", `/products/${created.body.id}/submit`)).status).toBe(200);
    // Payouts switched off while the product waits: the admin cannot approve it.
    await harness.vendorEvent("payouts", vendorId, newcomer, { payoutsEnabled: false });
    const approval = await call(admin, "POST", `/products/${created.body.id}/approve`);
    expect(approval.status).toBe(409);
    expect(approval.body.detail).toContain("payouts");
    expect(await rows("select status from products where id = $1", [created.body.id])).toEqual([{ status: "pending_review" }]);
  });

  it("hides a suspended seller's products from every public read and reservation, ignores older events that arrive late, and applies each event once", async () => {
    const seller = await createTestUser(["vendor"], "Sid Seller");
    const vendorId = await harness.makeSeller(seller);
    const categoryId = await category();
    const { productId, variantId } = await product(seller, { categoryId });
    const publicReads = async () => ({
      product: (await call(customer, "GET", `/products/${productId}`)).status,
      listing: (await call(undefined, "GET", `/products?category=${categoryId}`)).body.items.length,
      reviews: (await call(undefined, "GET", `/products/${productId}/reviews`)).status,
    });
    expect(await publicReads()).toEqual({ product: 200, listing: 1, reviews: 200 });

    const suspension = new Date();
    await harness.vendorEvent("suspended", vendorId, seller, { at: suspension });
    expect(await publicReads()).toEqual({ product: 404, listing: 0, reviews: 404 });
    expect((await call(seller, "GET", `/products/${productId}`)).status).toBe(200);
    const reserve = await call(customer, "POST", "/reservations", { variantId, quantity: 1 });
    expect(reserve.status).toBe(409);
    expect(reserve.body.detail).toContain("suspended");
    expect((await call(customer, "POST", `/products/${productId}/reviews`, { rating: 5, text: "Lovely." })).status).toBe(404);

    // An approval from before the suspension, delivered late, changes nothing.
    await harness.vendorEvent("approved", vendorId, seller, { at: new Date(suspension.getTime() - 60_000) });
    expect(await rows("select status from sellers where vendor_id = $1", [vendorId])).toEqual([{ status: "suspended" }]);
    expect(await publicReads()).toEqual({ product: 404, listing: 0, reviews: 404 });

    const reinstated = await harness.vendorEvent("approved", vendorId, seller);
    expect(await publicReads()).toEqual({ product: 200, listing: 1, reviews: 200 });
    expect((await call(customer, "POST", "/reservations", { variantId, quantity: 1 })).status).toBe(201);
    expect(await rows("select 1 from inbox where event_id = $1", [reinstated])).toHaveLength(1);
  });

  it("gives products from before sellers were known their vendor when the owner's approval arrives", async () => {
    const veteran = await createTestUser(["vendor"], "Vic Veteran");
    const categoryId = await category();
    const legacyId = newId("prd");
    await harness.db.query("insert into products (id, owner_id, title, description, attributes, category_id) values ($1, $2, 'Old sextant', '', '{}', $3)", [legacyId, veteran.id, categoryId]);
    const edit = await call(veteran, "PATCH", `/products/${legacyId}`, { title: "Older sextant" });
    expect(edit.status).toBe(409);
    expect(await rows("select title from products where id = $1", [legacyId])).toEqual([{ title: "Old sextant" }]);

    const vendorId = await harness.makeSeller(veteran);
    expect(await rows("select vendor_id from products where id = $1", [legacyId])).toEqual([{ vendor_id: vendorId }]);
    expect((await call(veteran, "PATCH", `/products/${legacyId}`, { title: "Older sextant" })).status).toBe(200);
    expect((await lastSnapshot(legacyId)).vendorId).toBe(vendorId);
  });
});

describe("product events", () => {
  it("announce the whole product: category path from the root, images, rating and creation time", async () => {
    const root = await category();
    const branch = await category(root);
    const leaf = await category(branch);
    const { productId, variantId } = await product(vendor, { categoryId: leaf });
    expect((await call(customer, "POST", `/products/${productId}/reviews`, { rating: 4, text: "Accurate." })).status).toBe(201);
    expect((await call(vendor, "PATCH", `/products/${productId}/variants/${variantId}`, { price: { amount: 24000, currency: "GBP" } })).status).toBe(200);

    const snapshot = await lastSnapshot(productId);
    const created = (await rows<{ created_at: Date }>("select created_at from products where id = $1", [productId]))[0]!.created_at;
    expect(snapshot).toMatchObject({
      productId,
      ownerId: vendor.id,
      categoryId: leaf,
      categoryPath: [root, branch, leaf],
      status: "active",
      variants: [{ variantId, sku: "OR-1", price: { amount: 24000, currency: "GBP" }, stock: 5 }],
      images: [],
      ratingAverage: 4,
      ratingCount: 1,
      createdAt: created.toISOString(),
    });
    expect(snapshot.vendorId).toMatch(/^vnd_/);
  });

  it("re-announce every active product of a moved subtree with its new category path, in the move's transaction", async () => {
    const [left, right] = [await category(), await category()];
    const moved = await category(left);
    const below = await category(moved);
    const active = await product(vendor, { categoryId: moved });
    const deeper = await product(vendor, { categoryId: below });
    const draft = await product(vendor, { categoryId: below, active: false });
    const elsewhere = await product(vendor, { categoryId: left });
    const counts = async () => Promise.all([active, deeper, draft, elsewhere].map(async (p) => (await harness.topicsOf(p.productId)).length));
    const before = await counts();

    expect((await call(vendor, "POST", `/categories/${moved}/move`, { parentId: right })).status).toBe(403);
    expect((await call(admin, "POST", `/categories/${moved}/move`, { parentId: right })).status).toBe(200);
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 1, before[2], before[3]]);
    expect((await lastSnapshot(active.productId)).categoryPath).toEqual([right, moved]);
    expect((await lastSnapshot(deeper.productId)).categoryPath).toEqual([right, moved, below]);
    expect((await lastSnapshot(elsewhere.productId)).categoryPath).toEqual([left]);
    await waitFor(async () => (await rows("select 1 from outbox where partition_key = any($1) and published_at is null", [[active.productId, deeper.productId]])).length === 0, {
      what: "the relay to publish the moved products' events",
    });
  });
});

describe("reindex export", () => {
  it("pages through active products of sellers that may sell, by id, with the snapshots the events carry", async () => {
    const service = await serviceToken("market-service", "market-service-dev-secret");
    const mine = [await product(vendor), await product(vendor), await product(vendor)].map((p) => p.productId);
    const draft = (await product(vendor, { active: false })).productId;
    const unpaid = await createTestUser(["vendor"], "Una Unpaid");
    const unpaidVendor = await harness.makeSeller(unpaid);
    const unpaidProduct = (await product(unpaid)).productId;
    await harness.vendorEvent("payouts", unpaidVendor, unpaid, { payoutsEnabled: false });

    const seen: Snapshot[] = [];
    let pages = 0;
    for (let after: string | null = ""; after !== null; pages++) {
      const page = await harness.callWithToken(service, "GET", `/catalog/snapshots?limit=2${after ? `&after=${after}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      after = page.body.next;
    }
    const ids = seen.map((s) => s.productId);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(ids).toEqual([...new Set(ids)].sort());
    expect(ids).toEqual(expect.arrayContaining(mine));
    expect(ids).not.toContain(draft);
    expect(ids).not.toContain(unpaidProduct);
    for (const id of mine) expect(seen.find((s) => s.productId === id)).toEqual(await lastSnapshot(id));

    const first = await harness.callWithToken(service, "GET", "/catalog/snapshots");
    expect(first.body.items.length).toBe(Math.min(ids.length, 500));
    expect((await call(admin, "GET", "/catalog/snapshots?limit=1")).status).toBe(200);
    expect((await call(vendor, "GET", "/catalog/snapshots")).status).toBe(403);
    expect((await call(customer, "GET", "/catalog/snapshots")).status).toBe(403);
    expect((await call(undefined, "GET", "/catalog/snapshots")).status).toBe(401);
    const bad = await harness.callWithToken(service, "GET", "/catalog/snapshots?limit=1001&after=cat_nope&extra=1");
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["after", "extra", "limit"]);
    expect((await harness.callWithToken(service, "GET", "/catalog/snapshots?limit=0")).status).toBe(422);
  });
});

describe("archiving", () => {
  it("releases the product's held reservations in the archive's transaction, with release movements and stock.changed", async () => {
    const { productId, variantId } = await product(vendor, { stock: 5 });
    const held = [await call(customer, "POST", "/reservations", { variantId, quantity: 2 }), await call(customer, "POST", "/reservations", { variantId, quantity: 1 })];
    expect(held.map((h) => h.status)).toEqual([201, 201]);
    const committed = await call(customer, "POST", "/reservations", { variantId, quantity: 1 });
    expect((await call(customer, "POST", `/reservations/${committed.body.id}/commit`)).status).toBe(200);
    const stockEventsBefore = (await rows("select 1 from outbox where partition_key = $1 and topic = 'stock.changed'", [productId])).length;

    const archived = await call(vendor, "POST", `/products/${productId}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe("archived");
    expect(await rows("select status from reservations where product_id = $1 order by created_at", [productId])).toEqual([{ status: "released" }, { status: "released" }, { status: "committed" }]);
    expect(await rows("select stock, reserved from variants where id = $1", [variantId])).toEqual([{ stock: 4, reserved: 0 }]);
    const movements = await rows<{ kind: string; delta: number; reason: string; by: string }>(
      "select kind, delta, reason, by from stock_movements where variant_id = $1 and kind = 'release' order by delta",
      [variantId],
    );
    expect(movements).toEqual([
      { kind: "release", delta: 1, reason: "product archived", by: vendor.id },
      { kind: "release", delta: 2, reason: "product archived", by: vendor.id },
    ]);
    const stockEvents = await rows<{ available: number }>("select (event->'data'->>'available')::int as available from outbox where partition_key = $1 and topic = 'stock.changed' order by seq", [productId]);
    expect(stockEvents.slice(stockEventsBefore).map((e) => e.available)).toEqual([3, 4]);
    expect((await lastSnapshot(productId))).toMatchObject({ status: "archived", variants: [expect.objectContaining({ stock: 4 })] });
    expect((await call(customer, "POST", `/reservations/${held[0]!.body.id}/commit`)).status).toBe(409);
    expect((await call(customer, "POST", "/reservations", { variantId, quantity: 1 })).status).toBe(404);
  });
});

describe("category administration", () => {
  it("lets admins rename a category, keeping slugs unique", async () => {
    const id = await category();
    const other = await category();
    const renamed = await call(admin, "PATCH", `/categories/${id}`, { name: "Scientific instruments" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Scientific instruments");
    const slug = `scientific-${Date.now()}`;
    expect((await call(admin, "PATCH", `/categories/${id}`, { slug })).body).toMatchObject({ slug, name: "Scientific instruments" });
    const taken = await call(admin, "PATCH", `/categories/${other}`, { slug, name: "Taken" });
    expect(taken.status).toBe(409);
    expect((await call(undefined, "GET", `/categories/${other}`)).body.name).toBe("Instruments");
    expect((await call(vendor, "PATCH", `/categories/${id}`, { name: "Mine" })).status).toBe(403);
    expect((await call(admin, "PATCH", `/categories/cat_${"0".repeat(26)}`, { name: "Ghost" })).status).toBe(404);
  });

  it("deletes only a category without subcategories and products", async () => {
    const parent = await category();
    const child = await category(parent);
    const filled = await category();
    await product(vendor, { categoryId: filled, active: false });
    const withChild = await call(admin, "DELETE", `/categories/${parent}`);
    expect(withChild.status).toBe(409);
    expect(withChild.body.detail).toContain("subcategories");
    const withProducts = await call(admin, "DELETE", `/categories/${filled}`);
    expect(withProducts.status).toBe(409);
    expect(withProducts.body.detail).toContain("Products");
    expect((await call(vendor, "DELETE", `/categories/${child}`)).status).toBe(403);
    expect((await call(admin, "DELETE", `/categories/${child}`)).status).toBe(204);
    expect((await call(undefined, "GET", `/categories/${child}`)).status).toBe(404);
    expect((await call(admin, "DELETE", `/categories/${child}`)).status).toBe(404);
    expect((await call(admin, "DELETE", `/categories/${parent}`)).status).toBe(204);
    expect((await call(undefined, "GET", "/categories")).body.items.map((c: { id: string }) => c.id)).not.toContain(parent);
  });

  it("lists a category's products together with its descendants'", async () => {
    const root = await category();
    const child = await category(root);
    const grandchild = await category(child);
    const atRoot = (await product(vendor, { categoryId: root })).productId;
    const atGrandchild = (await product(vendor, { categoryId: grandchild })).productId;
    await product(vendor, { categoryId: await category() });
    await product(vendor, { categoryId: child, active: false });
    const list = async (id: string) => (await call(undefined, "GET", `/products?category=${id}`)).body.items.map((p: { id: string }) => p.id);
    expect(await list(root)).toEqual([atRoot, atGrandchild]);
    expect(await list(child)).toEqual([atGrandchild]);
    expect(await list(grandchild)).toEqual([atGrandchild]);
    const paged = await call(undefined, "GET", `/products?category=${root}&limit=1`);
    expect(paged.body.items.map((p: { id: string }) => p.id)).toEqual([atRoot]);
    expect((await call(undefined, "GET", `/products?category=${root}&limit=1&after=${paged.body.next}`)).body.items.map((p: { id: string }) => p.id)).toEqual([atGrandchild]);
  });

  it("refuses bad input with 422 naming each field, and changes nothing", async () => {
    const id = await category();
    const [before] = await rows("select slug, name, updated_at from categories where id = $1", [id]);
    const bad = await call(admin, "PATCH", `/categories/${id}`, { slug: "Not A Slug", name: "", parentId: null });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["name", "parentId", "slug"]);
    const empty = await call(admin, "PATCH", `/categories/${id}`, {});
    expect(empty.status).toBe(422);
    expect((await call(admin, "PATCH", "/categories/cat_bad", { name: "x" })).status).toBe(422);
    expect((await call(admin, "DELETE", "/categories/nope")).status).toBe(422);
    expect((await call(undefined, "GET", "/products?category=prd_wrong")).status).toBe(422);
    expect(await rows("select slug, name, updated_at from categories where id = $1", [id])).toEqual([before]);
  });
});
