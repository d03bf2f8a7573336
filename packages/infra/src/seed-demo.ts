// Demo data for a local platform: one admin, one vendor, one customer in Keycloak (password
// "demo-password"), each with a profile registered through the public ingress. Idempotent.
import { infra, serviceToken } from "@market/testing";

const api = process.env.API_URL ?? "http://127.0.0.1:8080/api";
const admin = `${infra.keycloakUrl}/admin/realms/${infra.realm}`;
const people = [
  { email: "admin@marketplace.local", name: "Avery Admin", roles: ["admin"] },
  { email: "vendor@marketplace.local", name: "Vera Vendor", roles: ["vendor"] },
  { email: "customer@marketplace.local", name: "Cody Customer", roles: [] },
];

const headers = { authorization: `Bearer ${await serviceToken()}`, "content-type": "application/json" };
for (const person of people) {
  const [first, last] = person.name.split(" ");
  const created = await fetch(`${admin}/users`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username: person.email, email: person.email, emailVerified: true, enabled: true, firstName: first, lastName: last, credentials: [{ type: "password", value: "demo-password", temporary: false }] }),
  });
  if (created.status !== 201 && created.status !== 409) throw new Error(`creating ${person.email}: ${created.status} ${await created.text()}`);
  const [user] = (await (await fetch(`${admin}/users?exact=true&username=${encodeURIComponent(person.email)}`, { headers })).json()) as Array<{ id: string }>;
  if (person.roles.length) {
    const roles = await Promise.all(person.roles.map(async (r) => (await fetch(`${admin}/roles/${r}`, { headers })).json()));
    await fetch(`${admin}/users/${user!.id}/role-mappings/realm`, { method: "POST", headers, body: JSON.stringify(roles) });
  }
  const token = await fetch(`${infra.keycloakUrl}/realms/${infra.realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "market-tests", client_secret: "market-tests-dev-secret", username: person.email, password: "demo-password" }),
  });
  const { access_token } = (await token.json()) as { access_token: string };
  const profile = await fetch(`${api}/user/users/me`, {
    method: "POST",
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ displayName: person.name }),
  });
  if (profile.status !== 201 && profile.status !== 409) throw new Error(`registering ${person.email}: ${profile.status} ${await profile.text()}`);
  console.log(`demo: ${person.email} (${person.roles.join(", ") || "customer"}) ready`);
}
