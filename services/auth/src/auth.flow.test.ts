import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorApproved, vendorSuspended, type Topic } from "@market/contracts";
import { newId } from "@market/kit";
import { createTestUser, infra, serviceToken, startTestService, waitFor, type TestService } from "@market/testing";
import { startAuthService } from "./main.ts";

// The auth service beside a real daprd, against the real Keycloak realm, Postgres and Redis.
// Every request names a fresh client address (x-forwarded-for, trusted from loopback as
// from the ingress's sidecar), so rate limits count only what each test sends.

const limits = { registerPerIp: 3, perAccount: 3 };
let auth: TestService;

beforeAll(async () => {
  auth = await startTestService({
    appId: "auth",
    start: startAuthService,
    env: { RATE_LIMIT_REGISTER_PER_IP: String(limits.registerPerIp), RATE_LIMIT_PER_ACCOUNT: String(limits.perAccount) },
  });
});
afterAll(async () => auth?.stop());

interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  expires_in: number;
}

const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const newAccount = () => ({ email: `auth-${randomUUID()}@example.test`, password: `pw-${randomUUID()}`, displayName: "Ada Lovelace" });

function call(path: string, init: { method?: string; body?: unknown; token?: string; from?: string } = {}) {
  return fetch(`${auth.url}${path}`, {
    method: init.method ?? "GET",
    redirect: "manual",
    headers: {
      "x-forwarded-for": init.from ?? someAddress(),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

const register = (account: object, from?: string) => call("/auth/register", { method: "POST", body: account, ...(from ? { from } : {}) });

async function keycloakAdmin<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${infra.keycloakUrl}/admin/realms/${infra.realm}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${await serviceToken()}`, "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
const usersWithEmail = (email: string) => keycloakAdmin<Array<{ id: string }>>(`/users?email=${encodeURIComponent(email)}&exact=true`);
const realmRolesOf = async (userId: string) => (await keycloakAdmin<Array<{ name: string }>>(`/users/${userId}/role-mappings/realm/composite`)).map((r) => r.name);

async function outboxOf(userId: string) {
  const db = new pg.Client({ connectionString: auth.database!.url });
  await db.connect();
  try {
    return (await db.query("select topic, event, published_at from outbox where partition_key = $1", [userId])).rows as Array<{ topic: string; event: { data: object }; published_at: Date | null }>;
  } finally {
    await db.end();
  }
}

async function me(token: string) {
  const res = await call("/auth/me", { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; email: string; name: string; roles: string[] };
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((cookie) => cookie.split(";")[0]).join("; ");
const htmlDecoded = (value: string) => value.replaceAll("&amp;", "&").replaceAll("&#x3D;", "=").replaceAll("&quot;", '"');

/** What a browser does: our /auth/login, Keycloak's login form, and back to our callback with the code. */
async function browserLogin(email: string, password: string) {
  const from = someAddress();
  const start = await call(`/auth/login?redirect_uri=${encodeURIComponent(`${auth.url}/auth/callback`)}`, { from });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get("location")!);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("client_id")).toBe("storefront");

  const page = await fetch(authorize, { redirect: "manual" });
  expect(page.status).toBe(200);
  const action = /<form\b[^>]*\bid="kc-form-login"[^>]*>/.exec(await page.text())?.[0].match(/\baction="([^"]+)"/)?.[1];
  expect(action, "Keycloak's login form").toBeDefined();
  const submitted = await fetch(htmlDecoded(action!), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(page) },
    body: new URLSearchParams({ username: email, password, credentialId: "" }),
  });
  expect(submitted.status).toBe(302);
  const callback = new URL(submitted.headers.get("location")!);
  expect(callback.pathname).toBe("/auth/callback");
  const res = await call(`${callback.pathname}${callback.search}`, { from });
  return { res, callback };
}

async function registeredAndLoggedIn() {
  const account = newAccount();
  const created = await register(account);
  expect(created.status).toBe(201);
  const { userId } = (await created.json()) as { userId: string };
  const { res } = await browserLogin(account.email, account.password);
  expect(res.status).toBe(200);
  return { userId, account, tokens: (await res.json()) as Tokens };
}

describe("registration", () => {
  it("creates a Keycloak customer and publishes user.registered through the outbox", async () => {
    const account = newAccount();
    const res = await register({ ...account, locale: "de-DE" });
    expect(res.status).toBe(201);
    const { userId } = (await res.json()) as { userId: string };

    expect((await usersWithEmail(account.email)).map((u) => u.id)).toEqual([userId]);
    expect(await realmRolesOf(userId)).toContain("customer");
    const [row] = await waitFor(async () => {
      const rows = await outboxOf(userId);
      return rows[0]?.published_at && rows;
    }, { what: "the user.registered event to be published" });
    expect(row!.topic).toBe("user.registered");
    expect(row!.event.data).toMatchObject({ userId, email: account.email, displayName: "Ada Lovelace", locale: "de-DE" });
  });

  it("refuses an email that is registered already with 409 problem+json", async () => {
    const account = newAccount();
    expect((await register(account)).status).toBe(201);
    const again = await register({ ...account, displayName: "Someone Else" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
  });

  it("names every invalid field, including roles, and creates no Keycloak user", async () => {
    const email = `auth-${randomUUID()}@example.test`;
    const res = await register({ email, password: "short", displayName: "", roles: ["admin"] });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["displayName", "password", "roles"]);
    expect(await usersWithEmail(email)).toEqual([]);
  });
});

describe("browser login", () => {
  it("logs in through Keycloak's login form with PKCE, and the access token works on /auth/me", async () => {
    const { userId, account, tokens } = await registeredAndLoggedIn();
    expect(tokens).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String), id_token: expect.any(String), expires_in: expect.any(Number) });
    expect(await me(tokens.access_token)).toEqual({ id: userId, email: account.email, name: "Ada Lovelace", roles: ["customer"] });
  });

  it("accepts each login's state once, and refuses an unknown one", async () => {
    const account = newAccount();
    expect((await register(account)).status).toBe(201);
    const { res, callback } = await browserLogin(account.email, account.password);
    expect(res.status).toBe(200);
    const replayed = await call(`${callback.pathname}${callback.search}`);
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get("content-type")).toBe("application/problem+json");
    expect((await call(`/auth/callback?code=abc&state=${randomUUID()}`)).status).toBe(400);
  });

  it("sends nobody back to an address outside the allow-list", async () => {
    for (const target of ["https://evil.example/", "http://127.0.0.1:80@evil.example/", "http://localhost.evil.example:3000/"]) {
      const res = await call(`/auth/login?redirect_uri=${encodeURIComponent(target)}`);
      expect(res.status).toBe(422);
    }
  });

  it("refreshes tokens, and after logout the refresh token is refused", async () => {
    const { userId, tokens } = await registeredAndLoggedIn();
    const refreshed = await call("/auth/refresh", { method: "POST", body: { refresh_token: tokens.refresh_token } });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Tokens;
    expect((await me(next.access_token)).id).toBe(userId);

    expect((await call("/auth/logout", { method: "POST", body: { refresh_token: next.refresh_token } })).status).toBe(204);
    const afterLogout = await call("/auth/refresh", { method: "POST", body: { refresh_token: next.refresh_token } });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("roles", () => {
  it("an admin grants vendor and the user's next token carries it; revoking takes it away again", async () => {
    const [admin, user] = await Promise.all([createTestUser(["admin"]), createTestUser()]);
    const adminToken = await admin.token();
    expect((await call(`/auth/users/${user.id}/roles/vendor`, { method: "PUT", token: adminToken })).status).toBe(204);
    expect((await me(await user.token())).roles).toEqual(["customer", "vendor"]);
    expect((await call(`/auth/users/${user.id}/roles/vendor`, { method: "DELETE", token: adminToken })).status).toBe(204);
    expect((await me(await user.token())).roles).toEqual(["customer"]);
  });

  it("a customer cannot grant roles, nobody can grant service, and strangers must sign in", async () => {
    const [admin, customer] = await Promise.all([createTestUser(["admin"]), createTestUser()]);
    expect((await call(`/auth/users/${customer.id}/roles/admin`, { method: "PUT", token: await customer.token() })).status).toBe(403);
    expect((await call(`/auth/users/${customer.id}/roles/service`, { method: "PUT", token: await admin.token() })).status).toBe(422);
    expect((await call(`/auth/users/${customer.id}/roles/vendor`, { method: "PUT" })).status).toBe(401);
    expect(await realmRolesOf(customer.id)).not.toContain("admin");
  });
});

describe(`vendor events (pub/sub on ${infra.pubsub})`, () => {
  // One partition key for every event here, so they are delivered in the order published.
  const partitionKey = randomUUID();

  function vendorEvent(topic: Topic, ownerId: string) {
    const data = { vendorId: newId("vnd"), ownerId, at: new Date().toISOString(), by: randomUUID(), ...(topic === vendorSuspended ? { reason: "fraud review" } : {}) };
    return { specversion: "1.0", id: newId("evt"), source: "vendor", type: topic.type, time: new Date().toISOString(), datacontenttype: "application/json", subject: data.vendorId, data };
  }

  async function publish(topic: Topic, event: object) {
    const res = await fetch(`http://127.0.0.1:${auth.sidecar.httpPort}/v1.0/publish/pubsub/${topic.name}?metadata.partitionKey=${partitionKey}`, {
      method: "POST",
      headers: { "content-type": "application/cloudevents+json" },
      body: JSON.stringify(event),
    });
    expect(res.status).toBe(204);
  }

  /** Publishes an approval for a fresh user and waits for it: everything published before has been handled. */
  async function marker() {
    const user = await createTestUser();
    await publish(vendorApproved, vendorEvent(vendorApproved, user.id));
    await waitFor(async () => (await realmRolesOf(user.id)).includes("vendor"), { what: "the marker approval" });
  }

  it("vendor.approved delivered twice grants vendor once", async () => {
    const owner = await createTestUser();
    const approval = vendorEvent(vendorApproved, owner.id);
    await publish(vendorApproved, approval);
    await publish(vendorApproved, approval);
    await waitFor(async () => (await realmRolesOf(owner.id)).includes("vendor"), { what: "the vendor role to be granted" });

    // Proof that a redelivery changes nothing: take the role away by hand and deliver the
    // same event a third time; once a later event is through, the role is still gone.
    await keycloakAdmin(`/users/${owner.id}/role-mappings/realm`, { method: "DELETE", body: [await keycloakAdmin("/roles/vendor")] });
    await publish(vendorApproved, approval);
    await marker();
    expect(await realmRolesOf(owner.id)).not.toContain("vendor");
  });

  it("vendor.suspended takes the vendor role away", async () => {
    const owner = await createTestUser(["vendor"]);
    await publish(vendorSuspended, vendorEvent(vendorSuspended, owner.id));
    await waitFor(async () => !(await realmRolesOf(owner.id)).includes("vendor"), { what: "the vendor role to be revoked" });
    expect(await realmRolesOf(owner.id)).toContain("customer");
  });
});

describe("rate limits", () => {
  it("refuses the registration after the limit from one address with 429 and Retry-After, creating no user", async () => {
    const from = someAddress();
    for (let i = 0; i < limits.registerPerIp; i++) expect((await register(newAccount(), from)).status).toBe(201);
    const account = newAccount();
    const refused = await register(account, from);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await usersWithEmail(account.email)).toEqual([]);
  });

  it("refuses attempts on one account past its limit, whichever addresses they come from", async () => {
    const account = newAccount();
    const statuses: number[] = [];
    for (let i = 0; i <= limits.perAccount; i++) statuses.push((await register(account)).status);
    expect(statuses).toEqual([201, ...Array(limits.perAccount - 1).fill(409), 429]);
  });
});
