// Demo data for a local platform, made through the public API as a client would: three
// people sign up (password "demo-password"); the admin is made admin in Keycloak (someone
// has to be first); the vendor applies and the admin approves, so the vendor role arrives
// through vendor.approved; Stripe (stripe-mock) enables payouts by a signed webhook; the
// vendor lists a few products that the admin approves, so search has something to find.
// Idempotent: run it again and it changes nothing.
import { readFileSync } from "node:fs";
import { infra, passwordToken, serviceToken, signedAccountUpdated, waitFor } from "@market/testing";

const api = process.env.API_URL ?? "http://127.0.0.1:8080/api";
const password = "demo-password";
const people = {
  admin: { email: "admin@marketplace.local", displayName: "Avery Admin" },
  vendor: { email: "vendor@marketplace.local", displayName: "Vera Vendor" },
  customer: { email: "customer@marketplace.local", displayName: "Cody Customer" },
};

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const expectStatus = (what: string, answer: { status: number; body?: unknown }, ...ok: number[]) => {
  if (!ok.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
};

for (const person of Object.values(people)) {
  expectStatus(`registering ${person.email}`, await call("POST", "/auth/auth/register", undefined, { ...person, password }), 201, 409);
}

// Bootstrap: the first admin is made in Keycloak itself, by the auth service's account.
const keycloak = `${infra.keycloakUrl}/admin/realms/${infra.realm}`;
const headers = { authorization: `Bearer ${await serviceToken()}`, "content-type": "application/json" };
const [adminUser] = (await (await fetch(`${keycloak}/users?exact=true&username=${people.admin.email}`, { headers })).json()) as Array<{ id: string }>;
const adminRole = await (await fetch(`${keycloak}/roles/admin`, { headers })).json();
await fetch(`${keycloak}/users/${adminUser!.id}/role-mappings/realm`, { method: "POST", headers, body: JSON.stringify([adminRole]) });

const vendorToken = await passwordToken(people.vendor.email, password);
const application = {
  legalName: "Vera's Goods Ltd",
  displayName: "Vera's Goods",
  taxId: "DE123456789",
  address: { line1: "Invalidenstraße 1", city: "Berlin", postalCode: "10115", country: "DE" },
  contact: { email: people.vendor.email },
  categories: ["home", "kitchen"],
};
expectStatus("applying as a vendor", await call("POST", "/vendor/vendors", vendorToken, application), 201, 409);
const own = await call("GET", "/vendor/vendors/me", vendorToken);
if (own.body?.status === "draft") expectStatus("submitting the application", await call("POST", "/vendor/vendors/me/submit", vendorToken), 200);
if (own.body?.status !== "approved") {
  const adminToken = await passwordToken(people.admin.email, password);
  expectStatus("approving the vendor", await call("POST", `/vendor/vendors/${own.body!.id}/approve`, adminToken), 200);
}
await waitFor(async () => {
  const token = await passwordToken(people.vendor.email, password);
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).realm_access.roles.includes("vendor");
}, { what: "the vendor role, granted from vendor.approved", timeoutMs: 30_000 });

// Each profile is made by the user service from user.registered: wait until all exist.
for (const person of Object.values(people)) {
  const token = await passwordToken(person.email, password);
  await waitFor(async () => (await call("GET", "/user/users/me", token)).status === 200, { what: `${person.email}'s profile (from user.registered)` });
}

// Payouts: a Connect account on stripe-mock, then Stripe's account.updated, signed with the
// webhook secret of the local secret store.
const sellerToken = await passwordToken(people.vendor.email, password);
const seller = await call("GET", "/vendor/vendors/me", sellerToken);
if (!seller.body.payouts.payoutsEnabled) {
  const account = await call("POST", "/vendor/vendors/me/payout-account", sellerToken);
  expectStatus("opening a payout account", account, 200, 201);
  const secrets = JSON.parse(readFileSync(new URL("../../../.data/secrets.json", import.meta.url), "utf8"));
  const webhook = signedAccountUpdated(account.body.accountId, secrets.stripe.webhookSecret, true, secrets.stripe.secretKey);
  const res = await fetch(`${api}/vendor/webhooks/stripe`, { method: "POST", headers: { "content-type": "application/json", ...webhook.headers }, body: webhook.payload });
  expectStatus("Stripe's account.updated", { status: res.status }, 200);
}

// A small catalog: Home › Kitchen, Home › Baskets; each product with a variant, approved.
const adminToken = await passwordToken(people.admin.email, password);
async function category(slug: string, name: string, parentId: string | null): Promise<string> {
  const created = await call("POST", "/product/categories", adminToken, { slug, name, parentId });
  if (created.status === 201) return created.body.id;
  expectStatus(`creating the category ${slug}`, created, 409);
  const all = await call("GET", "/product/categories");
  return all.body.items.find((c: { slug: string }) => c.slug === slug).id;
}
const home = await category("demo-home", "Home", null);
const kitchen = await category("demo-kitchen", "Kitchen", home);
const baskets = await category("demo-baskets", "Baskets", home);
const demoProducts = [
  { title: "Handwoven Seagrass Basket", description: "A sturdy basket woven by hand from seagrass.", categoryId: baskets, sku: "BASKET-1", amount: 3450, stock: 12 },
  { title: "Cast Iron Skillet 26 cm", description: "Pre-seasoned cast iron pan for the hob and the oven.", categoryId: kitchen, sku: "SKILLET-26", amount: 4990, stock: 30 },
  { title: "Olive Wood Cutting Board", description: "Hard-wearing olive wood board, oiled by hand.", categoryId: kitchen, sku: "BOARD-OW", amount: 2900, stock: 0 },
];
await waitFor(async () => (await call("GET", "/vendor/vendors/me", sellerToken)).body.canPublishProducts === true, { what: "payouts enabled", timeoutMs: 30_000 });
const listed = new Set(((await call("GET", "/product/products/mine", sellerToken)).body.items as Array<{ title: string }>).map((p) => p.title));
for (const item of demoProducts.filter((p) => !listed.has(p.title))) {
  // The catalog learns of the seller from vendor.approved and vendor.payouts_updated.
  const product = await waitFor(async () => {
    const created = await call("POST", "/product/products", sellerToken, { title: item.title, description: item.description, categoryId: item.categoryId, attributes: {} });
    return created.status === 201 && created.body;
  }, { what: "the catalog to know the demo seller", timeoutMs: 30_000 });
  expectStatus("adding a variant", await call("POST", `/product/products/${product.id}/variants`, sellerToken, { sku: item.sku, price: { amount: item.amount, currency: "EUR" }, stock: item.stock }), 201);
  expectStatus("submitting for review", await call("POST", `/product/products/${product.id}/submit`, sellerToken), 200);
  expectStatus("approving the listing", await call("POST", `/product/products/${product.id}/approve`, adminToken), 200);
}
await waitFor(async () => (await call("GET", "/search/search/products?q=seagrass")).body?.items?.length > 0, { what: "the demo products in search", timeoutMs: 30_000 });

for (const [role, person] of Object.entries(people)) console.log(`demo: ${person.email} (${role}), password ${password}`);
