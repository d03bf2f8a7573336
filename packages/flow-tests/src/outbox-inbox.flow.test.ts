import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRegistered } from "@market/contracts";
import { applyOnce, createDb, createLogger, enqueueEvent, migrateDatabase, outbox, startOutboxRelay, type CloudEvent, type Dapr, type Database } from "@market/kit";
import { createTestDatabase, type TestDatabase } from "@market/testing";

// The relay's ordering, retry and locking rules against a real Postgres. The publisher is
// a recorder that can be told to fail: what is under test is what the relay does then.

const log = createLogger("test", "silent");
const migrations = (service: string) => fileURLToPath(new URL(`../../../services/${service}/drizzle`, import.meta.url));
let publisherDatabase: TestDatabase;
let subscriberDatabase: TestDatabase;
let db: Database;
let subscriberDb: Database;

beforeAll(async () => {
  [publisherDatabase, subscriberDatabase] = await Promise.all([createTestDatabase("outbox"), createTestDatabase("inbox")]);
  await migrateDatabase(publisherDatabase.url, migrations("auth"));
  await migrateDatabase(subscriberDatabase.url, migrations("notification"));
  db = createDb(publisherDatabase.url);
  subscriberDb = createDb(subscriberDatabase.url);
});
afterAll(async () => {
  await Promise.all([db?.$client.end(), subscriberDb?.$client.end()]);
  await Promise.all([publisherDatabase?.drop(), subscriberDatabase?.drop()]);
});

function recorder(failFirst = 0) {
  const published: string[] = [];
  let failures = failFirst;
  const dapr = {
    async publish(_topic: string, event: CloudEvent) {
      if (failures > 0) {
        failures--;
        throw new Error("broker unavailable");
      }
      published.push(event.id);
    },
  } as unknown as Dapr;
  return { dapr, published };
}

const data = (n: number) => ({ userId: crypto.randomUUID(), email: `u${n}@example.test`, displayName: `U${n}`, locale: "en", registeredAt: new Date().toISOString() });
const enqueue = (n: number) => db.transaction((tx) => enqueueEvent(tx, userRegistered, data(n), { subject: `s${n}`, source: "test" }));

describe("the outbox relay", () => {
  it("never publishes an event whose transaction rolled back", async () => {
    await db.execute(sql`delete from outbox`);
    await db
      .transaction(async (tx) => {
        await enqueueEvent(tx, userRegistered, data(0), { subject: "s0", source: "test" });
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    const { dapr, published } = recorder();
    const relay = startOutboxRelay({ db, dapr, log, idleMs: 50 });
    expect(await relay.relayOnce()).toBe(0);
    await relay.stop();
    expect(published).toEqual([]);
  });

  it("retries a failed publish until delivered, in order per subject, without holding up other subjects", async () => {
    await db.execute(sql`delete from outbox`);
    const sameUser = [];
    for (let i = 1; i <= 4; i++) sameUser.push(await db.transaction((tx) => enqueueEvent(tx, userRegistered, data(i), { subject: "usr-a", source: "test" })));
    const other = await db.transaction((tx) => enqueueEvent(tx, userRegistered, data(9), { subject: "usr-b", source: "test" }));
    const { dapr, published } = recorder(3); // the first three publishes fail
    const relay = startOutboxRelay({ db, dapr, log, idleMs: 20 });
    const deadline = Date.now() + 15_000;
    while (published.length < 5 && Date.now() < deadline) {
      await db.execute(sql`update outbox set next_attempt_at = now() where published_at is null`); // skip the backoff wait
      await new Promise((r) => setTimeout(r, 30));
    }
    await relay.stop();
    expect(published.filter((id) => id !== other.id)).toEqual(sameUser.map((e) => e.id));
    expect(published).toContain(other.id);
    const rows = await db.select().from(outbox);
    expect(rows.every((row) => row.publishedAt !== null)).toBe(true);
    expect(rows.reduce((n, row) => n + row.attempts, 0)).toBe(5 + 3);
  });

  it("shares the work between two relays without publishing an event twice", async () => {
    await db.execute(sql`delete from outbox`);
    for (let i = 0; i < 200; i++) await enqueue(i);
    const a = recorder();
    const b = recorder();
    const relays = [startOutboxRelay({ db, dapr: a.dapr, log, idleMs: 10, batchSize: 7 }), startOutboxRelay({ db, dapr: b.dapr, log, idleMs: 10, batchSize: 7 })];
    const deadline = Date.now() + 15_000;
    while (a.published.length + b.published.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await Promise.all(relays.map((r) => r.stop()));
    const all = [...a.published, ...b.published];
    expect(all).toHaveLength(200);
    expect(new Set(all).size).toBe(200);
    expect((await db.select().from(outbox)).every((row) => row.publishedAt !== null)).toBe(true);
  });
});

describe("the inbox", () => {
  it("applies an event once when two deliveries race", async () => {
    let applied = 0;
    const event = { id: `evt_race_${Date.now()}`, topic: "user.registered" };
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        applyOnce(subscriberDb, event, async () => {
          applied++;
          await new Promise((r) => setTimeout(r, 20));
        }),
      ),
    );
    expect(applied).toBe(1);
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
  });

  it("forgets the event when applying it fails, so a redelivery can succeed", async () => {
    const event = { id: `evt_fail_${Date.now()}`, topic: "user.registered" };
    await expect(applyOnce(subscriberDb, event, async () => Promise.reject(new Error("downstream failed")))).rejects.toThrow("downstream failed");
    expect(await applyOnce(subscriberDb, event, async () => undefined)).toBe("applied");
  });
});
