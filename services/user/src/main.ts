import { serveApp, startCore, type Running } from "@market/kit";
import { createUserApp } from "./app.ts";
import { readEnv } from "./env.ts";
import { migrationsFolder } from "./migrate.ts";

/** Builds and serves the user service; index.ts and the test harness both start it here. */
export async function startUserService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const core = await startCore("user", env, { migrationsFolder });
  return serveApp(createUserApp({ ...core, pubsubName: env.PUBSUB_NAME }), {
    port: env.APP_PORT,
    log: core.log,
    graceMs: env.SHUTDOWN_GRACE_MS,
    cleanups: core.cleanups,
    ...options,
  });
}
