import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { clientAddress, fixedWindowLimit, type AppContext } from "@market/kit";
import type { Env } from "./env.ts";

/** Guesses and sign-up floods, throttled in Redis so that the limits hold across replicas. */
export interface AuthLimits {
  registrationFrom(c: AppContext): Promise<void>;
  loginFrom(c: AppContext): Promise<void>;
  /** Attempts on one account, whichever addresses they come from. */
  account(c: AppContext, email: string): Promise<void>;
}

// Keys name the account by a hash, so Redis holds no email addresses.
const accountKey = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22);

export function createAuthLimits(redis: Redis, env: Pick<Env, "RATE_LIMIT_WINDOW_SECONDS" | "RATE_LIMIT_REGISTER_PER_IP" | "RATE_LIMIT_LOGIN_PER_IP" | "RATE_LIMIT_PER_ACCOUNT">): AuthLimits {
  const windowMs = env.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const registration = fixedWindowLimit(redis, { name: "auth-register-ip", limit: env.RATE_LIMIT_REGISTER_PER_IP, windowMs });
  const login = fixedWindowLimit(redis, { name: "auth-login-ip", limit: env.RATE_LIMIT_LOGIN_PER_IP, windowMs });
  const account = fixedWindowLimit(redis, { name: "auth-account", limit: env.RATE_LIMIT_PER_ACCOUNT, windowMs });
  const caller = (c: AppContext) => clientAddress(c, { behindIngress: true });
  return {
    registrationFrom: async (c) => void (await registration(caller(c), c.var.log)),
    loginFrom: async (c) => void (await login(caller(c), c.var.log)),
    account: async (c, email) => void (await account(accountKey(email), c.var.log)),
  };
}
