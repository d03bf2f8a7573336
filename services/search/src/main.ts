import { createDapr, createLogger, serveApp, type Running } from "@market/kit";
import { createSearchApp } from "./app.ts";
import { connectElastic } from "./elastic/connect.ts";
import { ensureIndices } from "./elastic/ensure-indices.ts";
import { indexNames } from "./elastic/index-layout.ts";
import { writeTargets } from "./elastic/write-targets.ts";
import { readEnv } from "./env.ts";

/** Builds and serves the search service; index.ts and the test harness both start it here. */
export async function startSearchService(source: NodeJS.ProcessEnv = process.env, options: { handleSignals?: boolean } = {}): Promise<Running> {
  const env = readEnv(source);
  const log = createLogger("search", env.LOG_LEVEL);
  const es = connectElastic(env.ELASTICSEARCH_URL);
  const names = indexNames(env.SEARCH_INDEX_PREFIX);
  await ensureIndices(es, names, { shards: env.SEARCH_SHARDS, replicas: env.SEARCH_REPLICAS }, log);
  const dapr = createDapr({ host: env.DAPR_HOST, httpPort: env.DAPR_HTTP_PORT, pubsubName: env.PUBSUB_NAME });
  const app = createSearchApp({ es, names, targets: writeTargets(es, names), dapr, log, pubsubName: env.PUBSUB_NAME });
  return serveApp(app, { port: env.APP_PORT, log, graceMs: env.SHUTDOWN_GRACE_MS, cleanups: [() => es.close()], ...options });
}
