import type { Context } from "hono";
import type { Redis } from "ioredis";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError } from "./errors.ts";
import type { Logger } from "./logger.ts";

// Adds ARGV[2] to this window's count and sets the window's expiry on first use.
const countScript = `local n = redis.call('INCRBY', KEYS[1], ARGV[2]) if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

export interface FixedWindowOptions {
  /** Part of the Redis key, so that limits of different routes never share a count. */
  name: string;
  limit: number;
  windowMs: number;
  /** How long counts far from the limit may wait to be sent together (default 50 ms). */
  flushMs?: number;
}

/**
 * Counts one request of `key` (a client address, an account) in the current window.
 * Resolves with the RateLimit-* headers to send; past the limit it throws `rate_limited`
 * carrying them and Retry-After.
 */
export type RateLimit = (key: string, log: Logger) => Promise<Record<string, string>>;

interface Seen {
  redisKey: string;
  /** Redis's total as last reported, plus what this replica counted since. */
  count: number;
  /** Counted here, not yet sent to Redis. */
  unsent: number;
  synced: boolean;
}

/**
 * A fixed-window limit counted in Redis, so that it holds across replicas (Dapr's ratelimit
 * middleware counts per sidecar).
 *
 * Every request is counted in Redis, but only a key that has used half its allowance (as
 * last reported by Redis plus what this replica counted since) waits for Redis: far from
 * the limit the count cannot decide anything, so those requests are summed and sent as one
 * INCRBY per key every `flushMs` instead of one round trip each; near it, every decision
 * uses Redis's exact total. If Redis is down, this replica's own count decides: losing the
 * shared limit for a moment beats refusing everyone.
 */
export function fixedWindowLimit(redis: Redis, options: FixedWindowOptions): RateLimit {
  const { name, limit, windowMs, flushMs = 50 } = options;
  let currentWindow = -1;
  let known = new Map<string, Seen>();
  let flushing: NodeJS.Timeout | undefined;
  let flushLog: Logger | undefined;

  const send = (seen: Seen, amount: number) =>
    redis.eval(countScript, 1, seen.redisKey, windowMs, amount).then((n) => {
      seen.count = Math.max(seen.count, Number(n));
      seen.synced = true;
      return Number(n);
    });

  const flush = (entries: Iterable<Seen>) => {
    for (const seen of entries) {
      if (seen.unsent === 0) continue;
      const amount = seen.unsent;
      seen.unsent = 0;
      send(seen, amount).catch((error) => flushLog?.warn({ err: error }, "rate limit store unavailable"));
    }
  };

  return async (key, log) => {
    const window = Math.floor(Date.now() / windowMs);
    if (window !== currentWindow) {
      // What the last window still owes Redis goes out under that window's key.
      flush(known.values());
      currentWindow = window;
      known = new Map();
    }
    let seen = known.get(key);
    if (!seen) known.set(key, (seen = { redisKey: `ratelimit:${name}:${key}:${window}`, count: 0, unsent: 0, synced: false }));
    seen.count++;

    let count = seen.count;
    if (seen.synced && seen.count * 2 < limit) {
      seen.unsent++;
      flushLog = log;
      flushing ??= setTimeout(() => {
        flushing = undefined;
        flush(known.values());
      }, flushMs).unref();
    } else {
      const amount = seen.unsent + 1;
      seen.unsent = 0;
      try {
        count = await send(seen, amount);
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
