import pg from "pg";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, postToStorage, startTestService, waitFor, type TestService, type TestUser } from "@market/testing";
import { startVendorService } from "./main.ts";

// The vendor service in-process beside a real daprd (Kafka pub/sub), with real Keycloak
// tokens, MinIO enforcing the presigned policies and stripe-mock answering Stripe calls.

let service: TestService;
let admin: TestUser;
let db: pg.Pool;

beforeAll(async () => {
  [service, admin] = await Promise.all([startTestService({ appId: "vendor", start: startVendorService }), createTestUser(["admin"], "Grace Admin")]);
  db = new pg.Pool({ connectionString: service.database!.url, max: 2 });
});
afterAll(async () => {
  await db?.end();
  await service?.stop();
});

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(user: TestUser | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      ...(user ? { authorization: `Bearer ${await user.token()}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];

const application = (overrides: Record<string, unknown> = {}) => ({
  legalName: "Analytical Engines Ltd",
  displayName: "Analytical Engines",
  taxId: "GB123456789",
  address: { line1: "12 Analytical Row", city: "London", postalCode: "SW1A 1AA", country: "GB" },
  contact: { email: "ada@example.test", phone: "+442071234567" },
  categories: ["electronics", "books"],
  ...overrides,
});

async function applicant(): Promise<{ user: TestUser; vendorId: string }> {
  const user = await createTestUser(["customer"], "Ada Applicant");
  const created = await call(user, "POST", "/vendors", application());
  expect(created.status).toBe(201);
  return { user, vendorId: created.body.id };
}

async function submittedApplicant() {
  const a = await applicant();
  expect((await call(a.user, "POST", "/vendors/me/submit")).status).toBe(200);
  return a;
}

async function approvedVendor() {
  const a = await submittedApplicant();
  expect((await call(admin, "POST", `/vendors/${a.vendorId}/approve`)).status).toBe(200);
  return a;
}

const topicsOf = async (vendorId: string) => (await rows<{ topic: string }>("select topic from outbox where partition_key = $1 order by seq", [vendorId])).map((r) => r.topic);

describe("vendor onboarding", () => {
  it("takes an application from draft through submission to approval, recording each step and publishing its events", async () => {
    const user = await createTestUser(["customer"], "Ada Applicant");
    const created = await call(user, "POST", "/vendors", application());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^vnd_[0-9a-z]{26}$/), ownerId: user.id, status: "draft", canPublishProducts: false });
    const vendorId: string = created.body.id;

    expect((await call(user, "POST", "/vendors/me/submit")).body.status).toBe("submitted");
    const approved = await call(admin, "POST", `/vendors/${vendorId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", canPublishProducts: false, cannotPublishReason: expect.stringContaining("Payouts") });

    const history = await rows<{ action: string; by: string }>("select action, by from vendor_events where vendor_id = $1 order by at, id", [vendorId]);
    expect(history).toEqual([
      { action: "create", by: user.id },
      { action: "submit", by: user.id },
      { action: "approve", by: admin.id },
    ]);
    expect(await topicsOf(vendorId)).toEqual(["vendor.applied", "vendor.approved"]);
    const published = await waitFor(
      async () => {
        const pending = await rows("select 1 from outbox where partition_key = $1 and published_at is null", [vendorId]);
        return pending.length === 0;
      },
      { what: "the relay to publish the vendor's events through the sidecar" },
    );
    expect(published).toBe(true);
    const [event] = await rows<{ event: { type: string; data: Record<string, unknown> } }>("select event from outbox where partition_key = $1 and topic = 'vendor.approved'", [vendorId]);
    expect(event!.event).toMatchObject({ type: "vendor.approved.v1", data: { vendorId, ownerId: user.id, by: admin.id, reinstated: false } });
  });

  it("lets only admins decide: a customer's approval is 403 and changes nothing", async () => {
    const { vendorId } = await submittedApplicant();
    const intruder = await createTestUser(["customer"]);
    const answer = await call(intruder, "POST", `/vendors/${vendorId}/approve`);
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("forbidden");
    expect((await call(admin, "GET", `/vendors/${vendorId}`)).body.status).toBe("submitted");
    expect(await topicsOf(vendorId)).toEqual(["vendor.applied"]);
    expect((await call(intruder, "GET", "/vendors?status=submitted")).status).toBe(403);
  });

  it("hides another user's application as not found, while its owner and admins see it", async () => {
    const { user, vendorId } = await applicant();
    const stranger = await createTestUser(["customer"]);
    expect((await call(stranger, "GET", `/vendors/${vendorId}`)).status).toBe(404);
    expect((await call(stranger, "GET", `/vendors/${vendorId}/kyc-documents`)).status).toBe(404);
    expect((await call(user, "GET", `/vendors/${vendorId}`)).body.id).toBe(vendorId);
    expect((await call(admin, "GET", `/vendors/${vendorId}`)).body.id).toBe(vendorId);
    expect((await call(undefined, "GET", `/vendors/${vendorId}`)).status).toBe(401);
  });

  it("refuses bad input with 422 naming each field, and changes nothing", async () => {
    const user = await createTestUser(["customer"]);
    const bad = application({ status: "approved", roles: ["admin"], categories: [], address: { line1: "x", city: "y", postalCode: "1", country: "XX" } });
    const refused = await call(user, "POST", "/vendors", bad);
    expect(refused.status).toBe(422);
    const fields = refused.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["status", "roles", "categories", "address.country"]));
    expect((await call(user, "GET", "/vendors/me")).status).toBe(404);

    expect((await call(user, "POST", "/vendors", application())).status).toBe(201);
    const sneaky = await call(user, "PATCH", "/vendors/me", { displayName: "Renamed", status: "approved" });
    expect(sneaky.status).toBe(422);
    expect(sneaky.body.errors).toEqual([{ field: "status", reason: "is not allowed" }]);
    const mine = await call(user, "GET", "/vendors/me");
    expect(mine.body).toMatchObject({ status: "draft", displayName: "Analytical Engines" });

    expect((await call(user, "POST", "/vendors/me/submit")).status).toBe(200);
    const noReason = await call(admin, "POST", `/vendors/${mine.body.id}/reject`, { reason: " " });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(["reason"]);
    expect((await call(user, "GET", "/vendors/me")).body.status).toBe("submitted");
    expect(await topicsOf(mine.body.id)).toEqual(["vendor.applied"]);
  });

  it("answers an illegal step with 409, and a second application by the same user with 409", async () => {
    const { user, vendorId } = await applicant();
    const early = await call(admin, "POST", `/vendors/${vendorId}/approve`);
    expect(early.status).toBe(409);
    expect((await call(user, "POST", "/vendors", application())).status).toBe(409);
    expect((await call(user, "GET", "/vendors/me")).body.status).toBe("draft");
  });

  it("reopens a rejected application by editing it, and reinstates a suspended vendor with vendor.approved again", async () => {
    const { user, vendorId } = await submittedApplicant();
    const rejected = await call(admin, "POST", `/vendors/${vendorId}/reject`, { reason: "The tax id does not match the legal name." });
    expect(rejected.body).toMatchObject({ status: "rejected", statusReason: "The tax id does not match the legal name." });
    const edited = await call(user, "PATCH", "/vendors/me", { legalName: "Analytical Engines Limited" });
    expect(edited.body).toMatchObject({ status: "draft", legalName: "Analytical Engines Limited", statusReason: null });
    expect((await call(user, "POST", "/vendors/me/submit")).body.status).toBe("submitted");
    expect((await call(admin, "POST", `/vendors/${vendorId}/approve`)).body.status).toBe("approved");
    expect((await call(admin, "POST", `/vendors/${vendorId}/suspend`, { reason: "Too many chargebacks." })).body.status).toBe("suspended");
    expect((await call(user, "PATCH", "/vendors/me", { displayName: "Back Again" })).status).toBe(409);
    expect((await call(admin, "POST", `/vendors/${vendorId}/reinstate`)).body).toMatchObject({ status: "approved", statusReason: null });

    expect(await topicsOf(vendorId)).toEqual(["vendor.applied", "vendor.rejected", "vendor.applied", "vendor.approved", "vendor.suspended", "vendor.approved"]);
    const approvals = await rows<{ event: { data: { reinstated: boolean } } }>("select event from outbox where partition_key = $1 and topic = 'vendor.approved' order by seq", [vendorId]);
    expect(approvals.map((r) => r.event.data.reinstated)).toEqual([false, true]);
    const [suspension] = await rows<{ event: { data: { reason: string } } }>("select event from outbox where partition_key = $1 and topic = 'vendor.suspended'", [vendorId]);
    expect(suspension!.event.data.reason).toBe("Too many chargebacks.");
  });

  it("pages the admins' review queue oldest first by cursor, serving an oversized page at the cap", async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await submittedApplicant()).vendorId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await call(admin, "GET", `/vendors?status=submitted&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      expect(page.body.items.every((v: { status: string }) => v.status === "submitted")).toBe(true);
      seen.push(...page.body.items.map((v: { id: string }) => v.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => mine.includes(id))).toEqual(mine);
    expect((await call(admin, "GET", "/vendors?status=submitted&limit=5000")).status).toBe(200);
    expect((await call(admin, "GET", "/vendors?status=bogus")).body.errors.map((e: { field: string }) => e.field)).toEqual(["status"]);
  });
});

const pdf = new TextEncoder().encode("%PDF-1.4\n% a tiny test document\n%%EOF\n");

describe("KYC documents", () => {
  it("uploads a small PDF through the presigned POST, and the storage refuses an oversized or mistyped one", async () => {
    const { user, vendorId } = await applicant();
    const requested = await call(user, "POST", "/vendors/me/kyc-documents", { fileName: "../Passport scan.pdf", contentType: "application/pdf", size: pdf.byteLength });
    expect(requested.status).toBe(201);
    expect(requested.body.document).toMatchObject({ id: expect.stringMatching(/^kyc_/), vendorId, contentType: "application/pdf", status: "pending" });
    expect(requested.body.upload.fields.key).toBe(`vendors/${vendorId}/kyc/${requested.body.document.id}-Passport_scan.pdf`);
    expect((await postToStorage(requested.body.upload, pdf)).status).toBe(204);

    const big = await call(user, "POST", "/vendors/me/kyc-documents", { fileName: "big.pdf", contentType: "application/pdf", size: 10 * 1024 * 1024 });
    const tooLarge = await postToStorage(big.body.upload, new Uint8Array(10 * 1024 * 1024 + 1));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain("EntityTooLarge");

    const mistyped = await call(user, "POST", "/vendors/me/kyc-documents", { fileName: "scan.pdf", contentType: "application/pdf", size: 100 });
    const wrongType = await postToStorage(mistyped.body.upload, pdf, { "Content-Type": "text/html" });
    expect(wrongType.status).toBe(403);
    expect(wrongType.text).toContain("Policy Condition failed");
    const elsewhere = await postToStorage(mistyped.body.upload, pdf, { key: `vendors/${vendorId}/kyc/other.pdf` });
    expect(elsewhere.status).toBe(403);

    const refused = await call(user, "POST", "/vendors/me/kyc-documents", { fileName: "x.exe", contentType: "application/x-msdownload", size: 10 * 1024 * 1024 + 1 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["contentType", "size"]);
    expect((await call(user, "GET", `/vendors/${vendorId}/kyc-documents`)).body.items).toHaveLength(3);
  });

  it("gives an admin a short-lived download URL, and nobody else", async () => {
    const { user, vendorId } = await applicant();
    const requested = await call(user, "POST", "/vendors/me/kyc-documents", { fileName: "registration.pdf", contentType: "application/pdf", size: pdf.byteLength });
    expect((await postToStorage(requested.body.upload, pdf)).status).toBe(204);
    const path = `/vendors/${vendorId}/kyc-documents/${requested.body.document.id}/download-url`;

    const granted = await call(admin, "GET", path);
    expect(granted.status).toBe(200);
    expect(granted.body.download.url).toContain("X-Amz-Expires=60");
    const downloaded = await fetch(granted.body.download.url);
    expect(downloaded.status).toBe(200);
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(pdf);

    expect((await call(user, "GET", path)).status).toBe(403);
    expect((await call(await createTestUser(["customer"]), "GET", path)).status).toBe(403);
    expect((await call(admin, "GET", `/vendors/${vendorId}/kyc-documents/kyc_00000000000000000000000000/download-url`)).status).toBe(404);
  });
});

describe("payouts through Stripe Connect", () => {
  const webhookSecret = "whsec_local_dev_only";
  const stripe = new Stripe("sk_test_123");
  const accountUpdated = (accountId: string, enabled: boolean, eventId = `evt_test_${crypto.randomUUID().replaceAll("-", "")}`) =>
    JSON.stringify({
      id: eventId,
      object: "event",
      type: "account.updated",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      api_version: "2024-06-20",
      data: { object: { id: accountId, object: "account", charges_enabled: enabled, payouts_enabled: enabled } },
    });
  const deliver = (payload: string, secret = webhookSecret) =>
    call(undefined, "POST", "/webhooks/stripe", payload, { "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret }) });

  // stripe-mock answers every account creation with the same canned id, so only this test
  // opens one through it; the webhook tests give their vendor an account id of their own.
  it("opens one Express account for an approved vendor and a fresh onboarding link on each request", async () => {
    const draft = await applicant();
    expect((await call(draft.user, "POST", "/vendors/me/payout-account")).status).toBe(409);

    const { user, vendorId } = await approvedVendor();
    const opened = await call(user, "POST", "/vendors/me/payout-account");
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ vendorId, accountId: expect.stringMatching(/^acct_/), onboardingUrl: expect.stringMatching(/^https?:\/\//) });
    const again = await call(user, "POST", "/vendors/me/payout-account");
    expect(again.status).toBe(200);
    expect(again.body.accountId).toBe(opened.body.accountId);
    expect((await call(user, "GET", "/vendors/me")).body).toMatchObject({ payouts: { accountCreated: true, payoutsEnabled: false }, canPublishProducts: false });
  });

  async function vendorWithConnectAccount() {
    const vendor = await approvedVendor();
    const accountId = `acct_test${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
    await db.query("update vendors set stripe_account_id = $1 where id = $2", [accountId, vendor.vendorId]);
    return { ...vendor, accountId };
  }

  it("lets a vendor publish once a signed account.updated enables payouts, applying the same event once", async () => {
    const { user, vendorId, accountId } = await vendorWithConnectAccount();
    const event = accountUpdated(accountId, true);
    const first = await deliver(event);
    expect(first).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    expect((await call(user, "GET", "/vendors/me")).body).toMatchObject({ payouts: { chargesEnabled: true, payoutsEnabled: true }, canPublishProducts: true });
    expect((await call(admin, "GET", `/vendors/${vendorId}`)).body.canPublishProducts).toBe(true);

    expect((await deliver(event)).body).toMatchObject({ received: true, duplicate: true });
    expect(await rows("select 1 from inbox where event_id = $1", [JSON.parse(event).id])).toHaveLength(1);

    const disabled = await deliver(accountUpdated(accountId, false));
    expect(disabled.body.duplicate).toBe(false);
    expect((await call(user, "GET", "/vendors/me")).body).toMatchObject({ canPublishProducts: false, cannotPublishReason: expect.stringContaining("Payouts") });
    // A fresh event reporting the state already held announces nothing.
    expect((await deliver(accountUpdated(accountId, false))).body.duplicate).toBe(false);

    const payoutEvents = await rows<{ event: { type: string; data: Record<string, unknown> } }>(
      "select event from outbox where partition_key = $1 and topic = 'vendor.payouts_updated' order by seq",
      [vendorId],
    );
    expect(payoutEvents.map((e) => e.event)).toEqual([
      expect.objectContaining({ type: "vendor.payouts_updated.v1", data: expect.objectContaining({ vendorId, ownerId: user.id, chargesEnabled: true, payoutsEnabled: true }) }),
      expect.objectContaining({ type: "vendor.payouts_updated.v1", data: expect.objectContaining({ vendorId, ownerId: user.id, chargesEnabled: false, payoutsEnabled: false }) }),
    ]);
    await waitFor(async () => (await rows("select 1 from outbox where partition_key = $1 and published_at is null", [vendorId])).length === 0, {
      what: "the relay to publish vendor.payouts_updated through the sidecar",
    });
  });

  it("refuses a webhook whose signature does not verify, and changes nothing", async () => {
    const { user, accountId } = await vendorWithConnectAccount();
    const forged = accountUpdated(accountId, true);
    const answer = await deliver(forged, "whsec_someone_else");
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("bad_request");
    expect((await call(undefined, "POST", "/webhooks/stripe", forged)).status).toBe(400);
    expect(await rows("select 1 from inbox where event_id = $1", [JSON.parse(forged).id])).toHaveLength(0);
    expect((await call(user, "GET", "/vendors/me")).body).toMatchObject({ payouts: { payoutsEnabled: false }, canPublishProducts: false });
  });
});
