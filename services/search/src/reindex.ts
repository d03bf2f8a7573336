// `npm run reindex`: builds a fresh products index from the product service's export and
// swaps the `products` alias onto it. Run beside a sidecar (the platform's search sidecar by
// default), which carries the service invocation and holds the client secret.
import { z } from "zod";
import { createDapr, createLogger, parseEnv } from "@market/kit";
import { connectElastic } from "./elastic/connect.ts";
import { ensureIndices } from "./elastic/ensure-indices.ts";
import { indexNames } from "./elastic/index-layout.ts";
import { searchEnv } from "./env.ts";
import { rebuildIndex } from "./reindex/rebuild-index.ts";
import { clientCredentialsToken } from "./reindex/service-token.ts";
import { productSnapshotSource } from "./reindex/snapshot-source.ts";

const env = parseEnv(
  searchEnv.extend({
    LOG_LEVEL: z.string().default("info"),
    DAPR_HOST: z.string().default("127.0.0.1"),
    /** The search app's sidecar on the platform. */
    DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3506),
    PRODUCT_APP_ID: z.string().default("product"),
    OIDC_ISSUER: z.string().url().default("http://127.0.0.1:18080/realms/marketplace"),
    SERVICE_CLIENT_ID: z.string().default("market-service"),
    /** When absent, read from the Dapr secret store (keycloak.marketServiceSecret). */
    SERVICE_CLIENT_SECRET: z.string().min(1).optional(),
    REINDEX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  }),
);

const log = createLogger("search-reindex", env.LOG_LEVEL);
const es = connectElastic(env.ELASTICSEARCH_URL);
const names = indexNames(env.SEARCH_INDEX_PREFIX);
const dapr = createDapr({ host: env.DAPR_HOST, httpPort: env.DAPR_HTTP_PORT });
const token = clientCredentialsToken({
  issuer: env.OIDC_ISSUER,
  clientId: env.SERVICE_CLIENT_ID,
  secret: async () => env.SERVICE_CLIENT_SECRET ?? dapr.secret("keycloak.marketServiceSecret"),
});
const source = productSnapshotSource({ daprHost: env.DAPR_HOST, daprHttpPort: env.DAPR_HTTP_PORT, appId: env.PRODUCT_APP_ID, limit: env.REINDEX_PAGE_SIZE, token });

try {
  const options = { shards: env.SEARCH_SHARDS, replicas: env.SEARCH_REPLICAS };
  await ensureIndices(es, names, options, log);
  const stats = await rebuildIndex({ es, names, source, index: options, log });
  log.info(stats, "reindex done");
  console.log(
    `reindexed ${stats.documents} products into ${stats.index} (alias ${names.read}) in ${stats.seconds.toFixed(1)} s: ` +
      `${stats.docsPerSecond} docs/s; ${stats.merged} merged with newer event data; replaced ${stats.replaced.join(", ") || "nothing"}`,
  );
  await es.close();
  process.exit(0);
} catch (error) {
  log.error({ err: error }, "reindex failed; the alias still points at the previous index");
  await es.close();
  process.exit(1);
}
