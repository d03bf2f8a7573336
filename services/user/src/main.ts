import { serveApp, startCore, type Running, type Verifier } from "@market/kit";
import { createUserApp } from "./app.ts";
import { readEnv } from "./env.ts";
import { migrationsFolder } from "./migrate.ts";

/**
 * Builds and serves the user service; index.ts and the test harness both start it here.
 * `verify` replaces the token verifier startCore builds (dependency injection, e.g. for the
 * auth-cost benchmark); there is no switch that turns authentication off.
 */
export async function startUserService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean; verify?: Verifier } = {}): Promise<Running> {
  const { verify, ...serveOptions } = options;
  const env = readEnv(source);
  const core = await startCore("user", env, { migrationsFolder });
  return serveApp(createUserApp({ ...core, ...(verify ? { verify } : {}), pubsubName: env.PUBSUB_NAME }), {
    port: env.APP_PORT,
    log: core.log,
    graceMs: env.SHUTDOWN_GRACE_MS,
    cleanups: core.cleanups,
    ...serveOptions,
  });
}
