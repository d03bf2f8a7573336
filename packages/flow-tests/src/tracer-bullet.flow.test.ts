import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRegistered } from "@market/contracts";
import { infra, passwordToken, publishThrough, waitFor } from "@market/testing";
import { startTracer, type Tracer } from "./platform.ts";

let platform: Tracer;

beforeAll(async () => {
  platform = await startTracer();
});
afterAll(async () => platform?.stop());

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

interface Account {
  email: string;
  password: string;
  displayName: string;
}
const newAccount = (): Account => ({ email: `ada-${randomUUID()}@example.test`, password: `pw-${randomUUID()}`, displayName: "Ada Lovelace" });

/** A customer signs up through the public ingress. */
async function register(account: Account) {
  return fetch(`${platform.api}/auth/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(account) });
}

async function get(path: string, account: Account) {
  return fetch(`${platform.api}${path}`, { headers: { authorization: `Bearer ${await passwordToken(account.email, account.password)}` } });
}

async function feedOf(account: Account) {
  const res = await get("/notification/notifications/feed", account);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ kind: string; title: string }> }).items;
}

describe(`a registration reaches the user and notification services (pub/sub on ${infra.pubsub})`, () => {
  it("a sign-up through the ingress becomes a profile, one welcome in the feed and one email", async () => {
    const account = newAccount();
    const res = await register(account);
    expect(res.status).toBe(201);
    const { userId } = (await res.json()) as { userId: string };

    // The event was written to the auth service's outbox in its own transaction.
    const [event] = await query<{ event_id: string; topic: string }>(platform.auth.database!.url, "select event_id, topic from outbox where partition_key = $1", [userId]);
    expect(event?.topic).toBe("user.registered");

    const profile = await waitFor(async () => {
      const answer = await get("/user/users/me", account);
      return answer.status === 200 && ((await answer.json()) as { id: string; displayName: string });
    }, { what: "the profile made from the event" });
    expect(profile).toMatchObject({ id: userId, displayName: "Ada Lovelace" });

    const feed = await waitFor(async () => {
      const items = await feedOf(account);
      return items.length > 0 && items;
    }, { what: "the welcome feed item" });
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ kind: "welcome" });
    const applied = await query<{ event_id: string }>(platform.notification.database!.url, "select event_id from inbox where event_id = $1", [event!.event_id]);
    expect(applied).toHaveLength(1);

    const mail = await waitFor(async () => {
      const all = (await (await fetch(`${infra.smtpApiUrl}/email`)).json()) as Array<{ subject: string; to: Array<{ address: string }> }>;
      return all.find((m) => m.to.some((t) => t.address === account.email));
    }, { what: "the welcome email in the SMTP sink" });
    expect(mail.subject).toBe("Welcome to the marketplace");
  });

  it("a second sign-up with the same email is refused and publishes nothing", async () => {
    const account = newAccount();
    const first = await register(account);
    expect(first.status).toBe(201);
    const { userId } = (await first.json()) as { userId: string };
    const again = await register({ ...account, displayName: "Someone Else" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
    expect(await query(platform.auth.database!.url, "select 1 from outbox where partition_key = $1", [userId])).toHaveLength(1);
  });

  it("an event delivered twice is applied once", async () => {
    const account = newAccount();
    const { userId } = (await (await register(account)).json()) as { userId: string };
    await waitFor(async () => (await feedOf(account)).length === 1, { what: "the first delivery" });
    const [row] = await query<{ event: object }>(platform.auth.database!.url, "select event from outbox where partition_key = $1", [userId]);

    // The very same CloudEvent again, as a relay retry after a crash would send it.
    await publishThrough(platform.auth.sidecar.httpPort, userRegistered, row!.event, userId);
    // A later event proves the duplicate was consumed before we count.
    const marker = newAccount();
    expect((await register(marker)).status).toBe(201);
    await waitFor(async () => (await feedOf(marker)).length === 1, { what: "the marker's delivery" });
    expect(await feedOf(account)).toHaveLength(1);
  });

  it("a sign-up with bad input names each field and creates nothing", async () => {
    const email = `bad-${randomUUID()}@example.test`;
    const res = await fetch(`${platform.api}/auth/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "short", displayName: "", roles: ["admin"] }),
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["displayName", "password", "roles"]);
    expect(await query(platform.auth.database!.url, "select 1 from outbox where event->'data'->>'email' = $1", [email])).toHaveLength(0);
  });

  it("the ingress refuses anonymous reads, unknown services and oversized bodies", async () => {
    expect((await fetch(`${platform.api}/user/users/me`)).status).toBe(401);
    expect((await fetch(`${platform.api}/payments-admin/anything`)).status).toBe(404);
    const big = await fetch(`${platform.api}/auth/auth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "x".repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
  });
});
