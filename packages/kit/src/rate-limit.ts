import type { Context } from "hono";
import type { Redis } from "ioredis";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError } from "./errors.ts";
import type { Logger } from "./logger.ts";

// One round trip per request: count this window and set its expiry on first use.
const countScript = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

export interface FixedWindowOptions {
  /** Part of the Redis key, so that limits of different routes never share a count. */
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts one request of `key` (a client address, an account) in the current window.
 * Resolves with the RateLimit-* headers to send; past the limit it throws `rate_limited`
 * carrying them and Retry-After.
 */
export type RateLimit = (key: string, log: Logger) => Promise<Record<string, string>>;

/**
 * A fixed-window limit counted in Redis, so that it holds across replicas (Dapr's ratelimit
 * middleware counts per sidecar).
 *
 * Every request is counted in Redis, but a request waits for Redis's answer only once the
 * key has used half its allowance (as last reported by Redis plus what this replica sent
 * since): far from the limit the count cannot decide anything, so it need not sit on the
 * hot path; near it, every decision uses Redis's exact total. If Redis is down, this
 * replica's own count decides: losing the shared limit for a moment beats refusing everyone.
 */
export function fixedWindowLimit(redis: Redis, options: FixedWindowOptions): RateLimit {
  const { name, limit, windowMs } = options;
  let currentWindow = -1;
  const known = new Map<string, { count: number; synced: boolean }>();

  return async (key, log) => {
    const window = Math.floor(Date.now() / windowMs);
    if (window !== currentWindow) {
      currentWindow = window;
      known.clear();
    }
    let seen = known.get(key);
    if (!seen) known.set(key, (seen = { count: 0, synced: false }));
    seen.count++;
    const counted = redis.eval(countScript, 1, `ratelimit:${name}:${key}:${window}`, windowMs).then((n) => {
      seen.count = Math.max(seen.count, Number(n));
      seen.synced = true;
      return Number(n);
    });

    let count = seen.count;
    if (seen.synced && seen.count * 2 < limit) {
      counted.catch((error) => log.warn({ err: error }, "rate limit store unavailable"));
    } else {
      try {
        count = await counted;
      } catch (error) {
        log.warn({ err: error }, "rate limit store unavailable; letting the request through");
      }
    }
    const resetSeconds = Math.ceil(((window + 1) * windowMs - Date.now()) / 1000);
    const headers = { "ratelimit-limit": String(limit), "ratelimit-remaining": String(Math.max(0, limit - count)), "ratelimit-reset": String(resetSeconds) };
    if (count > limit) {
      throw new AppError("rate_limited", "Too many requests; slow down.", { headers: { ...headers, "retry-after": String(resetSeconds) } });
    }
    return headers;
  };
}

const loopback = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The caller's address. At the edge that is the peer. An app behind the ingress is reached
 * through Dapr, so its peer is always its own sidecar on loopback: there the ingress's
 * x-forwarded-for (which the ingress sets, never passes on from a client) names the caller.
 */
export function clientAddress(c: Context, options: { behindIngress?: boolean } = {}): string {
  const peer = getConnInfo(c).remote.address ?? "unknown";
  if (!options.behindIngress || !loopback.test(peer)) return peer;
  return c.req.header("x-forwarded-for")?.split(",")[0]?.trim() || peer;
}
