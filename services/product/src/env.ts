import { z } from "zod";
import { authEnv, baseEnv, databaseEnv, parseEnv } from "@market/kit";
import { objectStorageEnv } from "@market/kit/object-storage";

const stockEnv = z.object({
  /** How often held reservations past their expiry are swept back into stock. */
  RESERVATION_SWEEP_MS: z.coerce.number().int().min(100).default(5_000),
});

const mediaEnv = objectStorageEnv.extend({
  MEDIA_BUCKET: z.string().min(1).default("product-media"),
  /** Where customers fetch images: a CDN in production, the bucket itself locally. */
  MEDIA_CDN_BASE_URL: z.string().url().default("http://127.0.0.1:19010/product-media"),
  /** Open the bucket's product images to anonymous reads at start (local stacks, which have no CDN). */
  MEDIA_PUBLIC_READ: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
});

const cacheEnv = z.object({
  /** How long a cached public read may live; changes replace entries sooner. */
  CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * How many seconds a shared cache in front of us (the ingress, a CDN) may serve an anonymous
   * public product page; 0 sends no Cache-Control. Our own cache is invalidated on change, an
   * edge copy is not: this is how stale the public page may be.
   */
  EDGE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(60).default(2),
});

export const envSchema = baseEnv.extend(databaseEnv.shape).extend(authEnv.shape).extend(stockEnv.shape).extend(mediaEnv.shape).extend(cacheEnv.shape);
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);
