import { randomUUID } from "node:crypto";
import { Counter, type Registry } from "prom-client";
import { AppError, type Dapr, type Logger } from "@market/kit";

export type CacheName = "product" | "categories";

/**
 * Public reads of the catalog, kept in the Dapr state store (Redis locally) for a short TTL,
 * so that the hot path (a product by id) costs one state read and no Postgres query.
 *
 * Staleness is ruled out by two protocols, both safe against a read that loads from Postgres
 * while a write commits:
 * - a product's entry is replaced by a "stale" marker after every committed change; a reader
 *   that misses remembers the marker's ETag before loading and stores its result only under
 *   that ETag, so a marker written meanwhile makes the store refuse the older result;
 * - listings hang off a generation token that every relevant change replaces after its commit;
 *   a reader takes the token before loading, so a result loaded before a change lands under
 *   a token nobody reads any more.
 * Writers call the `forget*` methods after their transaction commits.
 */
export interface CatalogCache {
  /** A product's public view; `null` (cached too) when the public may not see it. */
  product<T>(productId: string, load: () => Promise<T | null>): Promise<T | null>;
  /** A listing of the catalog (categories, the tree, products by category), keyed by what was asked. */
  listing<T>(cache: CacheName, scope: "categories" | "products", query: string, load: () => Promise<T>): Promise<T>;
  forgetProducts(productIds: Iterable<string>): Promise<void>;
  forgetCategories(): Promise<void>;
}

type Entry<T> = { fresh: true; value: T } | { fresh: false };

export interface CacheCounters {
  hits: Counter<"cache">;
  misses: Counter<"cache">;
}

/** The hit and miss counters on the service's /metrics registry: the hit ratio per cache. */
export function cacheCounters(registry: Registry): CacheCounters {
  return {
    hits: new Counter({ name: "product_cache_hits_total", help: "Catalog reads answered from the cache", labelNames: ["cache"], registers: [registry] }),
    misses: new Counter({ name: "product_cache_misses_total", help: "Catalog reads that loaded from Postgres", labelNames: ["cache"], registers: [registry] }),
  };
}

export function createCatalogCache(deps: { dapr: Dapr; log: Logger; counters: CacheCounters; ttlSeconds: number }): CatalogCache {
  const { dapr, log, counters, ttlSeconds } = deps;
  const stale: Entry<never> = { fresh: false };
  const productKey = (id: string) => `product:${id}`;
  const generationKey = (scope: string) => `generation:${scope}`;

  // The cache only ever speeds reads up: when the state store fails, reads go to Postgres.
  const quietly = async <T>(what: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict")) log.warn({ err: error }, `catalog cache: ${what} failed`);
      return undefined;
    }
  };

  async function generation(scope: string): Promise<string | undefined> {
    const found = await quietly("reading a generation", () => dapr.getState<string>(generationKey(scope)));
    if (found) return found.value;
    // Written before the load it guards, so a change committing meanwhile replaces it.
    const fresh = randomUUID();
    return (await quietly("starting a generation", () => dapr.saveState(generationKey(scope), fresh))) === undefined ? undefined : fresh;
  }

  const bump = (scope: string) => quietly(`replacing the ${scope} generation`, () => dapr.saveState(generationKey(scope), randomUUID()));

  // Concurrent misses of one entry in this replica share one load and one write: without it a
  // burst on a hot product races N writers for one ETag, N−1 lose, and the state store's
  // circuit breaker counts every lost race as a failure. The key includes what the miss saw
  // (the marker's ETag, the generation), so a request that starts after a change never joins
  // a load that started before it.
  const inFlight = new Map<string, Promise<unknown>>();
  function once<T>(key: string, fill: () => Promise<T>): Promise<T> {
    const pending = inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const started = fill().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  }

  async function fillProduct<T>(key: string, etag: string | undefined, load: () => Promise<T | null>): Promise<T | null> {
    if (etag === undefined) {
      await quietly("marking a product", () => dapr.saveState(key, stale, { ttlSeconds }));
      etag = (await quietly("reading a product marker", () => dapr.getState<Entry<T | null>>(key)))?.etag;
    }
    const value = await load();
    if (etag) await quietly("storing a product", () => dapr.saveState<Entry<T | null>>(key, { fresh: true, value }, { etag, ttlSeconds }));
    return value;
  }

  return {
    async product<T>(productId: string, load: () => Promise<T | null>) {
      const key = productKey(productId);
      const found = await quietly("reading a product", () => dapr.getState<Entry<T | null>>(key));
      if (found?.value.fresh) {
        counters.hits.inc({ cache: "product" });
        return found.value.value;
      }
      counters.misses.inc({ cache: "product" });
      return once(`${key}@${found?.etag ?? "absent"}`, () => fillProduct(key, found?.etag, load));
    },

    async listing<T>(cache: CacheName, scope: "categories" | "products", query: string, load: () => Promise<T>) {
      const token = await generation(scope);
      const key = `${scope}:${token}:${query}`;
      const found = token ? await quietly("reading a listing", () => dapr.getState<T>(key)) : undefined;
      if (found) {
        counters.hits.inc({ cache });
        return found.value;
      }
      counters.misses.inc({ cache });
      return once(key, async () => {
        const value = await load();
        if (token) await quietly("storing a listing", () => dapr.saveState(key, value, { ttlSeconds }));
        return value;
      });
    },

    async forgetProducts(productIds) {
      const ids = [...new Set(productIds)];
      // A seller's status touches all its products: mark them in bounded batches.
      for (let i = 0; i < ids.length; i += 50) {
        await Promise.all(ids.slice(i, i + 50).map((id) => quietly("marking a product stale", () => dapr.saveState(productKey(id), stale, { ttlSeconds }))));
      }
      await bump("products");
    },

    async forgetCategories() {
      await Promise.all([bump("categories"), bump("products")]);
    },
  };
}
