import { z } from "zod";

/**
 * Parses the environment once at start-up and fails fast with every problem listed,
 * so a missing variable is a readable message rather than a crash deep in a handler.
 */
export function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new Error(`Invalid environment:\n${lines.join("\n")}`);
}

/** The variables every service reads. */
export const baseEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  APP_PORT: z.coerce.number().int().min(0).max(65535),
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3500),
  DAPR_HOST: z.string().default("127.0.0.1"),
  PUBSUB_NAME: z.string().default("pubsub"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

export const databaseEnv = z.object({ DATABASE_URL: z.string().url() });

export const authEnv = z.object({
  OIDC_ISSUER: z.string().url(),
  OIDC_AUDIENCE: z.string().min(1).default("marketplace-api"),
  /** Defaults to the issuer's Keycloak JWKS path. */
  OIDC_JWKS_URL: z.string().url().optional(),
});
