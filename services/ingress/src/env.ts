import { z } from "zod";
import { baseEnv, parseEnv } from "@market/kit";

export const envSchema = baseEnv.extend({
  /** App ids reachable as /api/<app-id>/…; anything else is 404, so the ingress is no open proxy. */
  ROUTED_APPS: z
    .string()
    .default("user,notification")
    .transform((s) => s.split(",").map((a) => a.trim()).filter(Boolean)),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:16379"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);
