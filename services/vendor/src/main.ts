import { serveApp, startCore, startOutboxRelay, type Running } from "@market/kit";
import { createVendorApp } from "./app.ts";
import { readEnv } from "./env.ts";
import { createKycStorage } from "./kyc-storage.ts";
import { migrationsFolder } from "./migrate.ts";
import { createStripeClient } from "./stripe-client.ts";

/** Builds and serves the vendor service; index.ts and the test harness both start it here. */
export async function startVendorService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const core = await startCore("vendor", env, { migrationsFolder });
  const relay = startOutboxRelay(core);
  const app = createVendorApp({
    ...core,
    relay,
    kycStorage: createKycStorage(env),
    stripe: createStripeClient(env),
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
    onboardingUrl: env.VENDOR_ONBOARDING_URL,
  });
  return serveApp(app, {
    port: env.APP_PORT,
    log: core.log,
    graceMs: env.SHUTDOWN_GRACE_MS,
    cleanups: [relay.stop, ...core.cleanups],
    ...options,
  });
}
