import type { Dapr, Database, Logger, OutboxRelay, Verifier } from "@market/kit";
import type { CatalogCache } from "./cache/catalog-cache.ts";
import type { MediaStorage } from "./media/media-storage.ts";

/** What the product service's handlers need; tests pass their own. */
export interface Deps {
  db: Database;
  dapr: Dapr;
  relay: Pick<OutboxRelay, "kick">;
  verify: Verifier;
  log: Logger;
  pubsubName: string;
  cache: CatalogCache;
  media: MediaStorage;
  /** Cache-Control max-age for anonymous public product pages; 0 for none. */
  edgeMaxAgeSeconds: number;
}
