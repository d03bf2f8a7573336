import { homedir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";

/** Where the launcher (packages/infra) runs each part; the same defaults as its parts/. */
export const infra = {
  repoRoot: path.resolve(fileURLToPath(new URL("../../..", import.meta.url))),
  pgUrl: process.env.PG_URL ?? "postgres://postgres@127.0.0.1:15432",
  redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:16379",
  keycloakUrl: process.env.KEYCLOAK_URL ?? "http://127.0.0.1:18080",
  realm: process.env.KEYCLOAK_REALM ?? "marketplace",
  smtpApiUrl: process.env.SMTP_API_URL ?? "http://127.0.0.1:11080",
  /** kafka (default) or redis: which components/pubsub-* folder the sidecars load. */
  pubsub: (process.env.PUBSUB ?? "kafka") as "kafka" | "redis",
  daprd: process.env.DAPRD ?? path.join(process.env.MARKET_CACHE_DIR ?? path.join(homedir(), ".cache/marketplace"), "dapr/1.18.0/bin/daprd"),
};

export const issuer = `${infra.keycloakUrl}/realms/${infra.realm}`;
