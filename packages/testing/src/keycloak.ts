import { randomUUID } from "node:crypto";
import { infra } from "./infra.ts";

const realmUrl = () => `${infra.keycloakUrl}/realms/${infra.realm}`;
const adminUrl = () => `${infra.keycloakUrl}/admin/realms/${infra.realm}`;

async function form(url: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

/** A token of the realm's confidential auth-service client (client credentials, no user). */
export async function serviceToken(clientId = "auth-service", secret = "auth-service-dev-secret"): Promise<string> {
  const answer = await form(`${realmUrl()}/protocol/openid-connect/token`, { grant_type: "client_credentials", client_id: clientId, client_secret: secret });
  return answer.access_token!;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  /** A fresh access token (password grant through the tests-only client). */
  token(): Promise<string>;
}

/** An access token for a user's own credentials (password grant through the tests-only client). */
export async function passwordToken(username: string, password: string): Promise<string> {
  const answer = await form(`${realmUrl()}/protocol/openid-connect/token`, {
    grant_type: "password",
    client_id: "market-tests",
    client_secret: "market-tests-dev-secret",
    username,
    password,
    scope: "openid",
  });
  return answer.access_token!;
}

/** Creates a real Keycloak user with the given realm roles. Unique per call. */
export async function createTestUser(roles: string[] = ["customer"], name = "Test User"): Promise<TestUser> {
  const admin = await serviceToken();
  const headers = { authorization: `Bearer ${admin}`, "content-type": "application/json" };
  const email = `user-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const [firstName, ...rest] = name.split(" ");
  const created = await fetch(`${adminUrl()}/users`, {
    method: "POST",
    headers,
    body: JSON.stringify({ username: email, email, emailVerified: true, enabled: true, firstName, lastName: rest.join(" ") || "User", credentials: [{ type: "password", value: password, temporary: false }] }),
  });
  if (created.status !== 201) throw new Error(`creating a Keycloak user failed: ${created.status} ${await created.text()}`);
  const id = created.headers.get("location")!.split("/").pop()!;
  const extra = roles.filter((r) => r !== "customer");
  if (extra.length) {
    const found = await Promise.all(extra.map(async (r) => (await fetch(`${adminUrl()}/roles/${r}`, { headers })).json()));
    const granted = await fetch(`${adminUrl()}/users/${id}/role-mappings/realm`, { method: "POST", headers, body: JSON.stringify(found) });
    if (!granted.ok) throw new Error(`granting ${extra.join(",")} failed: ${granted.status}`);
  }
  return {
    id,
    email,
    password,
    token: () => passwordToken(email, password),
  };
}
