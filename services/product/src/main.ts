import { createMetrics, serveApp, startCore, startOutboxRelay, startPoller, type Running } from "@market/kit";
import { createProductApp } from "./app.ts";
import { cacheCounters, createCatalogCache } from "./cache/catalog-cache.ts";
import { readEnv } from "./env.ts";
import { allowPublicMediaReads, createMediaStorage } from "./media/media-storage.ts";
import { migrationsFolder } from "./migrate.ts";
import { expireReservations } from "./stock/expire-reservations.ts";

/** Builds and serves the product service; index.ts and the test harness both start it here. */
export async function startProductService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const core = await startCore("product", env, { migrationsFolder });
  if (env.MEDIA_PUBLIC_READ) await allowPublicMediaReads(env);
  const metrics = createMetrics("product");
  const cache = createCatalogCache({ dapr: core.dapr, log: core.log, counters: cacheCounters(metrics.registry), ttlSeconds: env.CACHE_TTL_SECONDS });
  const relay = startOutboxRelay(core);
  const deps = { ...core, relay, cache, pubsubName: env.PUBSUB_NAME, media: createMediaStorage(env), edgeMaxAgeSeconds: env.EDGE_MAX_AGE_SECONDS };
  const sweeper = startPoller({ name: "reservation expiry", pass: () => expireReservations(deps), idleMs: env.RESERVATION_SWEEP_MS, log: core.log });
  const app = createProductApp(deps, { metrics });
  return serveApp(app, {
    port: env.APP_PORT,
    log: core.log,
    graceMs: env.SHUTDOWN_GRACE_MS,
    cleanups: [sweeper.stop, relay.stop, ...core.cleanups],
    ...options,
  });
}
