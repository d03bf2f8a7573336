import type { Redis } from "ioredis";
import type { MiddlewareHandler } from "hono";
import { clientAddress, fixedWindowLimit, type AppEnv } from "@market/kit";

/** A fixed-window limit per client address, shared by every ingress replica through Redis. */
export function rateLimit(redis: Redis, perMinute: number): MiddlewareHandler<AppEnv> {
  const limit = fixedWindowLimit(redis, { name: "ingress", limit: perMinute, windowMs: 60_000 });
  return async (c, next) => {
    const headers = await limit(clientAddress(c), c.var.log);
    await next();
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };
}
