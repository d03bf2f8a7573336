import type { Redis } from "ioredis";
import type { MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError, type AppEnv } from "@market/kit";

// One round trip per request: count this window and set its expiry on first use.
const countScript = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

/**
 * A fixed-window limit per client address, counted in Redis so that it holds across
 * ingress replicas (Dapr's ratelimit middleware counts per sidecar).
 *
 * Every request is counted in Redis, but a request waits for Redis's answer only once the
 * client has used half its allowance (as last reported by Redis plus what this replica
 * sent since): far from the limit the count cannot decide anything, so it need not sit on
 * the hot path; near it, every decision uses Redis's exact total. If Redis is down the
 * request goes through: losing the limit for a moment beats refusing every customer.
 */
export function rateLimit(redis: Redis, perMinute: number): MiddlewareHandler<AppEnv> {
  const windowMs = 60_000;
  let currentWindow = -1;
  const known = new Map<string, { count: number; synced: boolean }>();

  return async (c, next) => {
    const client = getConnInfo(c).remote.address ?? "unknown";
    const window = Math.floor(Date.now() / windowMs);
    if (window !== currentWindow) {
      currentWindow = window;
      known.clear();
    }
    let seen = known.get(client);
    if (!seen) known.set(client, (seen = { count: 0, synced: false }));
    seen.count++;
    const counted = redis.eval(countScript, 1, `ratelimit:ingress:${client}:${window}`, windowMs).then((n) => {
      seen.count = Math.max(seen.count, Number(n));
      seen.synced = true;
      return Number(n);
    });

    let count = seen.count;
    if (seen.synced && seen.count * 2 < perMinute) {
      counted.catch((error) => c.var.log.warn({ err: error }, "rate limit store unavailable"));
    } else {
      try {
        count = await counted;
      } catch (error) {
        c.var.log.warn({ err: error }, "rate limit store unavailable; letting the request through");
      }
    }
    const resetSeconds = Math.ceil(((window + 1) * windowMs - Date.now()) / 1000);
    const headers = { "ratelimit-limit": String(perMinute), "ratelimit-remaining": String(Math.max(0, perMinute - count)), "ratelimit-reset": String(resetSeconds) };
    if (count > perMinute) {
      throw new AppError("rate_limited", "Too many requests; slow down.", { headers: { ...headers, "retry-after": String(resetSeconds) } });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };
}
