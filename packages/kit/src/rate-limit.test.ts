import type { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { fixedWindowLimit } from "./rate-limit.ts";

const log = createLogger("test", "silent");

/** Redis's INCR-with-expiry script, kept in memory. */
function countingRedis() {
  const counts = new Map<string, number>();
  return { eval: async (_script: string, _keys: number, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1).get(key) } as unknown as Redis;
}

const refusal = (attempt: Promise<unknown>) => attempt.then(() => undefined, (error: unknown) => error as AppError);

describe("fixedWindowLimit", () => {
  it("refuses the request past the limit with Retry-After, and counts each key on its own", async () => {
    const limit = fixedWindowLimit(countingRedis(), { name: "test", limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await limit("a", log);
    const error = await refusal(limit("a", log));
    expect(error).toMatchObject({ code: "rate_limited", status: 429 });
    expect(error?.headers?.["retry-after"]).toMatch(/^\d+$/);
    expect(error?.headers?.["ratelimit-remaining"]).toBe("0");
    expect(await limit("b", log)).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "2" });
  });

  it("falls back to this replica's own count while the store is down", async () => {
    const down = { eval: async () => Promise.reject(new Error("connection refused")) } as unknown as Redis;
    const limit = fixedWindowLimit(down, { name: "test", limit: 2, windowMs: 60_000 });
    expect(await refusal(limit("a", log))).toBeUndefined();
    expect(await refusal(limit("a", log))).toBeUndefined();
    expect(await refusal(limit("a", log))).toMatchObject({ code: "rate_limited" });
  });
});
