import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, infra, waitFor, type TestUser } from "@market/testing";
import { startTracerPlatform, type TracerPlatform } from "./platform.ts";

let platform: TracerPlatform;

beforeAll(async () => {
  platform = await startTracerPlatform();
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

async function register(user: TestUser, displayName = "Ada Lovelace") {
  return fetch(`${platform.api}/user/users/me`, {
    method: "POST",
    headers: { authorization: `Bearer ${await user.token()}`, "content-type": "application/json" },
    body: JSON.stringify({ displayName, locale: "en" }),
  });
}

async function feedOf(user: TestUser) {
  const res = await fetch(`${platform.api}/notification/notifications/feed`, { headers: { authorization: `Bearer ${await user.token()}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Array<{ kind: string; title: string }> }).items;
}

describe(`user registration reaches the notification service (pub/sub on ${infra.pubsub})`, () => {
  it("a registration through the ingress becomes one welcome in the user's feed and one email", async () => {
    const user = await createTestUser();
    const res = await register(user);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ id: user.id, email: user.email, displayName: "Ada Lovelace" });

    // The profile and its event were written in one transaction.
    const [event] = await query<{ event_id: string; topic: string }>(platform.user.database!.url, "select event_id, topic from outbox where partition_key = $1", [user.id]);
    expect(event?.topic).toBe("user.registered");

    const feed = await waitFor(async () => {
      const items = await feedOf(user);
      return items.length > 0 && items;
    }, { what: "the welcome feed item" });
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ kind: "welcome" });

    const applied = await query<{ event_id: string }>(platform.notification.database!.url, "select event_id from inbox");
    expect(applied.map((r) => r.event_id)).toContain(event!.event_id);

    const mail = await waitFor(async () => {
      const res = await fetch(`${infra.smtpApiUrl}/email`);
      const all = (await res.json()) as Array<{ subject: string; to: Array<{ address: string }> }>;
      return all.find((m) => m.to.some((t) => t.address === user.email));
    }, { what: "the welcome email in the SMTP sink" });
    expect(mail.subject).toBe("Welcome to the marketplace");
  });

  it("a second registration of the same account is refused and publishes nothing", async () => {
    const user = await createTestUser();
    expect((await register(user)).status).toBe(201);
    const again = await register(user, "Someone Else");
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
    const events = await query(platform.user.database!.url, "select 1 from outbox where partition_key = $1", [user.id]);
    expect(events).toHaveLength(1);
  });

  it("an event delivered twice is applied once", async () => {
    const user = await createTestUser();
    expect((await register(user)).status).toBe(201);
    await waitFor(async () => (await feedOf(user)).length === 1, { what: "the first delivery" });
    const [row] = await query<{ event: object }>(platform.user.database!.url, "select event from outbox where partition_key = $1", [user.id]);

    // Publish the very same CloudEvent again through the user's sidecar, as a retry would.
    const republished = await fetch(`http://127.0.0.1:${platform.user.sidecar.httpPort}/v1.0/publish/pubsub/user.registered`, {
      method: "POST",
      headers: { "content-type": "application/cloudevents+json" },
      body: JSON.stringify(row!.event),
    });
    expect(republished.status).toBe(204);
    // A later event proves the duplicate was consumed before we count.
    const marker = await createTestUser();
    expect((await register(marker)).status).toBe(201);
    await waitFor(async () => (await feedOf(marker)).length === 1, { what: "the marker's delivery" });
    expect(await feedOf(user)).toHaveLength(1);
  });

  it("a profile update with bad input names the field and changes nothing", async () => {
    const user = await createTestUser();
    const res = await fetch(`${platform.api}/user/users/me`, {
      method: "POST",
      headers: { authorization: `Bearer ${await user.token()}`, "content-type": "application/json" },
      body: JSON.stringify({ displayName: "", locale: "english", roles: ["admin"] }),
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["displayName", "locale", "roles"]);
    expect(await query(platform.user.database!.url, "select 1 from profiles where id = $1", [user.id])).toHaveLength(0);
  });

  it("the ingress refuses anonymous reads, unknown services and oversized bodies", async () => {
    expect((await fetch(`${platform.api}/user/users/me`)).status).toBe(401);
    expect((await fetch(`${platform.api}/payments-admin/anything`)).status).toBe(404);
    const big = await fetch(`${platform.api}/user/users/me`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "x".repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
  });
});
