import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { AppError, createLogger, type AuthUser, type Database } from "@market/kit";
import { createVendorApp, type Deps } from "./app.ts";

// The HTTP edge without I/O: whatever is refused here is refused before the database, the
// storage or Stripe are touched (the fakes below fail the test if they are).

const untouchable = <T extends object>(what: string) =>
  new Proxy({} as T, {
    get() {
      throw new Error(`${what} must not be used`);
    },
  });

const users: Record<string, AuthUser> = {
  customer: { id: "22222222-2222-4222-8222-222222222222", roles: new Set(["customer"]), email: "c@example.test", name: "C", clientId: undefined },
  admin: { id: "11111111-1111-4111-8111-111111111111", roles: new Set(["admin"]), email: "a@example.test", name: "A", clientId: undefined },
};

const stripe = new Stripe("sk_test_123");
const app = createVendorApp({
  db: untouchable<Database>("the database"),
  dapr: untouchable("the sidecar"),
  relay: { kick: () => undefined },
  verify: async (token) => {
    const user = users[token.split(".")[0]!];
    if (!user) throw new AppError("unauthenticated");
    return user;
  },
  log: createLogger("test", "silent"),
  kycStorage: untouchable("the object storage"),
  stripe,
  stripeWebhookSecret: "whsec_unit",
  onboardingUrl: "http://127.0.0.1/vendor/payouts",
} satisfies Deps);

const send = (role: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method,
    headers: { ...(role ? { authorization: `Bearer ${role}.token.sig` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

const fieldsOf = async (res: Response) => ((await res.json()) as { errors?: Array<{ field: string }> }).errors?.map((e) => e.field);

describe("the vendor service's edge", () => {
  it("asks for a token on every /vendors route", async () => {
    for (const [method, path] of [["GET", "/vendors"], ["POST", "/vendors"], ["GET", "/vendors/me"], ["POST", "/vendors/me/submit"]] as const) {
      expect((await send(undefined, method, path)).status).toBe(401);
    }
  });

  it("names every field a new application may not set or got wrong", async () => {
    const res = await send("customer", "POST", "/vendors", {
      legalName: "",
      displayName: "Shop",
      taxId: "DE123456789",
      address: { line1: "Hauptstr. 1", city: "Berlin", postalCode: "10115", country: "DE", floor: 3 },
      contact: { email: "not-an-email", phone: "030 1234" },
      categories: Array.from({ length: 21 }, (_, i) => `c${i}`),
      status: "approved",
    });
    expect(res.status).toBe(422);
    expect((await fieldsOf(res))!.sort()).toEqual(["address.floor", "categories", "contact.email", "contact.phone", "legalName", "status"]);
  });

  it("checks the postal code against the country", async () => {
    const res = await send("customer", "PATCH", "/vendors/me", { address: { line1: "Hauptstr. 1", city: "Berlin", postalCode: "SW1A 1AA", country: "DE" } });
    expect(await fieldsOf(res)).toEqual(["address.postalCode"]);
  });

  it("refuses an empty edit", async () => {
    expect((await send("customer", "PATCH", "/vendors/me", {})).status).toBe(422);
  });

  it("keeps every decision and the review queue to admins", async () => {
    for (const path of ["approve", "reject", "suspend", "reinstate"]) {
      expect((await send("customer", "POST", `/vendors/vnd_00000000000000000000000000/${path}`, { reason: "x" })).status).toBe(403);
    }
    expect((await send("customer", "GET", "/vendors")).status).toBe(403);
    expect((await send("customer", "GET", "/vendors/vnd_00000000000000000000000000/kyc-documents/kyc_00000000000000000000000000/download-url")).status).toBe(403);
  });

  it("names a malformed vendor id", async () => {
    expect(await fieldsOf(await send("admin", "POST", "/vendors/42/approve"))).toEqual(["id"]);
  });

  it("declines a KYC file of the wrong type or over 10 MB before issuing an upload", async () => {
    const res = await send("customer", "POST", "/vendors/me/kyc-documents", { fileName: "a.svg", contentType: "image/svg+xml", size: 10 * 1024 * 1024 + 1 });
    expect((await fieldsOf(res))!.sort()).toEqual(["contentType", "size"]);
  });

  it("refuses a Stripe webhook that is unsigned or signed with another secret", async () => {
    const payload = JSON.stringify({ id: "evt_1", object: "event", type: "account.updated", created: 1, data: { object: { id: "acct_1" } } });
    expect((await send(undefined, "POST", "/webhooks/stripe", payload)).status).toBe(400);
    const forged = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_other" });
    expect((await send(undefined, "POST", "/webhooks/stripe", payload, { "stripe-signature": forged })).status).toBe(400);
  });

  it("acknowledges a signed Stripe event it has no use for without touching the database", async () => {
    const payload = JSON.stringify({ id: "evt_2", object: "event", type: "customer.created", created: 1, data: { object: { id: "cus_1" } } });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_unit" });
    const res = await send(undefined, "POST", "/webhooks/stripe", payload, { "stripe-signature": signature });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, handled: false });
  });
});
