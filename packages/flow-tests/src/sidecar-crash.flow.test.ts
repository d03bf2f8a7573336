import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { infra, waitFor } from "@market/testing";
import { startTracer, type Tracer } from "./platform.ts";

let platform: Tracer;

beforeAll(async () => {
  platform = await startTracer();
});
afterAll(async () => platform?.stop());

async function registerDirect(email: string): Promise<string> {
  // Straight to the auth app: this test is about the subscriber's sidecar, not the ingress.
  const res = await fetch(`${platform.auth.url}/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: `pw-${randomUUID()}`, displayName: "Grace Hopper" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { userId: string }).userId;
}

describe(`the subscriber's sidecar dies mid-flow (pub/sub on ${infra.pubsub})`, () => {
  it("loses no event and applies none twice", async () => {
    const emails = Array.from({ length: 12 }, () => `grace-${randomUUID()}@example.test`);
    const ids: string[] = [];
    const db = new pg.Client({ connectionString: platform.notification.database!.url });
    await db.connect();
    // The broker is shared with other tests' events: count only this test's users.
    const count = async () => Number((await db.query("select count(*) from feed_items where user_id = any($1)", [ids])).rows[0].count);

    for (const email of emails.slice(0, 4)) ids.push(await registerDirect(email));
    await waitFor(async () => (await count()) >= 1, { what: "the first events to arrive" });

    await platform.notification.sidecar.kill();
    for (const email of emails.slice(4, 8)) ids.push(await registerDirect(email));
    await platform.notification.sidecar.restart();
    for (const email of emails.slice(8)) ids.push(await registerDirect(email));

    await waitFor(async () => (await count()) >= emails.length, { what: "all 12 welcomes", timeoutMs: 90_000 });
    // Redeliveries after the crash may still be in flight; give them a moment to (not) land.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const perUser = await db.query("select user_id, count(*)::int as n from feed_items where user_id = any($1) group by user_id", [ids]);
    await db.end();
    expect(perUser.rows).toHaveLength(emails.length);
    expect(perUser.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
  });
});
