import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createEdgeCache, sharedMaxAge } from "./edge-cache.ts";

const body = new TextEncoder().encode('{"id":"prd_1"}').buffer as ArrayBuffer;

describe("sharedMaxAge", () => {
  it("gives the freshness of public answers and nothing for private or uncacheable ones", () => {
    expect(sharedMaxAge("public, max-age=5")).toBe(5);
    expect(sharedMaxAge("public, max-age=30, s-maxage=2")).toBe(2);
    expect(sharedMaxAge("public, max-age=86400")).toBe(60);
    expect(sharedMaxAge("max-age=5")).toBe(0);
    expect(sharedMaxAge("public, private, max-age=5")).toBe(0);
    expect(sharedMaxAge("public, no-store, max-age=5")).toBe(0);
    expect(sharedMaxAge("public, max-age=0")).toBe(0);
    expect(sharedMaxAge("public, max-age=abc")).toBe(0);
    expect(sharedMaxAge(undefined)).toBe(0);
  });
});

describe("the edge cache", () => {
  it("serves a public answer until its max-age runs out, and counts hits and misses", async () => {
    const registry = new Registry();
    const cache = createEdgeCache({ maxEntries: 10, maxBodyBytes: 1024, registry });
    expect(cache.offer("product/products/prd_1", 200, { "cache-control": "public, max-age=5" }, body, 1_000)).toBe(true);
    expect(cache.get("product/products/prd_1", 5_999)?.body).toBe(body);
    expect(cache.get("product/products/prd_1", 6_000)).toBeUndefined();
    const metrics = await registry.metrics();
    expect(metrics).toContain('ingress_edge_cache_lookups_total{result="hit"} 1');
    expect(metrics).toContain('ingress_edge_cache_lookups_total{result="miss"} 1');
  });

  it("keeps no error, no private answer and no oversized body", () => {
    const cache = createEdgeCache({ maxEntries: 10, maxBodyBytes: 4 });
    expect(cache.offer("a", 404, { "cache-control": "public, max-age=5" }, new ArrayBuffer(1))).toBe(false);
    expect(cache.offer("b", 200, { "cache-control": "private, max-age=5" }, new ArrayBuffer(1))).toBe(false);
    expect(cache.offer("c", 200, { "cache-control": "public, max-age=5" }, new ArrayBuffer(5))).toBe(false);
    expect(cache.size).toBe(0);
  });

  it("forgets the least recently used answer when full", () => {
    const cache = createEdgeCache({ maxEntries: 2, maxBodyBytes: 1024 });
    const publicFor = { "cache-control": "public, max-age=60" };
    cache.offer("a", 200, publicFor, body, 0);
    cache.offer("b", 200, publicFor, body, 0);
    cache.get("a", 1);
    cache.offer("c", 200, publicFor, body, 2);
    expect(cache.get("a", 3)).toBeDefined();
    expect(cache.get("b", 3)).toBeUndefined();
    expect(cache.get("c", 3)).toBeDefined();
  });
});
