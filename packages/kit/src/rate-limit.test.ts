import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { fixedWindowLimit } from "./rate-limit.ts";

const log = createLogger("test", "silent");

/** Redis's INCRBY-with-expiry script, kept in memory; `calls` counts round trips. */
function countingRedis() {
  const counts = new Map<string, number>();
  const redis = {
    calls: 0,
    counts,
    eval: async (_script: string, _keys: number, key: string, _windowMs: number, amount: number) => {
      redis.calls++;
      return counts.set(key, (counts.get(key) ?? 0) + amount).get(key);
    },
  };
  return redis;
}
const asRedis = (fake: object) => fake as unknown as Redis;

const refusal = (attempt: Promise<unknown>) => attempt.then(() => undefined, (error: unknown) => error as AppError);

describe("fixedWindowLimit", () => {
  it("refuses the request past the limit with Retry-After, and counts each key on its own", async () => {
    const limit = fixedWindowLimit(asRedis(countingRedis()), { name: "test", limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await limit("a", log);
    const error = await refusal(limit("a", log));
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    expect(error?.headers?.["retry-after"]).toMatch(/^\d+$/);
    expect(error?.headers?.["ratelimit-remaining"]).toBe("0");
    expect(await limit("b", log)).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "2" });
  });

  it("sends requests far from the limit to Redis together, and waits for Redis near it", async () => {
    const redis = countingRedis();
    const limit = fixedWindowLimit(asRedis(redis), { name: "test", limit: 100, windowMs: 60_000, flushMs: 20 });
    await limit("a", log);
    for (let i = 0; i < 39; i++) await limit("a", log);
    expect(redis.calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(redis.calls).toBe(2);
    expect([...redis.counts.values()]).toEqual([40]);
    // Past half the allowance each request is counted in Redis before it is let through.
    for (let i = 0; i < 20; i++) await limit("a", log);
    expect([...redis.counts.values()]).toEqual([60]);
    // 41st–49th wait in this replica, the 50th sends them with itself, the 51st–60th one each.
    expect(redis.calls).toBe(2 + 1 + 10);
  });

  it("falls back to this replica's own count while the store is down", async () => {
    const down = { eval: async () => Promise.reject(new Error("connection refused")) } as unknown as Redis;
    const limit = fixedWindowLimit(down, { name: "test", limit: 2, windowMs: 60_000 });
    expect(await refusal(limit("a", log))).toBeUndefined();
    expect(await refusal(limit("a", log))).toBeUndefined();
    expect(await refusal(limit("a", log))).toMatchObject({ code: "rate_limited" });
  });
});
