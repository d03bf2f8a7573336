import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRegistered, vendorApproved } from "@market/contracts";
import { newId } from "@market/kit";
import { cloudEvent, createTestUser, infra, issuer, publishThrough, waitFor, type TestUser } from "@market/testing";
import { startStack, type Stack } from "./platform.ts";

// The authorization matrix: every route of auth, user, vendor, product and search, called through the
// public ingress by every persona and with every kind of bad token, answers exactly the
// status the table says, and no answer to one tenant carries another tenant's data.
//
// The matrix changes (almost) nothing: a caller who passes the authorization gate of a write
// is sent a body that fails validation (422), or names an object whose state makes the step
// illegal (409); unauthorized callers are stopped before that (401, 403, 404). The few rows
// that must write (set a default address, delete one, open a payout account) act on objects
// made for this run, and the owner calls last, after every other caller was refused.

const people = ["customer", "otherCustomer", "vendor", "otherVendor", "admin"] as const;
type Person = (typeof people)[number];
const badTokens = ["expired", "tampered", "otherIssuer", "otherAudience", "algNone"] as const;
type BadToken = (typeof badTokens)[number];
type Caller = "anonymous" | Person | BadToken;
const callers: readonly Caller[] = ["anonymous", ...people, ...badTokens];

/** Statuses for [anonymous, customer, otherCustomer, vendor, otherVendor, admin]. */
type Statuses = readonly [number, number, number, number, number, number];

interface Row {
  /** Method and path through the ingress (/<service>/<the service's path>); {name} is a fixture id. */
  route: string;
  expect: Statuses;
  /** The rule the row checks, as a sentence. */
  rule: string;
  body?: unknown;
  /** What the owner sends instead of `body`: invalid, so that passing the gate writes nothing. */
  ownerBody?: unknown;
  /** Whose object the path names; that caller goes last. */
  owner?: Person;
  /** The route does not read bearer tokens: bad tokens are answered as anonymous is, and why. */
  tokenIgnored?: string;
  /** A 200 describes the caller: its `id` is their user id or their vendor id. */
  self?: "user" | "vendor";
}

const noBearer = {
  signIn: "signing in, up or out cannot need a valid token (a stale one must not break login), so the token is not read",
  stripe: "Stripe signs its requests; a bearer token is not read",
  internal: "the route is not routed by the ingress at all",
  publicSearch: "search answers everyone the same and reads no token",
};

const otherAddress = { recipient: "Ivy Intruder", line1: "1 Elsewhere Street", city: "Berlin", postalCode: "10115", country: "DE" };

const matrix: Row[] = [
  // Columns: anonymous, customer, other customer (cus2), vendor, other vendor (ven2), admin. Bad tokens: 401, or as anonymous where the token is not read.
  // route (through the ingress)                                              anon cust cus2 vend ven2 admin
  { route: "POST   /auth/auth/register",                             expect: [422, 422, 422, 422, 422, 422], body: {}, tokenIgnored: noBearer.signIn,
    rule: "registration is open to everyone and validates the body whoever calls" },
  { route: "GET    /auth/auth/login",                                expect: [422, 422, 422, 422, 422, 422], tokenIgnored: noBearer.signIn,
    rule: "starting a login is open to everyone and validates the redirect uri whoever calls" },
  { route: "GET    /auth/auth/callback",                             expect: [422, 422, 422, 422, 422, 422], tokenIgnored: noBearer.signIn,
    rule: "the login callback is open to everyone and needs a state whoever calls" },
  { route: "POST   /auth/auth/refresh",                              expect: [422, 422, 422, 422, 422, 422], body: {}, tokenIgnored: noBearer.signIn,
    rule: "refreshing is open to everyone and needs a refresh token whoever calls" },
  { route: "POST   /auth/auth/logout",                               expect: [422, 422, 422, 422, 422, 422], body: {}, tokenIgnored: noBearer.signIn,
    rule: "logging out is open to everyone and needs a refresh token whoever calls" },
  { route: "GET    /auth/auth/me",                                   expect: [401, 200, 200, 200, 200, 200], self: "user",
    rule: "every signed-in caller reads who they are, and only themselves" },
  { route: "PUT    /auth/auth/users/{customerId}/roles/root",        expect: [401, 403, 403, 403, 403, 422],
    rule: "only an admin may grant a role" },
  { route: "DELETE /auth/auth/users/{customerId}/roles/root",        expect: [401, 403, 403, 403, 403, 422],
    rule: "only an admin may revoke a role" },

  { route: "GET    /user/users/me",                                  expect: [401, 200, 200, 200, 200, 200], self: "user",
    rule: "every signed-in caller reads their own profile, and only their own" },
  { route: "PATCH  /user/users/me",                                  expect: [401, 422, 422, 422, 422, 422], body: {},
    rule: "every signed-in caller may edit their own profile" },
  { route: "GET    /user/users/me/preferences",                      expect: [401, 200, 200, 200, 200, 200],
    rule: "every signed-in caller reads their own preferences" },
  { route: "PUT    /user/users/me/preferences",                      expect: [401, 422, 422, 422, 422, 422], body: {},
    rule: "every signed-in caller may replace their own preferences" },
  { route: "GET    /user/users/me/addresses",                        expect: [401, 200, 200, 200, 200, 200],
    rule: "every signed-in caller lists their own addresses, and nobody else's" },
  { route: "POST   /user/users/me/addresses",                        expect: [401, 422, 422, 422, 422, 422], body: {},
    rule: "every signed-in caller may save an address of their own" },
  { route: "PUT    /user/users/me/addresses/{addressId}",            expect: [401, 422, 404, 404, 404, 404], body: otherAddress, ownerBody: {}, owner: "customer",
    rule: "only the owner may replace an address; to anyone else it does not exist" },
  { route: "POST   /user/users/me/addresses/{addressId}/default",    expect: [401, 200, 404, 404, 404, 404], owner: "customer",
    rule: "only the owner may make an address the default" },
  { route: "DELETE /user/users/me/addresses/{spareAddressId}",       expect: [401, 204, 404, 404, 404, 404], owner: "customer",
    rule: "only the owner may delete an address" },
  { route: "GET    /user/users/{customerId}",                        expect: [401, 200, 404, 404, 404, 200], owner: "customer",
    rule: "a profile by id is read by its owner and admins; to anyone else it does not exist" },
  { route: "GET    /user/users/{customerId}/summary",                expect: [401, 200, 404, 404, 404, 200], owner: "customer",
    rule: "a user's summary is read by the user and admins; to anyone else it does not exist" },

  { route: "POST   /vendor/vendors",                                 expect: [401, 422, 422, 422, 422, 422], body: {},
    rule: "every signed-in caller may apply as a vendor" },
  { route: "GET    /vendor/vendors",                                 expect: [401, 403, 403, 403, 403, 200],
    rule: "only an admin reads the review queue" },
  { route: "GET    /vendor/vendors/me",                              expect: [401, 404, 404, 200, 200, 404], self: "vendor",
    rule: "a vendor reads its own application; a caller without one is told it has none" },
  { route: "PATCH  /vendor/vendors/me",                              expect: [401, 422, 422, 422, 422, 422], body: {},
    rule: "every signed-in caller may edit their own application" },
  { route: "POST   /vendor/vendors/me/submit",                       expect: [401, 404, 404, 409, 409, 404],
    rule: "only an applicant submits, and only their own application" },
  { route: "GET    /vendor/vendors/{vendorId}",                      expect: [401, 404, 404, 200, 404, 200], owner: "vendor",
    rule: "a vendor is read by its owner and admins; to anyone else it does not exist" },
  { route: "POST   /vendor/vendors/{vendorId}/approve",              expect: [401, 403, 403, 403, 403, 409],
    rule: "only an admin approves a vendor, not even the vendor itself" },
  { route: "POST   /vendor/vendors/{vendorId}/reject",               expect: [401, 403, 403, 403, 403, 422], body: {},
    rule: "only an admin rejects a vendor" },
  { route: "POST   /vendor/vendors/{vendorId}/suspend",              expect: [401, 403, 403, 403, 403, 422], body: {},
    rule: "only an admin suspends a vendor" },
  { route: "POST   /vendor/vendors/{vendorId}/reinstate",            expect: [401, 403, 403, 403, 403, 409],
    rule: "only an admin reinstates a vendor" },
  { route: "POST   /vendor/vendors/me/kyc-documents",                expect: [401, 422, 422, 422, 422, 422], body: {},
    rule: "every signed-in caller may ask to upload a KYC document for their own application" },
  { route: "GET    /vendor/vendors/{vendorId}/kyc-documents",        expect: [401, 404, 404, 200, 404, 200], owner: "vendor",
    rule: "a vendor's KYC documents are listed to its owner and admins only" },
  { route: "GET    /vendor/vendors/{vendorId}/kyc-documents/{kycId}/download-url", expect: [401, 403, 403, 403, 403, 200],
    rule: "only an admin downloads a KYC document, not even the vendor itself" },
  { route: "POST   /vendor/vendors/me/payout-account",               expect: [401, 404, 404, 201, 201, 404],
    rule: "only a vendor opens a payout account, for its own vendor" },
  { route: "POST   /vendor/webhooks/stripe",                         expect: [400, 400, 400, 400, 400, 400], body: {}, tokenIgnored: noBearer.stripe,
    rule: "the Stripe webhook trusts the Stripe signature only, whoever calls" },

  { route: "GET    /product/categories",                             expect: [200, 200, 200, 200, 200, 200],
    rule: "anyone reads the categories" },
  { route: "POST   /product/categories",                             expect: [401, 403, 403, 403, 403, 422], body: {},
    rule: "only an admin creates a category" },
  { route: "PATCH  /product/categories/{categoryId}",                expect: [401, 403, 403, 403, 403, 422], body: {},
    rule: "only an admin renames a category" },
  { route: "POST   /product/categories/{categoryId}/move",           expect: [401, 403, 403, 403, 403, 422], body: {},
    rule: "only an admin moves a category" },
  { route: "DELETE /product/categories/{categoryId}",                expect: [401, 403, 403, 403, 403, 409],
    rule: "only an admin deletes a category, and never one that holds products" },
  { route: "POST   /product/products",                               expect: [401, 403, 403, 422, 422, 403], body: {},
    rule: "only a vendor creates products" },
  { route: "GET    /product/products/mine",                          expect: [401, 403, 403, 200, 200, 403],
    rule: "a vendor lists its own products, and only its own" },
  { route: "GET    /product/products/review-queue",                  expect: [401, 403, 403, 403, 403, 200],
    rule: "only an admin reads the moderation queue" },
  { route: "GET    /product/products/{productId}",                   expect: [404, 404, 404, 200, 404, 200], owner: "vendor",
    rule: "a draft is seen by its owner and admins; to anyone else it does not exist" },
  { route: "PATCH  /product/products/{productId}",                   expect: [401, 403, 403, 422, 404, 403], body: { title: "Taken over" }, ownerBody: {}, owner: "vendor",
    rule: "only the owner edits a product; to another vendor it does not exist" },
  { route: "POST   /product/products/{productId}/submit",            expect: [401, 403, 403, 409, 404, 403], owner: "vendor",
    rule: "only the owner submits a product for review" },
  { route: "POST   /product/products/{productId}/approve",           expect: [401, 403, 403, 403, 403, 409],
    rule: "only an admin approves a listing, not even its owner" },
  { route: "POST   /product/products/{productId}/reject",            expect: [401, 403, 403, 403, 403, 422], body: {},
    rule: "only an admin rejects a listing" },
  { route: "POST   /product/products/{productId}/variants",          expect: [401, 403, 403, 422, 404, 403], body: { sku: "TAKEN-1", price: { amount: 1, currency: "EUR" } }, ownerBody: {}, owner: "vendor",
    rule: "only the owner adds a variant" },
  { route: "GET    /product/products/{productId}/variants/{variantId}/stock", expect: [401, 403, 403, 200, 404, 200], owner: "vendor",
    rule: "a variant's stock and its audit trail are read by the owner and admins" },
  { route: "PUT    /product/products/{productId}/variants/{variantId}/stock", expect: [401, 403, 403, 422, 404, 403], body: { stock: 0, reason: "taken over" }, ownerBody: {}, owner: "vendor",
    rule: "only the owner sets stock" },
  { route: "POST   /product/products/{productId}/media/uploads",     expect: [401, 403, 403, 422, 404, 403], body: { contentType: "image/png" }, ownerBody: {}, owner: "vendor",
    rule: "only the owner uploads a product's images" },

  { route: "GET    /search/search/products?q=lamp",                  expect: [200, 200, 200, 200, 200, 200], tokenIgnored: noBearer.publicSearch,
    rule: "anyone searches, and only active listings are found" },
  { route: "GET    /search/search/autocomplete?q=la",                expect: [200, 200, 200, 200, 200, 200], tokenIgnored: noBearer.publicSearch,
    rule: "anyone gets autocomplete" },
];

// A service's Dapr-facing routes (subscriptions) and its metrics are for its sidecar and the
// platform: through the public ingress they must not exist, for anyone.
const internalRoutes: Row[] = [
  "POST /auth/events/vendor.approved",
  "POST /auth/events/vendor.suspended",
  "POST /user/events/user.registered",
  // Spellings a filter on the raw path could miss (fetch itself already folds "/./").
  "POST /auth/%65vents/vendor.approved",
  "POST /auth//events/vendor.approved",
  "GET  /auth/dapr/subscribe",
  "GET  /user/dapr/subscribe",
  "GET  /auth/metrics",
  "GET  /user/metrics",
  "GET  /vendor/metrics",
  "POST /product/events/vendor.approved",
  "POST /product/reservations",
  "GET  /product/catalog/snapshots",
  "GET  /product/metrics",
  "POST /search/events/product.created",
  "GET  /search/metrics",
].map((route): Row => ({
  route,
  expect: [404, 404, 404, 404, 404, 404],
  ...(route.startsWith("POST") ? { body: {} } : {}),
  tokenIgnored: noBearer.internal,
  rule: "a service's internal route is not reachable through the ingress",
}));

let stack: Stack;
let api: string;
const users = {} as Record<Person, TestUser>;
const tokens = {} as Record<Exclude<Caller, "anonymous"> | "bystander", string>;
/** The ids that rows name in their paths. */
const fixtures: Record<string, string> = {};
/** Per person, values that identify them or their objects: no other tenant may ever see one. */
const identifying = {} as Record<Person, Record<string, string>>;
/** A user with nothing: forged events name them. */
let bystander: TestUser;

const realmRoles: Record<Person, string[]> = { customer: ["customer"], otherCustomer: ["customer"], vendor: ["vendor"], otherVendor: ["vendor"], admin: ["admin"] };
const suffix = randomBytes(4).toString("hex");
const names: Record<Person, string> = {
  customer: `Cora Customer${suffix}`,
  otherCustomer: `Otto Othercustomer${suffix}`,
  vendor: `Vera Vendor${suffix}`,
  otherVendor: `Wim Othervendor${suffix}`,
  admin: `Ada Admin${suffix}`,
};

beforeAll(async () => {
  const realmClients = ensureTestClients();
  const [started] = await Promise.all([
    startStack(["auth", "user", "vendor", "product", "search"], "mx"),
    Promise.all(people.map(async (p) => void (users[p] = await createTestUser(realmRoles[p], names[p])))),
    createTestUser(["customer"], "Bea Bystander").then((user) => void (bystander = user)),
    realmClients,
  ]);
  stack = started;
  api = stack.api;
  const userService = stack.services.user!;
  for (const p of people) {
    tokens[p] = await users[p].token();
    identifying[p] = { id: users[p].id, email: users[p].email, name: names[p] };
  }
  fixtures.customerId = users.customer.id;

  await Promise.all([
    expiredToken(users.customer).then((token) => void (tokens.expired = token)),
    (async () => {
      // Profiles come from user.registered, as the auth service publishes it on sign-up.
      for (const p of people) {
        const data = { userId: users[p].id, email: users[p].email, displayName: names[p], locale: "en", registeredAt: new Date().toISOString() };
        await publishThrough(userService.sidecar.httpPort, userRegistered, cloudEvent(userRegistered, data, users[p].id), users[p].id);
      }
      await waitFor(async () => (await Promise.all(people.map((p) => call(p, "GET", "/user/users/me")))).every((a) => a.status === 200), {
        what: "the five profiles",
        timeoutMs: 45_000,
      });
      const line1 = `${suffix} Owner Lane`;
      fixtures.addressId = (await created(call("customer", "POST", "/user/users/me/addresses", { recipient: names.customer, line1, city: "Berlin", postalCode: "10115", country: "DE" }))).id;
      fixtures.spareAddressId = (await created(call("customer", "POST", "/user/users/me/addresses", { recipient: names.customer, line1: `${suffix} Spare Road`, city: "Berlin", postalCode: "10117", country: "DE" }))).id;
      Object.assign(identifying.customer, { address: fixtures.addressId, spareAddress: fixtures.spareAddressId, line1 });
    })(),
    // Each vendor persona applies, submits and is approved by the admin: a real vendor.
    ...(["vendor", "otherVendor"] as const).map(async (p) => {
      const application = {
        legalName: `${names[p]} Trading Ltd`,
        displayName: `${names[p]} Goods`,
        taxId: `TX${randomBytes(6).toString("hex").toUpperCase()}`,
        address: { line1: `${suffix} Market Street`, city: "Berlin", postalCode: "10115", country: "DE" },
        contact: { email: users[p].email },
        categories: ["home"],
      };
      const vendorId = (await created(call(p, "POST", "/vendor/vendors", application))).id;
      expect((await call(p, "POST", "/vendor/vendors/me/submit")).status).toBe(200);
      expect((await call("admin", "POST", `/vendor/vendors/${vendorId}/approve`)).status).toBe(200);
      Object.assign(identifying[p], { vendorId, legalName: application.legalName, displayName: application.displayName, taxId: application.taxId });
      if (p === "vendor") {
        fixtures.vendorId = vendorId;
        const fileName = `passport-${suffix}.pdf`;
        const kyc = await created(call(p, "POST", "/vendor/vendors/me/kyc-documents", { fileName, contentType: "application/pdf", size: 1024 }), "document");
        fixtures.kycId = kyc.id;
        Object.assign(identifying[p], { kycId: kyc.id, fileName });
      }
    }),
  ]);

  // The vendor's draft: the catalog knows the seller once vendor.approved has arrived.
  fixtures.categoryId = (await created(call("admin", "POST", "/product/categories", { slug: `matrix-${suffix}`, name: `Matrix ${suffix}`, parentId: null }))).id;
  const productTitle = `${names.vendor} Lamp`;
  fixtures.productId = await waitFor(async () => {
    const answer = await call("vendor", "POST", "/product/products", { title: productTitle, categoryId: fixtures.categoryId });
    return answer.status === 201 && (answer.json.id as string);
  }, { what: "the catalog to know the vendor" });
  fixtures.variantId = (await created(call("vendor", "POST", `/product/products/${fixtures.productId}/variants`, { sku: `MX-${suffix}`, price: { amount: 1999, currency: "EUR" }, stock: 3 }))).id;
  Object.assign(identifying.vendor, { productId: fixtures.productId, productTitle, variantId: fixtures.variantId });

  // Fetched last: the master realm's tokens live one minute.
  tokens.otherIssuer = await masterAdminToken();
  tokens.otherAudience = await passwordGrant(noAudienceClient, users.customer);
  tokens.tampered = tampered(tokens.customer);
  tokens.algNone = unsigned(tokens.customer);
}, 170_000);
afterAll(async () => stack?.stop());

describe("the bad tokens", () => {
  it("are each wrong in one way only: expiry, signature, algorithm, issuer or audience", () => {
    const customer = claims(tokens.customer);
    expect(customer).toMatchObject({ iss: issuer, sub: users.customer.id });
    expect(audiences(customer)).toContain("marketplace-api");

    const expired = claims(tokens.expired);
    expect(expired).toMatchObject({ iss: issuer, sub: users.customer.id });
    expect(audiences(expired)).toContain("marketplace-api");
    expect(expired.exp as number).toBeLessThan(Date.now() / 1000 - 5);

    expect(claims(tokens.tampered).realm_access).toMatchObject({ roles: expect.arrayContaining(["admin"]) });
    expect(tokens.tampered.split(".")[2]).toBe(tokens.customer.split(".")[2]);

    expect(header(tokens.algNone)).toEqual({ alg: "none", typ: "JWT" });
    expect(tokens.algNone.endsWith(".")).toBe(true);

    expect(claims(tokens.otherIssuer).iss).toBe(`${infra.keycloakUrl}/realms/master`);

    const otherAudience = claims(tokens.otherAudience);
    expect(otherAudience).toMatchObject({ iss: issuer, sub: users.customer.id });
    expect(audiences(otherAudience)).not.toContain("marketplace-api");
  });
});

describe("the leak check", () => {
  it("finds a tenant's values in an answer that carries them", async () => {
    const profile = await call("admin", "GET", `/user/users/${users.customer.id}`);
    expect(profile.status).toBe(200);
    expect(leaks("otherCustomer", profile)).toEqual(expect.arrayContaining(["customer's id", "customer's email", "customer's name"]));
    const vendor = await call("admin", "GET", `/vendor/vendors/${fixtures.vendorId}`);
    expect(leaks("otherVendor", vendor)).toEqual(expect.arrayContaining(["vendor's vendorId", "vendor's legalName", "vendor's taxId"]));
  });
});

describe("every route through the ingress answers each caller as the matrix says, and leaks no other tenant's data", () => {
  for (const row of matrix) it(`${row.rule} (${row.route.replace(/\s+/, " ")})`, () => checkRow(row));
});

describe("taking a listing down", () => {
  it("is for its owner or an admin; to another vendor the listing does not exist, a customer may not", async () => {
    const draft = async (title: string) =>
      (await created(call("vendor", "POST", "/product/products", { title: `${names.vendor} ${title}`, categoryId: fixtures.categoryId }))).id;
    const [takenDownByAdmin, deletedByOwner] = await Promise.all([draft("Vase"), draft("Rug")]);
    const refused = await Promise.all((["anonymous", "customer", "otherVendor", "tampered"] as const).map((c) => call(c, "DELETE", `/product/products/${takenDownByAdmin}`)));
    expect(refused.map((a) => a.status)).toEqual([401, 403, 404, 401]);
    expect((await call("admin", "DELETE", `/product/products/${takenDownByAdmin}`)).status).toBe(204);
    expect((await call("vendor", "DELETE", `/product/products/${deletedByOwner}`)).status).toBe(204);
    for (const id of [takenDownByAdmin, deletedByOwner]) expect((await call("vendor", "GET", `/product/products/${id}`)).status).toBe(404);
  });
});

describe("the services' internal routes are not reachable through the ingress", () => {
  for (const row of internalRoutes) it(`${row.rule} (${row.route.replace(/\s+/, " ")})`, () => checkRow(row));

  it("a vendor.approved forged by an anonymous caller grants nobody the vendor role", async () => {
    const data = { vendorId: newId("vnd"), ownerId: bystander.id, at: new Date().toISOString(), by: bystander.id, reinstated: false };
    const forged = await call("anonymous", "POST", "/auth/events/vendor.approved", cloudEvent(vendorApproved, data, data.vendorId));
    expect.soft(forged.status).toBe(404);
    expect(roles(await bystander.token()), "the bystander's roles after the forged event").not.toContain("vendor");
  });

  it("a user.registered forged by an anonymous caller creates no profile", async () => {
    const data = { userId: bystander.id, email: `forged-${suffix}@example.test`, displayName: "Forged", locale: "en", registeredAt: new Date().toISOString() };
    const forged = await call("anonymous", "POST", "/user/events/user.registered", cloudEvent(userRegistered, data, bystander.id));
    expect.soft(forged.status).toBe(404);
    tokens.bystander = await bystander.token();
    const profile = await call("bystander", "GET", "/user/users/me");
    expect(profile.json, "the bystander's profile after the forged event").toMatchObject({ status: 404 });
  });
});

// ── the check of one row ─────────────────────────────────────────────────────────────────

async function checkRow(row: Row) {
  const [method, template] = row.route.split(/\s+/) as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => fixtures[name] ?? `{missing fixture ${name}}`);
  const send = (caller: Caller) => {
    const body = caller === row.owner && "ownerBody" in row ? row.ownerBody : row.body;
    return call(caller, method, path, body);
  };
  const answers = new Map<Caller, Answer>();
  await Promise.all(callers.filter((c) => c !== row.owner).map(async (c) => void answers.set(c, await send(c))));
  if (row.owner) answers.set(row.owner, await send(row.owner));

  // One comparison for the whole row: a failure shows every caller's status side by side.
  const got = Object.fromEntries(callers.map((c) => [c, answers.get(c)!.status]));
  const want = Object.fromEntries(callers.map((c) => [c, expected(row, c)]));
  expect(got).toEqual(want);

  for (const caller of callers) {
    const answer = answers.get(caller)!;
    if (answer.status >= 400) {
      expect(answer.contentType, `${caller}: an error is problem+json`).toBe("application/problem+json");
      expect(answer.json?.status, `${caller}: the problem names its status`).toBe(answer.status);
    }
    if (answer.status === 401) expect(answer.wwwAuthenticate, `${caller}: a 401 says how to authenticate`).toMatch(/^Bearer\b/);
    if (answer.status === 422) expect(answer.json?.errors?.length, `${caller}: a 422 names the fields`).toBeGreaterThan(0);
    expect(leaks(caller, answer), `${caller} sees another tenant's data`).toEqual([]);
    if (row.self && answer.status === 200 && isPerson(caller)) {
      expect(answer.json?.id, `${caller} is answered about themselves`).toBe(row.self === "user" ? users[caller].id : identifying[caller].vendorId);
    }
  }
}

function expected(row: Row, caller: Caller): number {
  if (caller === "anonymous") return row.expect[0];
  if (!isPerson(caller)) return row.tokenIgnored ? row.expect[0] : 401;
  return row.expect[people.indexOf(caller) + 1]!;
}

const isPerson = (caller: Caller): caller is Person => (people as readonly string[]).includes(caller);

/**
 * Another person's identifying values found in an answer. Admins may read everyone. The
 * problem's `instance` echoes the caller's own request path (which may name the id they
 * asked for), so it is left out.
 */
function leaks(caller: Caller, answer: Answer): string[] {
  if (caller === "admin") return [];
  let text = answer.text;
  if (answer.json && typeof answer.json === "object") {
    const { instance: _echo, ...rest } = answer.json as Record<string, unknown>;
    text = JSON.stringify(rest);
  }
  return people
    .filter((p) => p !== caller)
    .flatMap((p) => Object.entries(identifying[p]).filter(([, value]) => text.includes(value)).map(([what]) => `${p}'s ${what}`));
}

// ── calls through the ingress ────────────────────────────────────────────────────────────

interface Answer {
  status: number;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  contentType: string | null;
  wwwAuthenticate: string | null;
}

async function call(caller: Caller | "bystander", method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (caller !== "anonymous") headers.authorization = `Bearer ${tokens[caller]}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${api}${path}`, { method, headers, redirect: "manual", ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, contentType: res.headers.get("content-type"), wwwAuthenticate: res.headers.get("www-authenticate") };
}

async function created(answer: Promise<Answer>, field?: string): Promise<{ id: string }> {
  const { status, json } = await answer;
  expect(status, JSON.stringify(json)).toBe(201);
  return field ? json[field] : json;
}

// ── tokens ───────────────────────────────────────────────────────────────────────────────

const part = (token: string, index: number) => JSON.parse(Buffer.from(token.split(".")[index]!, "base64url").toString()) as Record<string, unknown>;
const header = (token: string) => part(token, 0);
const claims = (token: string) => part(token, 1);
const audiences = (payload: Record<string, unknown>) => [payload.aud ?? []].flat() as string[];
const roles = (token: string) => ((claims(token).realm_access as { roles?: string[] } | undefined)?.roles ?? []);
const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** The customer's real token claiming the admin role, its signature kept. */
function tampered(token: string): string {
  const [head, , signature] = token.split(".");
  const payload = claims(token);
  const realmAccess = (payload.realm_access ?? {}) as { roles?: string[] };
  return `${head}.${encode({ ...payload, realm_access: { ...realmAccess, roles: [...(realmAccess.roles ?? []), "admin"] } })}.${signature}`;
}

/** A real token's claims, "signed" with `alg: none`: an empty signature. */
const unsigned = (token: string) => `${encode({ alg: "none", typ: "JWT" })}.${token.split(".")[1]}.`;

const keycloakAdmin = `${infra.keycloakUrl}/admin/realms/${infra.realm}`;
const noAudienceClient = { clientId: "market-tests-noaud", secret: "market-tests-noaud-dev-secret" };
const shortLivedClient = { clientId: "market-tests-short", secret: "market-tests-short-dev-secret" };
// The verifier allows 5 seconds of clock skew: the token is expired once that has passed too.
const shortLifespanSeconds = 2;
const clockToleranceSeconds = 5;

async function tokenRequest(realm: string, form: Record<string, string>): Promise<string> {
  const res = await fetch(`${infra.keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  if (!res.ok) throw new Error(`token from ${realm} (${form.client_id}): ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The master realm's bootstrap admin: a real Keycloak token, from another issuer. */
const masterAdminToken = () => tokenRequest("master", { grant_type: "password", client_id: "admin-cli", username: "admin", password: "admin" });

const passwordGrant = (client: { clientId: string; secret: string }, user: TestUser) =>
  tokenRequest(infra.realm, { grant_type: "password", client_id: client.clientId, client_secret: client.secret, username: user.email, password: user.password, scope: "openid" });

/**
 * The two extra clients of the marketplace realm, made (or brought back to this shape) through
 * the admin REST API: one with no audience mapper, one whose tokens live two seconds.
 */
async function ensureTestClients(): Promise<void> {
  const token = await masterAdminToken();
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const findClient = async (clientId: string) => {
    const res = await fetch(`${keycloakAdmin}/clients?clientId=${encodeURIComponent(clientId)}`, { headers });
    if (!res.ok) throw new Error(`looking up client ${clientId}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as Array<{ id: string; protocolMappers?: Mapper[] }>)[0];
  };
  const template = await findClient("market-tests");
  const audienceMapper = template?.protocolMappers?.find((m) => m.protocolMapper === "oidc-audience-mapper");
  if (!audienceMapper) throw new Error("the realm's market-tests client has no audience mapper to copy");
  const { id: _id, ...mapper } = audienceMapper;

  const ensure = async (client: { clientId: string; secret: string }, attributes: Record<string, string>, withAudience: boolean) => {
    const representation = {
      clientId: client.clientId,
      secret: client.secret,
      enabled: true,
      protocol: "openid-connect",
      publicClient: false,
      clientAuthenticatorType: "client-secret",
      standardFlowEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: false,
      attributes,
    };
    let existing = await findClient(client.clientId);
    if (!existing) {
      const res = await fetch(`${keycloakAdmin}/clients`, { method: "POST", headers, body: JSON.stringify({ ...representation, protocolMappers: withAudience ? [mapper] : [] }) });
      // 409: a run beside this one made it first.
      if (res.status !== 201 && res.status !== 409) throw new Error(`creating client ${client.clientId}: ${res.status} ${await res.text()}`);
      existing = await findClient(client.clientId);
      if (!existing) throw new Error(`client ${client.clientId} not found after creating it`);
    }
    const updated = await fetch(`${keycloakAdmin}/clients/${existing.id}`, { method: "PUT", headers, body: JSON.stringify({ id: existing.id, ...representation }) });
    if (!updated.ok) throw new Error(`updating client ${client.clientId}: ${updated.status} ${await updated.text()}`);
    const audience = (existing.protocolMappers ?? []).filter((m) => m.protocolMapper === "oidc-audience-mapper");
    if (withAudience && audience.length === 0) {
      const res = await fetch(`${keycloakAdmin}/clients/${existing.id}/protocol-mappers/models`, { method: "POST", headers, body: JSON.stringify(mapper) });
      if (res.status !== 201 && res.status !== 409) throw new Error(`adding the audience mapper: ${res.status} ${await res.text()}`);
    }
    if (!withAudience) {
      for (const m of audience) await fetch(`${keycloakAdmin}/clients/${existing.id}/protocol-mappers/models/${m.id}`, { method: "DELETE", headers });
    }
  };
  await Promise.all([
    ensure(noAudienceClient, {}, false),
    ensure(shortLivedClient, { "access.token.lifespan": String(shortLifespanSeconds) }, true),
  ]);
}

interface Mapper {
  id?: string;
  name: string;
  protocol: string;
  protocolMapper: string;
  config: Record<string, string>;
}

/** A token that the services accepted while it lived (proving only time is wrong with it), once expired. */
async function expiredToken(user: TestUser): Promise<string> {
  const token = await passwordGrant(shortLivedClient, user);
  const alive = await fetch(`${api}/auth/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(alive.status, "the short-lived token is accepted while it lives").toBe(200);
  const expiresAt = (claims(token).exp as number) + clockToleranceSeconds + 1;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt * 1000 - Date.now())));
  return token;
}
