import { z } from "zod";
import { baseEnv, parseEnv } from "@market/kit";

export const searchEnv = z.object({
  ELASTICSEARCH_URL: z.string().url().default("http://127.0.0.1:19200"),
  /**
   * Names everything this service keeps in Elasticsearch: the read alias `<prefix>`, the write
   * alias `<prefix>-write`, the versioned indices `<prefix>-v<n>-<stamp>` and `<prefix>-hidden-vendors`.
   * Tests give each run its own, so they never touch the platform's `products`.
   */
  SEARCH_INDEX_PREFIX: z.string().regex(/^[a-z][a-z0-9_-]{0,60}$/, "lowercase letters, digits, - and _").default("products"),
  /** A single local node holds no replicas; production sets 1 or more. */
  SEARCH_REPLICAS: z.coerce.number().int().min(0).max(5).default(0),
  SEARCH_SHARDS: z.coerce.number().int().min(1).max(64).default(1),
});

export const envSchema = baseEnv.extend(searchEnv.shape);
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);
