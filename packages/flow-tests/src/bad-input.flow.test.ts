import { randomBytes, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRegistered } from "@market/contracts";
import { newId } from "@market/kit";
import { cloudEvent, createTestUser, infra, serviceToken, type TestUser } from "@market/testing";
import { startStack, type Stack } from "./platform.ts";

// Issue 3: bad input on every write route of auth, user and vendor (a field missing, too long,
// of the wrong type, or one the caller may not set, such as `roles` or `status`) is answered
// with problem+json naming the field, and changes nothing. Each route has a valid baseline
// request; every variant breaks it in exactly one way, so the answer must name exactly that
// field (a dotted path inside objects: `address.postalCode`, `categories.0`). The callers are
// real Keycloak users holding the roles each route needs: validation answers, not
// authorization. What a route would change is read back, through the API where it can be,
// before and after its bad requests.

const people = ["customer", "applicant", "submitter", "seller", "admin"] as const;
type Person = (typeof people)[number];
type Caller = Person | "anonymous";

const realmRoles: Record<Person, string[]> = { customer: ["customer"], applicant: ["customer"], submitter: ["customer"], seller: ["customer"], admin: ["admin"] };

// ── the shape of a route's input ─────────────────────────────────────────────────────────

type Kind = "string" | "number" | "boolean" | "array" | "object";

interface Field {
  /** Dotted, as the problem names it: `address.postalCode`, `categories.0`. */
  path: string;
  kind: Kind;
  required: boolean;
  nullable?: boolean;
  /** A value just beyond what the field allows: one character, byte or item too many. */
  beyond?: unknown;
  /** For an object: the key sent inside it that it does not know. */
  unknownKey?: string;
  /** An opaque secret handed on as it is (a password, a token): a control character in it is not ours to refuse. */
  opaque?: boolean;
}

const field = (path: string, kind: Kind, required: boolean, more: Omit<Field, "path" | "kind" | "required"> = {}): Field => ({ path, kind, required, ...more });
const required = (path: string, kind: Kind, more?: Omit<Field, "path" | "kind" | "required">) => field(path, kind, true, more);
const optional = (path: string, kind: Kind, more?: Omit<Field, "path" | "kind" | "required">) => field(path, kind, false, more);
/** A string one character longer than `max`. */
const over = (max: number) => "x".repeat(max + 1);
/** An address that is one character longer than the 254 an email may have. */
const tooLongEmail = `${"a".repeat(242)}@example.test`;

/** Each kind of field, sent as something else. */
const wrongTypes: Record<Kind, Array<[string, unknown]>> = {
  string: [["a number", 42], ["an object", { value: "x" }], ["an array", ["x"]]],
  number: [["a string", "2048"], ["a boolean", true]],
  boolean: [["a string", "true"], ["a number", 1]],
  array: [["a string", "home"], ["an object", { 0: "home" }]],
  object: [["a string", "text"], ["an array", []]],
};

/** Fields nobody may set through any write route; `__proto__` arrives as an own key of the parsed body. */
const forbiddenEverywhere: Record<string, unknown> = { roles: ["admin"], status: "approved", id: randomUUID(), ["__proto__"]: { roles: ["admin"] } };

interface Param {
  /** The real value (a fixture), which the bad values are made from. */
  real: () => string;
  bad: Record<string, (real: string) => string>;
}

/** Ids that are almost right: a validated id parameter must refuse each one, naming itself. */
const almostIds = (otherPrefix: string): Param["bad"] => ({
  "in capitals": (id) => id.toUpperCase(),
  "one character longer": (id) => `${id}0`,
  "one character shorter": (id) => id.slice(0, -1),
  "of another kind": (id) => `${otherPrefix}_${id.slice(id.indexOf("_") + 1)}`,
  "that is no id": () => "not-an-id",
});

interface Route {
  /** What the test promises, as a sentence. */
  rule: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** Through the ingress; `:name` is a route parameter, filled from `params`. */
  path: string;
  caller: Caller;
  params?: Record<string, Param>;
  body?: {
    baseline: () => Record<string, unknown>;
    fields: Field[];
    /** Fields this route's caller may not set, beyond roles, status and id. */
    forbidden?: Record<string, unknown>;
    /** Further values the route must refuse, each naming `path`. */
    invalid?: Array<{ name: string; path: string; value: unknown }>;
  };
  /** What the route would change, read back. */
  state: () => Promise<unknown>;
}

// ── the routes ───────────────────────────────────────────────────────────────────────────

const suffix = randomBytes(4).toString("hex");
const registrationEmail = `bad-input-${suffix}@example.test`;

/** Ids and tokens the routes name, made in beforeAll. */
const fixtures = {} as {
  customerId: string;
  refreshToken: string;
  spareAddressId: string;
  draftVendorId: string;
  submittedVendorId: string;
  approvedVendorId: string;
};

const addressFields: Field[] = [
  optional("label", "string", { beyond: over(40) }),
  required("recipient", "string", { beyond: over(120) }),
  required("line1", "string", { beyond: over(200) }),
  optional("line2", "string", { beyond: over(200) }),
  required("city", "string", { beyond: over(100) }),
  optional("region", "string", { beyond: over(100) }),
  required("postalCode", "string", { beyond: over(16) }),
  required("country", "string", { beyond: "DEU" }),
  optional("phone", "string", { beyond: "1".repeat(21) }),
  optional("isDefault", "boolean"),
];
const addressBaseline = () => ({
  label: "Office",
  recipient: "Cora Customer",
  line1: "2 Baseline Road",
  line2: "Back building",
  city: "Hamburg",
  region: "Hamburg",
  postalCode: "20095",
  country: "DE",
  phone: "+49 40 1234567",
  isDefault: true,
});
const addressRefusals = [
  { name: "a postal code that does not fit the country", path: "postalCode", value: "ABCDE" },
  { name: "a country that does not exist", path: "country", value: "XX" },
  { name: "a recipient of spaces only", path: "recipient", value: "   " },
];

/** A vendor application's fields; when editing, the top-level ones become optional. */
const vendorFields = (editing: boolean): Field[] => [
  field("legalName", "string", !editing, { beyond: over(200) }),
  field("displayName", "string", !editing, { beyond: over(80) }),
  field("taxId", "string", !editing, { beyond: `DE${"1".repeat(30)}` }),
  field("address", "object", !editing, { unknownKey: "region" }),
  required("address.line1", "string", { beyond: over(200) }),
  optional("address.line2", "string", { beyond: over(200) }),
  required("address.city", "string", { beyond: over(100) }),
  required("address.postalCode", "string", { beyond: over(16) }),
  required("address.country", "string", { beyond: "DEU" }),
  field("contact", "object", !editing, { unknownKey: "website" }),
  required("contact.email", "string", { beyond: tooLongEmail }),
  optional("contact.phone", "string", { beyond: `+1${"2".repeat(15)}` }),
  field("categories", "array", !editing, { beyond: Array.from({ length: 21 }, (_, i) => `category-${i}`) }),
  optional("categories.0", "string", { beyond: over(60) }),
];
const vendorForbidden = { ownerId: randomUUID(), payoutsEnabled: true, stripeAccountId: "acct_123" };
const vendorRefusals = [
  { name: "a postal code that does not fit the country", path: "address.postalCode", value: "ABCDE" },
  { name: "a contact email that is no email", path: "contact.email", value: "not-an-email" },
  { name: "a phone number not in E.164", path: "contact.phone", value: "030 123456" },
  { name: "no categories", path: "categories", value: [] },
  { name: "a tax id with a character it may not have", path: "taxId", value: "DE<123456789>" },
];

const topics = ["orders", "account", "marketing"] as const;
const preferenceFields: Field[] = (["email", "inApp", "push"] as const).flatMap((channel) => [
  required(channel, "object", { unknownKey: "sms" }),
  ...topics.map((topic) => required(`${channel}.${topic}`, "boolean")),
]);

const routes: Route[] = [
  // ── auth ──
  {
    rule: "registration refuses each bad account with a problem naming the field, and creates no Keycloak user and no user.registered event",
    method: "POST",
    path: "/auth/auth/register",
    caller: "anonymous",
    body: {
      baseline: () => ({ email: registrationEmail, password: `pw-${randomUUID()}`, displayName: "Rita Registrant", locale: "de-DE" }),
      fields: [
        required("email", "string", { beyond: tooLongEmail }),
        required("password", "string", { beyond: over(256), opaque: true }),
        required("displayName", "string", { beyond: over(80) }),
        optional("locale", "string", { beyond: "de-DEU" }),
      ],
      forbidden: { emailVerified: true, enabled: true, credentials: [{ type: "password", value: "chosen-by-attacker" }] },
      invalid: [
        { name: "an email that is no email", path: "email", value: "rita-at-example.test" },
        { name: "a password under 10 characters", path: "password", value: "short" },
        { name: "a display name with a character Keycloak refuses", path: "displayName", value: "Rita <script>" },
        { name: "a display name of spaces only", path: "displayName", value: "   " },
        { name: "a locale that is none", path: "locale", value: "german" },
      ],
    },
    state: async () => ({ keycloakUsers: await keycloakUsersWithEmail([registrationEmail, tooLongEmail]), outboxRows: await authOutboxRowsAbout([registrationEmail, tooLongEmail]) }),
  },
  {
    rule: "refreshing refuses each bad body with a problem naming the field, and the session stays as it was",
    method: "POST",
    path: "/auth/auth/refresh",
    caller: "anonymous",
    body: {
      baseline: () => ({ refresh_token: fixtures.refreshToken }),
      fields: [required("refresh_token", "string", { beyond: over(8192), opaque: true })],
      forbidden: { client_id: "market-web", scope: "openid offline_access" },
      invalid: [{ name: "an empty refresh token", path: "refresh_token", value: "" }],
    },
    state: () => keycloakSessionsOf(fixtures.customerId),
  },
  {
    rule: "logging out refuses each bad body with a problem naming the field, and the session is not ended",
    method: "POST",
    path: "/auth/auth/logout",
    caller: "anonymous",
    body: {
      baseline: () => ({ refresh_token: fixtures.refreshToken }),
      fields: [required("refresh_token", "string", { beyond: over(8192), opaque: true })],
      forbidden: { client_id: "market-web", all_sessions: true },
      invalid: [{ name: "an empty refresh token", path: "refresh_token", value: "" }],
    },
    state: () => keycloakSessionsOf(fixtures.customerId),
  },
  {
    rule: "granting a role refuses a malformed user id or a role that cannot be granted (service among them) naming the parameter, and grants nothing",
    method: "PUT",
    path: "/auth/auth/users/:id/roles/:role",
    caller: "admin",
    params: {
      id: {
        real: () => fixtures.customerId,
        bad: {
          "that is no UUID": () => "not-a-user",
          "one character longer": (id) => `${id}0`,
          "one character shorter": (id) => id.slice(0, -1),
          "without hyphens": (id) => id.replaceAll("-", ""),
        },
      },
      role: { real: () => "admin", bad: { "that is the service role": () => "service", "that does not exist": () => "root", "in capitals": () => "ADMIN" } },
    },
    state: () => keycloakRolesOf(fixtures.customerId),
  },
  {
    rule: "revoking a role refuses a malformed user id or a role that cannot be revoked naming the parameter, and revokes nothing",
    method: "DELETE",
    path: "/auth/auth/users/:id/roles/:role",
    caller: "admin",
    params: {
      id: { real: () => fixtures.customerId, bad: { "that is no UUID": () => "not-a-user", "one character longer": (id) => `${id}0`, "one character shorter": (id) => id.slice(0, -1) } },
      role: { real: () => "customer", bad: { "that is the service role": () => "service", "that does not exist": () => "root", "in capitals": () => "Customer" } },
    },
    state: () => keycloakRolesOf(fixtures.customerId),
  },

  // ── user ──
  {
    rule: "a profile update refuses each bad field, and any field a user may not change about themselves (roles, status, id, email), naming it; the profile stays as it was",
    method: "PATCH",
    path: "/user/users/me",
    caller: "customer",
    body: {
      baseline: () => ({ displayName: "Cora Changed", phone: "+49 30 7654321", locale: "fr-FR", preferredCurrency: "CHF" }),
      fields: [
        optional("displayName", "string", { beyond: over(80) }),
        optional("phone", "string", { nullable: true, beyond: "1".repeat(21) }),
        optional("locale", "string", { beyond: "de-DEU" }),
        optional("preferredCurrency", "string", { beyond: "EURO" }),
      ],
      forbidden: { email: "someone-else@example.test", createdAt: "2020-01-01T00:00:00.000Z" },
      invalid: [
        { name: "a display name of spaces only", path: "displayName", value: "  " },
        { name: "a phone number with letters", path: "phone", value: "call me maybe" },
        { name: "a currency in lower case", path: "preferredCurrency", value: "eur" },
      ],
    },
    state: () => read("customer", "/user/users/me"),
  },
  {
    rule: "replacing the notification preferences refuses a missing channel or topic, a wrong type and an unknown channel or topic, naming it; the preferences stay as they were",
    method: "PUT",
    path: "/user/users/me/preferences",
    caller: "customer",
    body: {
      baseline: () => ({
        email: { orders: false, account: true, marketing: true },
        inApp: { orders: true, account: false, marketing: true },
        push: { orders: true, account: true, marketing: false },
      }),
      fields: preferenceFields,
      forbidden: { sms: { orders: true, account: true, marketing: true }, userId: randomUUID() },
    },
    state: () => read("customer", "/user/users/me/preferences"),
  },
  {
    rule: "saving an address refuses each bad field and any field the caller may not set (userId among them), naming it; no address is added",
    method: "POST",
    path: "/user/users/me/addresses",
    caller: "customer",
    body: { baseline: addressBaseline, fields: addressFields, forbidden: { userId: randomUUID(), createdAt: "2020-01-01T00:00:00.000Z" }, invalid: addressRefusals },
    state: () => read("customer", "/user/users/me/addresses"),
  },
  {
    rule: "replacing an address refuses a malformed address id and each bad field, naming it; the address stays as it was",
    method: "PUT",
    path: "/user/users/me/addresses/:addressId",
    caller: "customer",
    params: { addressId: { real: () => fixtures.spareAddressId, bad: almostIds("vnd") } },
    body: { baseline: addressBaseline, fields: addressFields, forbidden: { userId: randomUUID() }, invalid: addressRefusals },
    state: () => read("customer", "/user/users/me/addresses"),
  },
  {
    rule: "making an address the default refuses a malformed address id naming it, and the default stays where it was",
    method: "POST",
    path: "/user/users/me/addresses/:addressId/default",
    caller: "customer",
    params: { addressId: { real: () => fixtures.spareAddressId, bad: almostIds("vnd") } },
    state: () => read("customer", "/user/users/me/addresses"),
  },
  {
    rule: "deleting an address refuses a malformed address id naming it, and deletes nothing",
    method: "DELETE",
    path: "/user/users/me/addresses/:addressId",
    caller: "customer",
    params: { addressId: { real: () => fixtures.spareAddressId, bad: almostIds("vnd") } },
    state: () => read("customer", "/user/users/me/addresses"),
  },

  // ── vendor ──
  {
    rule: "applying as a vendor refuses each bad field, nested ones by their dotted path, and any field an applicant may not set (status, ownerId, payouts), naming it; no application is made",
    method: "POST",
    path: "/vendor/vendors",
    caller: "customer",
    body: {
      baseline: () => ({
        legalName: "Cora's Crafts GmbH",
        displayName: "Cora's Crafts",
        taxId: "DE999999999",
        address: { line1: "3 Baseline Street", line2: "Rear house", city: "Berlin", postalCode: "10119", country: "DE" },
        contact: { email: "crafts@example.test", phone: "+4930123456" },
        categories: ["home", "garden"],
      }),
      fields: vendorFields(false),
      forbidden: vendorForbidden,
      invalid: vendorRefusals,
    },
    state: () => read("customer", "/vendor/vendors/me"),
  },
  {
    rule: "editing a vendor application refuses each bad field, nested ones by their dotted path, and any field an applicant may not set, naming it; the application stays as it was",
    method: "PATCH",
    path: "/vendor/vendors/me",
    caller: "applicant",
    body: {
      baseline: () => ({
        legalName: "Ada's Atelier Ltd",
        displayName: "Ada's Atelier",
        taxId: "GB123456789",
        address: { line1: "4 Edit Lane", line2: "Unit 5", city: "Munich", postalCode: "80331", country: "DE" },
        contact: { email: "atelier@example.test", phone: "+4989123456" },
        categories: ["fashion"],
      }),
      fields: vendorFields(true),
      forbidden: vendorForbidden,
      invalid: vendorRefusals,
    },
    state: () => read("applicant", "/vendor/vendors/me"),
  },
  {
    rule: "asking to upload a KYC document refuses each bad field, a type that is not accepted and a size out of range, naming it; no document is recorded",
    method: "POST",
    path: "/vendor/vendors/me/kyc-documents",
    caller: "applicant",
    body: {
      baseline: () => ({ fileName: "passport.pdf", contentType: "application/pdf", size: 2048 }),
      fields: [
        required("fileName", "string", { beyond: over(255) }),
        required("contentType", "string"),
        required("size", "number", { beyond: 10 * 1024 * 1024 + 1 }),
      ],
      forbidden: { vendorId: newId("vnd"), objectKey: "kyc/someone-else/passport.pdf" },
      invalid: [
        { name: "a type that is not accepted", path: "contentType", value: "text/html" },
        { name: "a size of zero", path: "size", value: 0 },
        { name: "a negative size", path: "size", value: -1 },
        { name: "a fractional size", path: "size", value: 1.5 },
        { name: "a file name of spaces only", path: "fileName", value: "   " },
      ],
    },
    state: () => read("applicant", `/vendor/vendors/${fixtures.draftVendorId}/kyc-documents`),
  },
  {
    rule: "rejecting a vendor refuses a malformed vendor id and a bad reason, naming it; the vendor stays submitted",
    method: "POST",
    path: "/vendor/vendors/:id/reject",
    caller: "admin",
    params: { id: { real: () => fixtures.submittedVendorId, bad: almostIds("kyc") } },
    body: {
      baseline: () => ({ reason: "The tax id does not match the legal name." }),
      fields: [required("reason", "string", { beyond: over(500) })],
      invalid: [{ name: "a reason of spaces only", path: "reason", value: "   " }],
    },
    state: () => read("admin", `/vendor/vendors/${fixtures.submittedVendorId}`),
  },
  {
    rule: "suspending a vendor refuses a malformed vendor id and a bad reason, naming it; the vendor stays approved",
    method: "POST",
    path: "/vendor/vendors/:id/suspend",
    caller: "admin",
    params: { id: { real: () => fixtures.approvedVendorId, bad: almostIds("kyc") } },
    body: {
      baseline: () => ({ reason: "Counterfeit goods were reported." }),
      fields: [required("reason", "string", { beyond: over(500) })],
      invalid: [{ name: "a reason of spaces only", path: "reason", value: "   " }],
    },
    state: () => read("admin", `/vendor/vendors/${fixtures.approvedVendorId}`),
  },
  {
    rule: "approving a vendor refuses a malformed vendor id naming it, and the vendor stays submitted",
    method: "POST",
    path: "/vendor/vendors/:id/approve",
    caller: "admin",
    params: { id: { real: () => fixtures.submittedVendorId, bad: almostIds("kyc") } },
    state: () => read("admin", `/vendor/vendors/${fixtures.submittedVendorId}`),
  },
  {
    rule: "reinstating a vendor refuses a malformed vendor id naming it, and the vendor stays as it was",
    method: "POST",
    path: "/vendor/vendors/:id/reinstate",
    caller: "admin",
    params: { id: { real: () => fixtures.approvedVendorId, bad: almostIds("kyc") } },
    state: () => read("admin", `/vendor/vendors/${fixtures.approvedVendorId}`),
  },
];

// ── the platform and the fixtures ────────────────────────────────────────────────────────

let stack: Stack | undefined;
let api: string;
const users = {} as Record<Person, TestUser>;
const tokens = {} as Record<Person, string>;

beforeAll(async () => {
  const usersMade = Promise.all(people.map(async (p) => void (users[p] = await createTestUser(realmRoles[p], `${p[0]!.toUpperCase()}${p.slice(1)} Badinput${suffix}`))));
  usersMade.catch(() => undefined);
  stack = await startStack(["auth", "user", "vendor"], "bi");
  const userService = stack.services.user!;
  await usersMade;
  api = stack.api;
  await Promise.all(people.map(async (p) => void (tokens[p] = await users[p].token())));
  fixtures.customerId = users.customer.id;

  await Promise.all([
    refreshTokenOf(users.customer).then((token) => void (fixtures.refreshToken = token)),
    (async () => {
      // Straight to the user app, as its sidecar delivers user.registered: this file is about
      // HTTP input, and a fresh consumer group can take many seconds to join the broker.
      const data = { userId: users.customer.id, email: users.customer.email, displayName: "Cora Customer", locale: "en", registeredAt: new Date().toISOString() };
      const delivered = await fetch(`${userService.url}/events/${userRegistered.name}`, {
        method: "POST",
        headers: { "content-type": "application/cloudevents+json" },
        body: JSON.stringify(cloudEvent(userRegistered, data, users.customer.id)),
      });
      expect(await delivered.json()).toEqual({ status: "SUCCESS" });
      // The first address becomes the default; the spare one is what the address rows name.
      const home = { recipient: "Cora Customer", line1: `${suffix} Home Street`, city: "Berlin", postalCode: "10115", country: "DE" };
      await created("customer", "/user/users/me/addresses", home);
      fixtures.spareAddressId = await created("customer", "/user/users/me/addresses", { ...home, line1: `${suffix} Spare Road`, postalCode: "10117" });
    })(),
    (async () => {
      const application = (name: string) => ({
        legalName: `${name} ${suffix} Ltd`,
        displayName: `${name} ${suffix}`,
        taxId: "DE123456789",
        address: { line1: "1 Market Square", city: "Berlin", postalCode: "10115", country: "DE" },
        contact: { email: `${name.toLowerCase()}-${suffix}@example.test` },
        categories: ["home"],
      });
      const [draft, submitted, approved] = await Promise.all([
        created("applicant", "/vendor/vendors", application("Applicant")),
        created("submitter", "/vendor/vendors", application("Submitter")),
        created("seller", "/vendor/vendors", application("Seller")),
      ]);
      fixtures.draftVendorId = draft;
      fixtures.submittedVendorId = submitted;
      fixtures.approvedVendorId = approved;
      await Promise.all([
        created("applicant", "/vendor/vendors/me/kyc-documents", { fileName: "registration.pdf", contentType: "application/pdf", size: 1024 }, "document"),
        ok("submitter", "POST", "/vendor/vendors/me/submit"),
        ok("seller", "POST", "/vendor/vendors/me/submit").then(() => ok("admin", "POST", `/vendor/vendors/${approved}/approve`)),
      ]);
    })(),
  ]);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

// ── the tests ────────────────────────────────────────────────────────────────────────────

describe("bad input on a write route, sent through the public ingress, is refused with a problem naming the field and changes nothing", () => {
  for (const route of routes) it(`${route.rule} (${route.method} ${route.path})`, () => checkRoute(route));
});

// ── the variants of one route ────────────────────────────────────────────────────────────

interface Outgoing {
  json?: unknown;
  /** Sent as is, with `contentType` when given and no content type otherwise. */
  raw?: string | Uint8Array;
  contentType?: string;
  /** Refused before it is read: sent on a connection of its own, and answered once the status is known. */
  overLimit?: boolean;
}

interface Variant {
  name: string;
  path: string;
  request: Outgoing;
  status: 400 | 413 | 415 | 422;
  /** The fields a 422 must name, and only these. */
  fields?: string[];
}

// The ingress's default limit (BODY_LIMIT_BYTES).
const ingressBodyLimit = 1024 * 1024;

function variantsOf(route: Route): Variant[] {
  const pathWith = (overrides: Record<string, string>) =>
    route.path.replace(/:(\w+)/g, (_, name: string) => overrides[name] ?? route.params?.[name]?.real() ?? `{no parameter ${name}}`);
  const path = pathWith({});
  const baseline = route.body?.baseline();
  const variants: Variant[] = [];

  for (const [name, param] of Object.entries(route.params ?? {})) {
    for (const [how, bad] of Object.entries(param.bad)) {
      variants.push({ name: `${name} ${how}`, path: pathWith({ [name]: bad(param.real()) }), request: baseline ? { json: baseline } : {}, status: 422, fields: [name] });
    }
  }
  if (!route.body || !baseline) return variants;

  const refused = (name: string, body: unknown, fields: string[]) => variants.push({ name, path, request: { json: body }, status: 422, fields });
  const topLevelRequired = route.body.fields.filter((f) => f.required && !f.path.includes(".")).map((f) => f.path);
  refused("an empty object", {}, topLevelRequired.length ? topLevelRequired : ["body"]);
  for (const f of route.body.fields) {
    if (f.required) refused(`without ${f.path}`, changed(baseline, f.path, removed), [f.path]);
    if (f.beyond !== undefined) refused(`${f.path} beyond its limit`, changed(baseline, f.path, f.beyond), [f.path]);
    for (const [what, value] of wrongTypes[f.kind]) refused(`${f.path} as ${what}`, changed(baseline, f.path, value), [f.path]);
    if (!f.nullable) refused(`${f.path} as null`, changed(baseline, f.path, null), [f.path]);
    // Postgres cannot store a NUL in text: it must be refused as input, not fail the insert.
    if (f.kind === "string" && !f.opaque) refused(`${f.path} with a NUL character`, changed(baseline, f.path, `${String(valueAt(baseline, f.path))}\u0000`), [f.path]);
    if (f.kind === "object") {
      const key = `${f.path}.${f.unknownKey ?? "verified"}`;
      refused(`an unknown ${key}`, changed(baseline, key, true), [key]);
    }
  }
  for (const [key, value] of Object.entries({ ...forbiddenEverywhere, ...route.body.forbidden })) refused(`an unknown ${key}`, { ...baseline, [key]: value }, [key]);
  for (const { name, path: at, value } of route.body.invalid ?? []) refused(name, changed(baseline, at, value), [at]);

  const text = JSON.stringify(baseline);
  variants.push(
    { name: "malformed JSON", path, request: { raw: text.slice(0, -1), contentType: "application/json" }, status: 400 },
    { name: "an empty JSON body", path, request: { raw: "", contentType: "application/json" }, status: 400 },
    { name: "a JSON array", path, request: { json: [baseline] }, status: 422, fields: ["body"] },
    { name: "JSON null", path, request: { json: null }, status: 422, fields: ["body"] },
    { name: "a JSON string", path, request: { json: text }, status: 422, fields: ["body"] },
    { name: "JSON sent as text/plain", path, request: { raw: text, contentType: "text/plain" }, status: 415 },
    { name: "a form", path, request: { raw: new URLSearchParams(flatStrings(baseline)).toString(), contentType: "application/x-www-form-urlencoded" }, status: 415 },
    { name: "JSON without a content type", path, request: { raw: new TextEncoder().encode(text) }, status: 415 },
    { name: "a body over the ingress limit", path, request: { raw: JSON.stringify({ ...baseline, padding: "x".repeat(ingressBodyLimit) }), contentType: "application/json", overLimit: true }, status: 413 },
  );
  return variants;
}

const removed = Symbol("removed");

/** A copy of `body` with the value at a dotted path replaced (or removed). */
function changed(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (value === removed) delete node[last];
  else node[last] = value;
  return copy;
}

const valueAt = (body: unknown, path: string): unknown => path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], body);

const flatStrings = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));

async function checkRoute(route: Route) {
  const variants = variantsOf(route);
  const before = await route.state();
  const answers = await inBatches(variants, 24, (v) => send(route.caller, route.method, v.path, v.request));
  const after = await route.state();

  // One comparison for the whole route: a failure shows every variant's answer side by side.
  const got = Object.fromEntries(variants.map((v, i) => [v.name, answers[i]]));
  const want = Object.fromEntries(variants.map((v) => [v.name, summary(v.status, "application/problem+json", v.fields)]));
  expect.soft(got).toEqual(want);
  expect(after, "what the route would change, read back after its bad requests").toEqual(before);
}

/** `422 application/problem+json address.postalCode`: the answer as the comparison shows it. */
function summary(status: number, contentType: string, fields?: string[], remarks: string[] = []): string {
  return [String(status), contentType, ...(fields ? [[...new Set(fields)].sort().join(", ")] : []), ...remarks].join(" ");
}

// ── calls ────────────────────────────────────────────────────────────────────────────────

interface FieldError {
  field?: unknown;
  reason?: unknown;
}

async function send(caller: Caller, method: string, path: string, request: Outgoing): Promise<string> {
  const headers: Record<string, string> = {};
  if (caller !== "anonymous") headers.authorization = `Bearer ${tokens[caller]}`;
  let body: string | Uint8Array | undefined;
  if ("json" in request) {
    body = JSON.stringify(request.json);
    headers["content-type"] = "application/json";
  } else if (request.raw !== undefined) {
    body = request.raw;
    if (request.contentType) headers["content-type"] = request.contentType;
  }
  const res = request.overLimit ? await sendAlone(method, `${api}${path}`, headers, body ?? "") : await fetch(`${api}${path}`, { method, headers, redirect: "manual", ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let problem: { status?: unknown; errors?: FieldError[] } | undefined;
  try {
    problem = text ? JSON.parse(text) : undefined;
  } catch {
    problem = undefined;
  }
  const remarks: string[] = [];
  if (res.status >= 400 && problem?.status !== res.status) remarks.push(`(problem status ${String(problem?.status)})`);
  if (problem?.errors?.some((e) => typeof e.reason !== "string" || e.reason === "")) remarks.push("(a field error without a reason)");
  if (res.status < 400) remarks.push(text.slice(0, 120));
  const fields = Array.isArray(problem?.errors) ? problem.errors.map((e) => String(e.field)) : undefined;
  return summary(res.status, res.headers.get("content-type")?.split(";")[0]?.trim() ?? "(no content type)", fields, remarks);
}

/**
 * A request whose answer may come while its body is still being sent: the ingress refuses an
 * over-limit body on its content-length and closes the connection, which makes fetch fail
 * ("other side closed") though the 413 arrived, and can poison its pooled connections.
 */
function sendAlone(method: string, url: string, headers: Record<string, string>, body: string | Uint8Array): Promise<Response> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(url, { method, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: { "content-type": res.headers["content-type"] ?? "" } })));
      res.on("error", reject);
    });
    // Writing the rest of the body after the answer may fail: that is the point of answering early.
    req.on("error", (error) => void (answered || reject(error)));
    req.end(body);
  });
}

/** Runs `work` over `items`, at most `limit` at a time, answers in the order of `items`. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A GET through the ingress, without what differs on every answer (the request id). */
async function read(caller: Person, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${tokens[caller]}` } });
  const { requestId: _perRequest, ...body } = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body };
}

async function call(caller: Person, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[caller]}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

/** Creates through the API and answers the new object's id. */
async function created(caller: Person, path: string, body: unknown, within?: string): Promise<string> {
  const answer = await call(caller, "POST", path, body);
  expect(answer.status, `${caller} POST ${path}: ${JSON.stringify(answer.json)}`).toBe(201);
  const object = (within ? answer.json?.[within] : answer.json) as { id: string };
  return object.id;
}

async function ok(caller: Person, method: string, path: string): Promise<void> {
  const answer = await call(caller, method, path);
  expect(answer.status, `${caller} ${method} ${path}: ${JSON.stringify(answer.json)}`).toBe(200);
}

// ── Keycloak and the auth service's outbox ───────────────────────────────────────────────

const keycloakAdmin = `${infra.keycloakUrl}/admin/realms/${infra.realm}`;

async function keycloak<T>(path: string): Promise<T> {
  const res = await fetch(`${keycloakAdmin}${path}`, { headers: { authorization: `Bearer ${await serviceToken()}` } });
  if (!res.ok) throw new Error(`Keycloak ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function keycloakUsersWithEmail(emails: string[]): Promise<string[]> {
  const found = await Promise.all(emails.map((email) => keycloak<Array<{ id: string }>>(`/users?email=${encodeURIComponent(email)}&exact=true`)));
  return found.flat().map((u) => u.id);
}

const keycloakRolesOf = async (userId: string) => (await keycloak<Array<{ name: string }>>(`/users/${userId}/role-mappings/realm`)).map((r) => r.name).sort();

const keycloakSessionsOf = async (userId: string) => (await keycloak<Array<{ id: string }>>(`/users/${userId}/sessions`)).map((s) => s.id).sort();

async function authOutboxRowsAbout(emails: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: stack!.services.auth!.database!.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from outbox where event->'data'->>'email' = any($1)", [emails]);
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** A refresh token of the user's own (password grant through the tests-only client): a session to keep or end. */
async function refreshTokenOf(user: TestUser): Promise<string> {
  const res = await fetch(`${infra.keycloakUrl}/realms/${infra.realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "market-tests", client_secret: "market-tests-dev-secret", username: user.email, password: user.password, scope: "openid" }),
  });
  if (!res.ok) throw new Error(`a refresh token for ${user.email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { refresh_token: string }).refresh_token;
}
