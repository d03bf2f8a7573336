import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, infra, waitFor } from "@market/testing";
import { startTracerPlatform, type TracerPlatform } from "./platform.ts";

let platform: TracerPlatform;

beforeAll(async () => {
  platform = await startTracerPlatform();
});
afterAll(async () => platform?.stop());

async function registerDirect(token: string) {
  // Straight to the user app: this test is about the subscriber's sidecar, not the ingress.
  const res = await fetch(`${platform.user.url}/users/me`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ displayName: "Grace Hopper" }),
  });
  expect(res.status).toBe(201);
}

describe(`the subscriber's sidecar dies mid-flow (pub/sub on ${infra.pubsub})`, () => {
  it("loses no event and applies none twice", async () => {
    const users = await Promise.all(Array.from({ length: 12 }, () => createTestUser()));
    const tokens = await Promise.all(users.map((u) => u.token()));
    const db = new pg.Client({ connectionString: platform.notification.database!.url });
    await db.connect();
    const count = async () => Number((await db.query("select count(*) from feed_items")).rows[0].count);

    for (const token of tokens.slice(0, 4)) await registerDirect(token);
    await waitFor(async () => (await count()) >= 1, { what: "the first events to arrive" });

    await platform.notification.sidecar.kill();
    for (const token of tokens.slice(4, 8)) await registerDirect(token);
    await platform.notification.sidecar.restart();
    for (const token of tokens.slice(8)) await registerDirect(token);

    await waitFor(async () => (await count()) >= users.length, { what: "all 12 welcomes", timeoutMs: 90_000 });
    // Redeliveries after the crash may still be in flight; give them a moment to (not) land.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const perUser = await db.query("select user_id, count(*)::int as n from feed_items group by user_id");
    await db.end();
    expect(perUser.rows).toHaveLength(users.length);
    expect(perUser.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
  });
});
