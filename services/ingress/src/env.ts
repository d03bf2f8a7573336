import { z } from "zod";
import { baseEnv, parseEnv } from "@market/kit";

export const envSchema = baseEnv.extend({
  /**
   * The services reachable as /api/<name>/…, each `name` or `name=app-id` (when the Dapr app
   * id differs from the public name); anything else is 404, so the ingress is no open proxy.
   */
  ROUTED_APPS: z
    .string()
    .default("auth,user,notification,vendor,product,search")
    .transform((s) => new Map(s.split(",").map((entry) => entry.trim()).filter(Boolean).map((entry) => {
      const [name, appId] = entry.split("=").map((part) => part.trim());
      return [name!, appId || name!] as const;
    }))),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:16379"),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Anonymous public GETs kept at the edge (0 turns the edge cache off). */
  EDGE_CACHE_ENTRIES: z.coerce.number().int().min(0).default(10_000),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);
