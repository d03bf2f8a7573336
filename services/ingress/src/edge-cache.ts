import { Counter, type Registry } from "prom-client";

/**
 * A small shared cache at the edge for anonymous GETs that a service marks
 * `Cache-Control: public, max-age=N`, as a CDN would keep them. Public catalog pages are read
 * far more often than they change; the service decides how stale it may be (seconds), and
 * nothing personal is ever stored: a request with credentials or cookies bypasses it, and so
 * does an answer that is not public.
 */
export interface CachedAnswer {
  status: number;
  headers: Record<string, string>;
  body: ArrayBuffer;
  storedAt: number;
  expiresAt: number;
}

export interface EdgeCache {
  get(key: string, now?: number): CachedAnswer | undefined;
  /** Stores the answer if its Cache-Control allows a shared cache to; returns whether it did. */
  offer(key: string, status: number, headers: Record<string, string>, body: ArrayBuffer, now?: number): boolean;
  readonly size: number;
}

/** No answer is kept longer than this, whatever the service says. */
const maxAgeCapSeconds = 60;

/** The freshness a shared cache may give an answer, in seconds; 0 when it must not be stored. */
export function sharedMaxAge(cacheControl: string | undefined): number {
  if (!cacheControl) return 0;
  const directives = new Map(
    cacheControl.split(",").map((part) => {
      const [name, value] = part.trim().toLowerCase().split("=");
      return [name!, value] as const;
    }),
  );
  if (!directives.has("public") || directives.has("private") || directives.has("no-store") || directives.has("no-cache")) return 0;
  const seconds = Number(directives.get("s-maxage") ?? directives.get("max-age"));
  return Number.isInteger(seconds) && seconds > 0 ? Math.min(seconds, maxAgeCapSeconds) : 0;
}

export function createEdgeCache(options: { maxEntries: number; maxBodyBytes: number; registry?: Registry }): EdgeCache {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recent first.
  const entries = new Map<string, CachedAnswer>();
  const lookups = new Counter({
    name: "ingress_edge_cache_lookups_total",
    help: "Anonymous GETs looked up in the edge cache, by result",
    labelNames: ["result"] as const,
    registers: options.registry ? [options.registry] : [],
  });

  return {
    get(key, now = Date.now()) {
      const entry = entries.get(key);
      if (!entry || entry.expiresAt <= now) {
        if (entry) entries.delete(key);
        lookups.inc({ result: "miss" });
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      lookups.inc({ result: "hit" });
      return entry;
    },
    offer(key, status, headers, body, now = Date.now()) {
      const seconds = status === 200 ? sharedMaxAge(headers["cache-control"]) : 0;
      if (seconds === 0 || body.byteLength > options.maxBodyBytes) return false;
      entries.delete(key);
      entries.set(key, { status, headers, body, storedAt: now, expiresAt: now + seconds * 1000 });
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      return true;
    },
    get size() {
      return entries.size;
    },
  };
}
