import type { Running } from "@market/kit";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { infra, issuer } from "./infra.ts";
import { freePort } from "./ports.ts";
import { startSidecar, type Sidecar } from "./sidecar.ts";

export interface TestService {
  appId: string;
  /** The app itself, bypassing its sidecar. */
  url: string;
  sidecar: Sidecar;
  database: TestDatabase | undefined;
  stop(): Promise<void>;
}

export type StartService = (env: NodeJS.ProcessEnv, options: { handleSignals: boolean }) => Promise<Running>;

/**
 * Starts a service's own entry point in this process, with a database of its own (when it
 * has one) and a real daprd beside it on free ports.
 */
export async function startTestService(options: { appId: string; start: StartService; database?: boolean; env?: Record<string, string> }): Promise<TestService> {
  const database = options.database === false ? undefined : await createTestDatabase(options.appId);
  const daprHttpPort = await freePort();
  const running = await options.start(
    {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      APP_PORT: "0",
      DAPR_HTTP_PORT: String(daprHttpPort),
      OIDC_ISSUER: issuer,
      REDIS_URL: infra.redisUrl,
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    },
    { handleSignals: false },
  );
  const sidecar = await startSidecar({ appId: options.appId, appPort: running.port, httpPort: daprHttpPort });
  return {
    appId: options.appId,
    url: `http://127.0.0.1:${running.port}`,
    sidecar,
    database,
    async stop() {
      await sidecar.stop();
      await running.close();
      await database?.drop();
    },
  };
}
