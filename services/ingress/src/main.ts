import { Redis } from "ioredis";
import { createLogger, createMetrics, serveApp, type Running } from "@market/kit";
import { createEdgeCache } from "./edge-cache.ts";
import { createIngressApp } from "./app.ts";
import { readEnv } from "./env.ts";
import { createForwarder } from "./forward.ts";

/** Builds and serves the ingress; index.ts and the test harness both start it here. */
export async function startIngress(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const log = createLogger("ingress", env.LOG_LEVEL);
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on("error", (err) => log.warn({ err: err.message }, "redis connection problem"));
  const metrics = createMetrics("ingress");
  const edgeCache = env.EDGE_CACHE_ENTRIES > 0 ? createEdgeCache({ maxEntries: env.EDGE_CACHE_ENTRIES, maxBodyBytes: 256 * 1024, registry: metrics.registry }) : undefined;
  const forwarder = createForwarder({ daprHost: env.DAPR_HOST, daprHttpPort: env.DAPR_HTTP_PORT, timeoutMs: env.UPSTREAM_TIMEOUT_MS, ...(edgeCache ? { edgeCache } : {}) });
  const app = createIngressApp({ log, metrics, redis, forwarder, routedApps: env.ROUTED_APPS, ratePerMinute: env.RATE_LIMIT_PER_MINUTE, bodyLimitBytes: env.BODY_LIMIT_BYTES });
  return serveApp(app, {
    port: env.APP_PORT,
    log,
    graceMs: env.SHUTDOWN_GRACE_MS,
    cleanups: [() => forwarder.close(), async () => void redis.disconnect()],
    ...options,
  });
}
