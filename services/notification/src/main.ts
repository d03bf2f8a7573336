import { serveApp, startCore, type Running } from "@market/kit";
import { createNotificationApp } from "./app.ts";
import { startEmailDispatcher } from "./email-dispatcher.ts";
import { readEnv } from "./env.ts";
import { migrationsFolder } from "./migrate.ts";

/** Builds and serves the notification service; index.ts and the test harness both start it here. */
export async function startNotificationService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const core = await startCore("notification", env, { migrationsFolder });
  const emails = startEmailDispatcher({ ...core, binding: env.EMAIL_BINDING, idleMs: env.EMAIL_DISPATCH_IDLE_MS });
  const app = createNotificationApp({ ...core, pubsubName: env.PUBSUB_NAME, emailsQueued: emails.kick });
  return serveApp(app, { port: env.APP_PORT, log: core.log, graceMs: env.SHUTDOWN_GRACE_MS, cleanups: [emails.stop, ...core.cleanups], ...options });
}
