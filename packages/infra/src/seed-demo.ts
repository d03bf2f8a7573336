// Demo data for a local platform, made through the public API as a client would: three
// people sign up (password "demo-password"); the admin is made admin in Keycloak (someone
// has to be first); the vendor applies and the admin approves, so the vendor role arrives
// through vendor.approved. Idempotent: run it again and it changes nothing.
import { infra, passwordToken, serviceToken, waitFor } from "@market/testing";

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
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
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

for (const [role, person] of Object.entries(people)) console.log(`demo: ${person.email} (${role}), password ${password}`);
