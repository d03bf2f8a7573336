import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, infra, signedAccountUpdated, waitFor } from "@market/testing";
import { apiClient, localWebhookSecret, rolesOf, signUp, vendorApplication, type Call } from "./clients.ts";
import { startStack, type Stack } from "./platform.ts";

// Issue 3's journey, as clients would live it, through the public ingress and real
// Keycloak tokens: a customer signs up; a second person becomes a vendor with a KYC
// document in the object store, an admin's approval, the vendor role and Stripe payouts.

let stack: Stack | undefined;
let call: Call;

beforeAll(async () => {
  stack = await startStack(["auth", "user", "vendor"]);
  call = apiClient(stack.api);
});
afterAll(async () => stack?.stop());

describe(`onboarding through the public ingress (pub/sub on ${infra.pubsub})`, () => {
  it("a customer signs up and finds their profile; a vendor is approved, gets the role and payouts", async () => {
    // A customer signs up and logs in; the profile exists, made from user.registered.
    const customer = await signUp(call, "Cody Customer");
    const customerToken = await customer.token();
    expect(rolesOf(customerToken)).toContain("customer");
    const profile = await waitFor(async () => {
      const answer = await call("GET", "/user/users/me", customerToken);
      return answer.status === 200 && answer.body;
    }, { what: "the customer's profile" });
    expect(profile).toMatchObject({ id: customer.id, displayName: "Cody Customer" });

    // A second person applies as a vendor and uploads a KYC document straight to storage.
    const vera = await signUp(call, "Vera Vendor");
    let veraToken = await vera.token();
    const applied = await call("POST", "/vendor/vendors", veraToken, vendorApplication(vera, "Vera's Goods"));
    expect(applied.status).toBe(201);
    const vendorId = applied.body.id as string;
    expect((await call("POST", "/vendor/vendors/me/submit", veraToken)).status).toBe(200);
    expect((await call("POST", `/vendor/vendors/${vendorId}/approve`, customerToken)).status).toBe(403);

    const pdf = new TextEncoder().encode("%PDF-1.4\n% a registration certificate\n%%EOF\n");
    const kyc = await call("POST", "/vendor/vendors/me/kyc-documents", veraToken, { fileName: "registration.pdf", contentType: "application/pdf", size: pdf.byteLength });
    expect(kyc.status).toBe(201);
    const form = new FormData();
    for (const [name, value] of Object.entries(kyc.body.upload.fields as Record<string, string>)) form.append(name, value);
    form.append("file", new Blob([pdf], { type: "application/pdf" }));
    expect((await fetch(kyc.body.upload.url, { method: "POST", body: form })).status).toBe(204);

    // An admin approves; the vendor role arrives through vendor.approved → auth.
    const admin = await createTestUser(["admin"]);
    const adminToken = await admin.token();
    const download = await call("GET", `/vendor/vendors/${vendorId}/kyc-documents/${kyc.body.document.id}/download-url`, adminToken);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await (await fetch(download.body.download.url)).arrayBuffer())).toEqual(pdf);
    expect((await call("POST", `/vendor/vendors/${vendorId}/approve`, adminToken)).status).toBe(200);
    veraToken = await waitFor(async () => {
      const token = await vera.token();
      return rolesOf(token).includes("vendor") && token;
    }, { what: "the vendor role in Vera's next token" });

    // Payouts: an Express account on Stripe (stripe-mock), then the signed account.updated.
    const payout = await call("POST", "/vendor/vendors/me/payout-account", veraToken);
    expect(payout.status).toBe(201);
    expect((await call("GET", "/vendor/vendors/me", veraToken)).body).toMatchObject({ canPublishProducts: false });
    const forged = signedAccountUpdated(payout.body.accountId, "whsec_someone_else");
    expect((await call("POST", "/vendor/webhooks/stripe", undefined, forged.payload, forged.headers)).status).toBe(400);
    const signed = signedAccountUpdated(payout.body.accountId, localWebhookSecret);
    expect((await call("POST", "/vendor/webhooks/stripe", undefined, signed.payload, signed.headers)).status).toBe(200);
    expect((await call("GET", "/vendor/vendors/me", veraToken)).body).toMatchObject({ payouts: { payoutsEnabled: true }, canPublishProducts: true });
  });
});
