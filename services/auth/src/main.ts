import { Redis } from "ioredis";
import { serveApp, startCore, startOutboxRelay, type Running } from "@market/kit";
import { createAuthApp } from "./app.ts";
import { readEnv } from "./env.ts";
import { connectKeycloak } from "./keycloak/connect.ts";
import { migrationsFolder } from "./migrate.ts";
import { createAuthLimits } from "./rate-limits.ts";

/** Builds and serves the auth service; index.ts and the test harness both start it here. */
export async function startAuthService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const core = await startCore("auth", env, { migrationsFolder });
  const relay = startOutboxRelay(core);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on("error", (err) => core.log.warn({ err: err.message }, "redis connection problem"));
  const app = createAuthApp({ ...core, ...connectKeycloak(env, core), relay, pubsubName: env.PUBSUB_NAME, limits: createAuthLimits(redis, env) });
  return serveApp(app, {
    port: env.APP_PORT,
    log: core.log,
    graceMs: env.SHUTDOWN_GRACE_MS,
    cleanups: [relay.stop, async () => void redis.disconnect(), ...core.cleanups],
    ...options,
  });
}
