import { sql } from "drizzle-orm";
import { createVerifier, type Verifier } from "./auth.ts";
import { createDapr, type Dapr } from "./dapr.ts";
import { createDb, migrateDatabase, type Database } from "./db.ts";
import { createLogger, type Logger } from "./logger.ts";

export interface CoreEnv {
  LOG_LEVEL: string;
  DAPR_HOST: string;
  DAPR_HTTP_PORT: number;
  PUBSUB_NAME: string;
  DATABASE_URL: string;
  OIDC_ISSUER: string;
  OIDC_AUDIENCE: string;
  OIDC_JWKS_URL?: string | undefined;
}

/** The dependencies every database-owning service builds the same way. */
export interface Core {
  log: Logger;
  dapr: Dapr;
  db: Database;
  verify: Verifier;
  /** Run in order at shutdown, after in-flight requests finished. */
  cleanups: Array<() => Promise<void>>;
}

export async function startCore(name: string, env: CoreEnv, options: { migrationsFolder: string; log?: Logger }): Promise<Core> {
  const log = options.log ?? createLogger(name, env.LOG_LEVEL);
  await migrateDatabase(env.DATABASE_URL, options.migrationsFolder);
  const db = createDb(env.DATABASE_URL, { onError: (err) => log.warn({ err: err.message }, "idle database connection lost") });
  const dapr = createDapr({ host: env.DAPR_HOST, httpPort: env.DAPR_HTTP_PORT, pubsubName: env.PUBSUB_NAME });
  const verify = createVerifier({ issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE, ...(env.OIDC_JWKS_URL ? { jwksUrl: env.OIDC_JWKS_URL } : {}) });
  return { log, dapr, db, verify, cleanups: [() => db.$client.end()] };
}

/** /readyz for a service that owns a database: Postgres answers and the sidecar is healthy. */
export const databaseAndSidecarReady = (deps: { db: Database; dapr: Dapr }) => async (): Promise<void> => {
  await deps.db.execute(sql`select 1`);
  if (!(await deps.dapr.healthy())) throw new Error("dapr sidecar not healthy");
};
