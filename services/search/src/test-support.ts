import { randomBytes, randomUUID } from "node:crypto";
import type { ProductSnapshot, Topic, TopicData } from "@market/contracts";
import { newId } from "@market/kit";
import { cloudEvent, publishThrough, startTestService, type TestService } from "@market/testing";
import { connectElastic, type Elastic } from "./elastic/connect.ts";
import { indexNames, type IndexNames } from "./elastic/index-layout.ts";
import { startSearchService } from "./main.ts";

/** A JSON answer as tests read it. */
export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface SearchHarness {
  service: TestService;
  es: Elastic;
  names: IndexNames;
  /** Publishes a real CloudEvent through the service's own sidecar, keyed by `key` like the outbox relay does. */
  publish<T extends Topic>(topic: T, data: TopicData<T>, key: string): Promise<void>;
  get(path: string, query?: Record<string, string | number | boolean>): Promise<Answer>;
  stop(): Promise<void>;
}

/**
 * The search service in-process beside a real daprd (events through the real broker), on
 * indices of its own (a fresh SEARCH_INDEX_PREFIX), removed again at the end.
 */
export async function startSearchHarness(appId: string, env: Record<string, string> = {}): Promise<SearchHarness> {
  const prefix = `t-${appId}-${randomBytes(4).toString("hex")}`;
  const names = indexNames(prefix);
  const es = connectElastic(process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:19200");
  const service = await startTestService({ appId, start: startSearchService, database: false, env: { SEARCH_INDEX_PREFIX: prefix, ...env } });
  return {
    service,
    es,
    names,
    publish: (topic, data, key) => publishThrough(service.sidecar.httpPort, topic, cloudEvent(topic, data, key, "search-test"), key),
    async get(path, query = {}) {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
      const res = await fetch(`${service.url}${path}${search.size ? `?${search}` : ""}`);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await service.stop();
      // Deleting by wildcard is refused (destructive_requires_name): name each index.
      const indices = Object.keys(await es.indices.get({ index: `${prefix}-*`, expand_wildcards: "all" }).catch(() => ({})));
      if (indices.length) await es.indices.delete({ index: indices });
      await es.indices.deleteIndexTemplate({ name: names.template }).catch(() => undefined);
      await es.close();
    },
  };
}

/** Lowercase letters only, so that it is one token and no word of anyone else's titles. */
export const uniqueWord = (length = 9) => Array.from(randomBytes(length), (b) => "bcdfghjklmnpqrstvwxz"[b % 20]).join("");

export function productSnapshot(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  const now = new Date().toISOString();
  const categoryId = newId("cat");
  return {
    productId: newId("prd"),
    vendorId: newId("vnd"),
    ownerId: randomUUID(),
    title: "Merino wool scarf",
    description: "A warm scarf knitted from soft merino wool.",
    categoryId,
    categoryPath: [newId("cat"), categoryId],
    status: "active",
    attributes: { material: "merino" },
    variants: [{ variantId: newId("var"), sku: `SKU-${randomBytes(3).toString("hex")}`, price: { amount: 2500, currency: "EUR" }, stock: 5 }],
    images: [{ mediaId: newId("med"), url: "http://127.0.0.1:19010/product-media/scarf.png", position: 0 }],
    ratingAverage: 0,
    ratingCount: 0,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** `ms` after `iso`, as an ISO timestamp. */
export const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
