import { z } from "zod";
import { authEnv, baseEnv, databaseEnv, parseEnv } from "@market/kit";

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const envSchema = baseEnv
  .extend(databaseEnv.shape)
  .extend(authEnv.shape)
  .extend({
    KEYCLOAK_URL: z.string().url().default("http://127.0.0.1:18080"),
    KEYCLOAK_REALM: z.string().min(1).default("marketplace"),
    /** The confidential client whose service account manages users and realm roles. */
    AUTH_CLIENT_ID: z.string().min(1).default("auth-service"),
    /** When absent, read from the Dapr secret store (keycloak.authServiceSecret), whose local file holds the dev secret. */
    AUTH_CLIENT_SECRET: z.string().min(1).optional(),
    /** The public client browsers log in with (authorization code + PKCE). */
    LOGIN_CLIENT_ID: z.string().min(1).default("storefront"),
    REDIS_URL: z.string().url().default("redis://127.0.0.1:16379"),
    RATE_LIMIT_WINDOW_SECONDS: count(600),
    RATE_LIMIT_REGISTER_PER_IP: count(20),
    RATE_LIMIT_LOGIN_PER_IP: count(60),
    /** Attempts on one email address (registration, login with a login_hint) per window. */
    RATE_LIMIT_PER_ACCOUNT: count(5),
  });
export type Env = ReturnType<typeof readEnv>;
export const readEnv = (source: NodeJS.ProcessEnv = process.env) => parseEnv(envSchema, source);
