import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, waitFor, type TestService, type TestUser } from "@market/testing";
import { startProductHarness, type ProductHarness } from "./test-support.ts";

// The product service in-process beside a real daprd (Kafka pub/sub), with real Keycloak tokens.

let harness: ProductHarness;
let service: TestService;
let admin: TestUser;
let vendor: TestUser;
let customer: TestUser;
let db: pg.Pool;

beforeAll(async () => {
  harness = await startProductHarness("product-pf", { RESERVATION_SWEEP_MS: "200" });
  ({ service, admin, vendor, customer, db } = harness);
});
afterAll(async () => harness?.stop());

const call: ProductHarness["call"] = (...args) => harness.call(...args);
const rows: ProductHarness["rows"] = (sql, params) => harness.rows(sql, params);
const topicsOf: ProductHarness["topicsOf"] = (productId) => harness.topicsOf(productId);
const tokenOf: ProductHarness["tokenOf"] = (user) => harness.tokenOf(user);

let slugs = 0;
async function category(parentId: string | null = null): Promise<string> {
  const created = await call(admin, "POST", "/categories", { slug: `cat-${Date.now()}-${slugs++}`, name: "Gadgets", parentId });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function draftProduct(owner = vendor, stock = 5): Promise<{ productId: string; variantId: string }> {
  const created = await call(owner, "POST", "/products", { title: "Difference Engine", description: "Brass, hand-cranked", attributes: { material: "brass" }, categoryId: await category() });
  expect(created.status).toBe(201);
  const variant = await call(owner, "POST", `/products/${created.body.id}/variants`, { sku: "DE-1", price: { amount: 129900, currency: "GBP" }, stock });
  expect(variant.status).toBe(201);
  return { productId: created.body.id, variantId: variant.body.id };
}

async function activeProduct(stock = 5) {
  const p = await draftProduct(vendor, stock);
  expect((await call(vendor, "POST", `/products/${p.productId}/submit`)).status).toBe(200);
  expect((await call(admin, "POST", `/products/${p.productId}/approve`)).status).toBe(200);
  return p;
}

describe("categories", () => {
  it("builds a tree that admins can rearrange but never into a cycle", async () => {
    const root = await category();
    const child = await category(root);
    const grandchild = await category(child);
    expect((await call(admin, "POST", `/categories/${root}/move`, { parentId: grandchild })).status).toBe(409);
    expect((await call(admin, "POST", `/categories/${root}/move`, { parentId: root })).status).toBe(409);
    const moved = await call(admin, "POST", `/categories/${grandchild}/move`, { parentId: root });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(root);

    const tree = await call(undefined, "GET", "/categories/tree");
    expect(tree.status).toBe(200);
    const node = tree.body.roots.find((n: { id: string }) => n.id === root);
    expect(node.children.map((n: { id: string }) => n.id).sort()).toEqual([child, grandchild].sort());
  });

  it("keeps slugs unique and category writes to admins", async () => {
    const slug = `unique-${Date.now()}`;
    expect((await call(admin, "POST", "/categories", { slug, name: "One" })).status).toBe(201);
    expect((await call(admin, "POST", "/categories", { slug, name: "Two" })).status).toBe(409);
    expect((await call(vendor, "POST", "/categories", { slug: `${slug}-x`, name: "Three" })).status).toBe(403);
    const bad = await call(admin, "POST", "/categories", { slug: "Not A Slug", name: "" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["name", "slug"]);
  });
});

describe("product listings", () => {
  it("takes a vendor's product from draft through review to the public catalog, publishing its events", async () => {
    const { productId, variantId } = await draftProduct();
    expect((await call(customer, "GET", `/products/${productId}`)).status).toBe(404);
    expect((await call(undefined, "GET", `/products/${productId}`)).status).toBe(404);

    expect((await call(vendor, "POST", `/products/${productId}/submit`)).body.status).toBe("pending_review");
    const queue = await call(admin, "GET", "/products/review-queue?limit=100");
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(productId);
    const approved = await call(admin, "POST", `/products/${productId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("active");

    const seen = await call(customer, "GET", `/products/${productId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ title: "Difference Engine", ownerId: vendor.id, attributes: { material: "brass" } });
    expect(seen.body.variants).toEqual([expect.objectContaining({ id: variantId, sku: "DE-1", price: { amount: 129900, currency: "GBP" }, available: 5 })]);
    const catalog = await call(undefined, "GET", `/products?categoryId=${seen.body.categoryId}`);
    expect(catalog.body.items.map((p: { id: string }) => p.id)).toEqual([productId]);

    expect(await topicsOf(productId)).toEqual(["product.created", "product.updated", "product.updated", "product.updated"]);
    await waitFor(async () => (await rows("select 1 from outbox where partition_key = $1 and published_at is null", [productId])).length === 0, {
      what: "the relay to publish the product's events through the sidecar",
    });
    const [last] = await rows<{ event: { type: string; data: Record<string, unknown> } }>("select event from outbox where partition_key = $1 order by seq desc limit 1", [productId]);
    expect(last!.event).toMatchObject({ type: "product.updated.v1", data: { productId, ownerId: vendor.id, status: "active" } });
  });

  it("rejects with a reason, which reopens the product for its vendor", async () => {
    const { productId } = await draftProduct();
    await call(vendor, "POST", `/products/${productId}/submit`);
    expect((await call(admin, "POST", `/products/${productId}/reject`, {})).status).toBe(422);
    const rejected = await call(admin, "POST", `/products/${productId}/reject`, { reason: "Photos missing" });
    expect(rejected.body).toMatchObject({ status: "rejected", statusReason: "Photos missing" });
    const edited = await call(vendor, "PATCH", `/products/${productId}`, { title: "Difference Engine No. 2" });
    expect(edited.body).toMatchObject({ status: "draft", statusReason: null, title: "Difference Engine No. 2" });
  });

  it("hides a vendor's draft from another vendor as not found, for reads and writes", async () => {
    const { productId, variantId } = await draftProduct();
    const rival = await createTestUser(["vendor"], "Rival Vendor");
    expect((await call(rival, "GET", `/products/${productId}`)).status).toBe(404);
    expect((await call(rival, "PATCH", `/products/${productId}`, { title: "Mine now" })).status).toBe(404);
    expect((await call(rival, "POST", `/products/${productId}/submit`)).status).toBe(404);
    expect((await call(rival, "PUT", `/products/${productId}/variants/${variantId}/stock`, { stock: 0, reason: "sabotage" })).status).toBe(404);
    expect((await call(rival, "GET", "/products/mine")).body.items).toEqual([]);
    expect((await call(vendor, "GET", `/products/${productId}`)).body.title).toBe("Difference Engine");
    expect((await call(admin, "GET", `/products/${productId}`)).status).toBe(200);
  });

  it("lets only vendors write products and only admins moderate them", async () => {
    const categoryId = await category();
    const refused = await call(customer, "POST", "/products", { title: "Knock-off", categoryId });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("forbidden");
    expect((await call(undefined, "POST", "/products", { title: "Knock-off", categoryId })).status).toBe(401);

    const { productId } = await draftProduct();
    await call(vendor, "POST", `/products/${productId}/submit`);
    expect((await call(vendor, "POST", `/products/${productId}/approve`)).status).toBe(403);
    expect((await call(customer, "POST", `/products/${productId}/reject`, { reason: "no" })).status).toBe(403);
    expect((await call(vendor, "GET", "/products/review-queue")).status).toBe(403);
    expect((await call(admin, "GET", `/products/${productId}`)).body.status).toBe("pending_review");
  });

  it("refuses bad input with 422 naming each field, and changes nothing", async () => {
    const categoryId = await category();
    const bad = await call(vendor, "POST", "/products", { title: "", categoryId: "cat_nope", attributes: { colour: 3 }, status: "active" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["title", "categoryId", "attributes.colour", "status"]));
    const missing = await call(vendor, "POST", "/products", { title: "Orphan", categoryId: `cat_${"0".repeat(26)}` });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ field: "categoryId", reason: "does not exist" }]);

    const { productId, variantId } = await draftProduct();
    const badVariant = await call(vendor, "POST", `/products/${productId}/variants`, { sku: "DE 2!", price: { amount: 1.5, currency: "pounds" }, stock: -1 });
    expect(badVariant.status).toBe(422);
    expect(badVariant.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(["sku", "price.amount", "price.currency", "stock"]));
    expect((await call(vendor, "POST", `/products/${productId}/variants`, { sku: "DE-1", price: { amount: 1, currency: "GBP" } })).status).toBe(409);
    const badStock = await call(vendor, "POST", `/products/${productId}/variants/${variantId}/stock/adjustments`, { delta: 0, reason: "" });
    expect(badStock.status).toBe(422);
    expect(badStock.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["delta", "reason"]);

    const after = await call(vendor, "GET", `/products/${productId}`);
    expect(after.body.variants).toHaveLength(1);
    expect(after.body.variants[0].stock).toBe(5);
    expect(await topicsOf(productId)).toEqual(["product.created", "product.updated"]);
    expect((await rows("select 1 from products where category_id = $1", [categoryId])).length).toBe(0);
  });

  it("removes a product its vendor deletes from every read, announcing product.deleted", async () => {
    const { productId } = await draftProduct();
    const rival = await createTestUser(["vendor"]);
    expect((await call(rival, "DELETE", `/products/${productId}`)).status).toBe(404);
    expect((await call(vendor, "DELETE", `/products/${productId}`)).status).toBe(204);
    expect((await call(vendor, "GET", `/products/${productId}`)).status).toBe(404);
    expect((await call(vendor, "DELETE", `/products/${productId}`)).status).toBe(404);
    expect(await topicsOf(productId)).toEqual(["product.created", "product.updated", "product.deleted"]);
  });
});

describe("stock", () => {
  it("sets and adjusts stock with an audit trail of who, why and how much, announcing each change", async () => {
    const { productId, variantId } = await draftProduct();
    const path = `/products/${productId}/variants/${variantId}/stock`;
    expect((await call(vendor, "PUT", path, { stock: 12, reason: "stocktake" })).body.stock).toBe(12);
    expect((await call(vendor, "POST", `${path}/adjustments`, { delta: -2, reason: "broken in transit" })).body.stock).toBe(10);
    expect((await call(vendor, "POST", `${path}/adjustments`, { delta: -11, reason: "too many" })).status).toBe(409);
    const stock = await call(vendor, "GET", path);
    expect(stock.body).toMatchObject({ stock: 10, reserved: 0, available: 10 });
    expect(stock.body.movements.map((m: { kind: string; delta: number; reason: string; by: string }) => [m.kind, m.delta, m.reason, m.by])).toEqual([
      ["adjust", -2, "broken in transit", vendor.id],
      ["set", 7, "stocktake", vendor.id],
      ["set", 5, "initial stock", vendor.id],
    ]);
    const events = await rows<{ event: { data: { available: number; delta: number } } }>("select event from outbox where partition_key = $1 and topic = 'stock.changed' order by seq", [productId]);
    expect(events.map((e) => [e.event.data.available, e.event.data.delta])).toEqual([
      [12, 7],
      [10, -2],
    ]);
  });

  it("lets 50 buyers race for the last 10 units: exactly 10 reservations succeed and stock never goes below zero", async () => {
    const { productId, variantId } = await activeProduct(10);
    const buyers = await Promise.all(Array.from({ length: 5 }, (_, i) => createTestUser(["customer"], `Buyer ${i}`)));
    await Promise.all(buyers.map(tokenOf));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call(buyers[i % buyers.length], "POST", "/reservations", { variantId, quantity: 1, ttlSeconds: 60 })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);

    const [variant] = await rows<{ stock: number; reserved: number }>("select stock, reserved from variants where id = $1", [variantId]);
    expect(variant).toEqual({ stock: 10, reserved: 10 });
    const [held] = await rows<{ n: string }>("select coalesce(sum(quantity), 0) as n from reservations where variant_id = $1 and status = 'held'", [variantId]);
    expect(Number(held!.n)).toBe(10);
    const available = await rows<{ available: number }>("select (event->'data'->>'available')::int as available from outbox where partition_key = $1 and topic = 'stock.changed'", [productId]);
    expect(available).toHaveLength(10);
    expect(Math.min(...available.map((r) => r.available))).toBe(0);

    // Releasing gives a unit back; committing sells one for good.
    const won = answers.filter((a) => a.status === 201).map((a) => a.body);
    const holderOf = (r: { holderId: string }) => buyers.find((b) => b.id === r.holderId)!;
    expect((await call(holderOf(won[0]), "POST", `/reservations/${won[0].id}/release`)).body.status).toBe("released");
    expect((await call(holderOf(won[1]), "POST", `/reservations/${won[1].id}/commit`)).body.status).toBe("committed");
    expect((await call(holderOf(won[1]), "POST", `/reservations/${won[1].id}/release`)).status).toBe(409);
    const stranger = await createTestUser(["customer"]);
    expect((await call(stranger, "POST", `/reservations/${won[2].id}/release`)).status).toBe(404);
    expect(await rows("select stock, reserved from variants where id = $1", [variantId])).toEqual([{ stock: 9, reserved: 8 }]);

    const again = await call(customer, "POST", "/reservations", { variantId, quantity: 1, ttlSeconds: 60 });
    expect(again.status).toBe(201);
    expect((await call(customer, "POST", "/reservations", { variantId, quantity: 1 })).status).toBe(409);

    await waitFor(async () => (await rows("select 1 from outbox where partition_key = $1 and published_at is null", [productId])).length === 0, {
      what: "the relay to publish every stock.changed of the race",
    });
  });

  it("gives back the units of reservations that expire", async () => {
    const { variantId } = await activeProduct(2);
    const first = await call(customer, "POST", "/reservations", { variantId, quantity: 2, ttlSeconds: 1 });
    expect(first.status).toBe(201);
    expect((await call(customer, "POST", "/reservations", { variantId, quantity: 1 })).status).toBe(409);
    await waitFor(async () => (await rows<{ status: string }>("select status from reservations where id = $1", [first.body.id]))[0]!.status === "expired", {
      what: "the sweeper to expire the reservation",
      timeoutMs: 10_000,
    });
    expect(await rows("select stock, reserved from variants where id = $1", [variantId])).toEqual([{ stock: 2, reserved: 0 }]);
    expect((await call(customer, "POST", `/reservations/${first.body.id}/commit`)).status).toBe(409);
    expect((await call(customer, "POST", "/reservations", { variantId, quantity: 2 })).status).toBe(201);
  });

  it("reserves only active products for signed-in callers, and nothing for a draft", async () => {
    const { variantId } = await draftProduct();
    expect((await call(customer, "POST", "/reservations", { variantId, quantity: 1 })).status).toBe(404);
    const bad = await call(customer, "POST", "/reservations", { variantId, quantity: 0, ttlSeconds: -5 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["quantity", "ttlSeconds"]);
    // Every account is a customer by default (vendors shop too); anonymous callers reserve nothing.
    expect((await call(undefined, "POST", "/reservations", { variantId, quantity: 1 })).status).toBe(401);
  });
});
