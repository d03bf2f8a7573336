import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { passwordToken, signedAccountUpdated, waitFor } from "@market/testing";

// What the journeys do as clients of the public ingress: call a route, sign up, become a
// vendor that can sell. Each journey file keeps the assertions that are its point.

export interface Answer {
  status: number;
  body: any;
}
export type Call = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

/** Calls `${api}${path}`; a string body is sent as is, anything else as JSON. */
export function apiClient(api: string): Call {
  return async (method, path, token, body, headers = {}) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
}

export interface Person {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token(): Promise<string>;
}

/** Registers through the auth service, as a storefront would. */
export async function signUp(call: Call, displayName: string): Promise<Person> {
  const account = { email: `${displayName.toLowerCase().replace(/\W/g, "")}-${randomUUID()}@example.test`, password: `pw-${randomUUID()}`, displayName };
  const registered = await call("POST", "/auth/auth/register", undefined, account);
  expect(registered.status).toBe(201);
  return { ...account, id: registered.body.userId as string, token: () => passwordToken(account.email, account.password) };
}

export const rolesOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).realm_access.roles as string[];

export function vendorApplication(person: Person, displayName: string) {
  return {
    legalName: `${displayName} Ltd`,
    displayName,
    taxId: "DE123456789",
    address: { line1: "Invalidenstraße 1", city: "Berlin", postalCode: "10115", country: "DE" },
    contact: { email: person.email },
    categories: ["home"],
  };
}

/** Webhook secret of the local secret store (packages/infra/lib/secrets.sh). */
export const localWebhookSecret = "whsec_local_dev_only";

/**
 * Takes `person` from sign-up to a vendor that may sell: application, admin approval, the
 * vendor role in a fresh token, a Connect account and Stripe's signed account.updated.
 */
export async function becomeSellingVendor(call: Call, person: Person, adminToken: string, displayName: string) {
  let token = await person.token();
  const applied = await call("POST", "/vendor/vendors", token, vendorApplication(person, displayName));
  expect(applied.status).toBe(201);
  const vendorId = applied.body.id as string;
  expect((await call("POST", "/vendor/vendors/me/submit", token)).status).toBe(200);
  expect((await call("POST", `/vendor/vendors/${vendorId}/approve`, adminToken)).status).toBe(200);
  token = await waitFor(async () => {
    const next = await person.token();
    return rolesOf(next).includes("vendor") && next;
  }, { what: `the vendor role in ${displayName}'s next token` });
  const payout = await call("POST", "/vendor/vendors/me/payout-account", token);
  expect(payout.status).toBe(201);
  const webhook = signedAccountUpdated(payout.body.accountId, localWebhookSecret);
  expect((await call("POST", "/vendor/webhooks/stripe", undefined, webhook.payload, webhook.headers)).status).toBe(200);
  return { vendorId, token };
}
