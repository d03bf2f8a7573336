import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productCreated, productUpdated, type ProductSnapshot } from "@market/contracts";
import { createLogger, newId } from "@market/kit";
import { waitFor } from "@market/testing";
import type { ProductDocument } from "./domain/product-document.ts";
import { rebuildIndex } from "./reindex/rebuild-index.ts";
import type { SnapshotSource } from "./reindex/snapshot-source.ts";
import { later, productSnapshot, startSearchHarness, uniqueWord, type SearchHarness } from "./test-support.ts";

// The reindex core against a real search service and real events, with the catalog export
// given as a function (the product service's export is exercised by `npm run reindex`).

let h: SearchHarness;

beforeAll(async () => {
  h = await startSearchHarness("search-rx");
});
afterAll(async () => h?.stop());

const search = (query: Record<string, string | number | boolean>) => h.get("/search/products", query);

async function indexedThroughEvents(overrides: Partial<ProductSnapshot>) {
  const product = productSnapshot(overrides);
  await h.publish(productCreated, product, product.productId);
  await waitFor(async () => (await search({ vendor: product.vendorId, q: product.title })).body.items.some((i: { productId: string }) => i.productId === product.productId), {
    what: `${product.productId} indexed`,
    timeoutMs: 60_000,
  });
  return product;
}

describe("reindex", () => {
  it("builds a new index, swaps the alias without downtime and loses no event that arrives meanwhile", async () => {
    const vendorId = newId("vnd");
    const word = uniqueWord();
    const changed = await indexedThroughEvents({ vendorId, title: `Original ${word} teapot` });
    const gone = await indexedThroughEvents({ vendorId, title: `Withdrawn ${word} kettle` });
    const [before] = Object.keys(await h.es.indices.getAlias({ name: h.names.read }));

    // The catalog as the export shows it: 2,400 products, `changed` as it was before its last
    // update (an event delivered during the reindex), `gone` no longer listed.
    const catalog = Array.from({ length: 2_400 }, (_, i) => productSnapshot({ vendorId, title: `Catalog ${word} mug ${i}` }));
    catalog.splice(1_000, 0, { ...changed, title: `Stale ${word} teapot` });
    catalog.sort((a, b) => a.productId.localeCompare(b.productId));
    const bornDuringReindex = productSnapshot({ vendorId, title: `Newborn ${word} saucer` });
    const freshTitle = `Fresh ${word} teapot`;

    let building: string | undefined;
    let pagesServed = 0;
    const pageSize = 400;
    const source: SnapshotSource = async (after) => {
      if (pagesServed++ === 0) {
        // Events handled while the new index is being built reach it too, and before the export writes.
        building = Object.keys(await h.es.indices.getAlias({ name: h.names.write })).find((name) => name !== before);
        await h.publish(productUpdated, { ...changed, title: freshTitle, updatedAt: later(changed.updatedAt, 60_000) }, changed.productId);
        await h.publish(productCreated, bornDuringReindex, bornDuringReindex.productId);
        await waitFor(async () => (await h.es.get<ProductDocument>({ index: building!, id: changed.productId }).catch(() => undefined))?._source?.title === freshTitle, {
          what: "the update in the index being built",
          timeoutMs: 60_000,
        });
      }
      const start = after ? catalog.findIndex((p) => p.productId > after) : 0;
      const items = catalog.slice(start, start + pageSize);
      return { items, next: start + pageSize < catalog.length ? items.at(-1)!.productId : null };
    };

    // Searches keep answering, with results, all through the reindex and the swap.
    let searching = true;
    const failures: string[] = [];
    let searches = 0;
    const searcher = (async () => {
      while (searching) {
        const answer = await search({ vendor: vendorId });
        searches++;
        if (answer.status !== 200 || answer.body.total < 1) failures.push(`${answer.status} total=${answer.body?.total}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const stats = await rebuildIndex({ es: h.es, names: h.names, source, index: { shards: 1, replicas: 0 }, log: createLogger("reindex-test", "warn"), settleMs: 2_000 });
    searching = false;
    await searcher;
    console.log(`reindex of ${stats.documents} products: ${stats.seconds.toFixed(2)} s, ${stats.docsPerSecond} docs/s, ${stats.merged} merged; ${searches} searches during it`);

    expect(failures).toEqual([]);
    expect(stats.documents).toBe(2_401);
    expect(stats.merged).toBeGreaterThanOrEqual(1);
    expect(stats.replaced).toEqual([before]);
    expect(Object.keys(await h.es.indices.getAlias({ name: h.names.read }))).toEqual([stats.index]);
    expect(Object.keys(await h.es.indices.getAlias({ name: h.names.write }))).toEqual([stats.index]);
    expect(await h.es.indices.exists({ index: before! })).toBe(false);

    const all = await search({ vendor: vendorId, size: 1 });
    expect(all.body.total).toBe(2_402);
    const teapot = await search({ vendor: vendorId, q: "teapot" });
    expect(teapot.body.items.map((i: { title: string }) => i.title)).toEqual([freshTitle]);
    expect((await search({ vendor: vendorId, q: "saucer" })).body.items.map((i: { productId: string }) => i.productId)).toEqual([bornDuringReindex.productId]);
    expect((await search({ vendor: vendorId, q: "withdrawn" })).body.items).toEqual([]);
    expect(gone.productId).not.toBe(changed.productId);

    // After the swap, events land in the new index.
    await h.publish(productUpdated, { ...bornDuringReindex, title: `Renamed ${word} saucer`, updatedAt: later(bornDuringReindex.updatedAt, 1_000) }, bornDuringReindex.productId);
    await waitFor(async () => (await search({ vendor: vendorId, q: "renamed" })).body.total === 1, { what: "an event after the swap", timeoutMs: 60_000 });
  });

  it("leaves the alias and the live index alone when the export fails", async () => {
    const [before] = Object.keys(await h.es.indices.getAlias({ name: h.names.read }));
    const failing: SnapshotSource = async () => {
      throw new Error("catalog export answered 503");
    };
    await expect(rebuildIndex({ es: h.es, names: h.names, source: failing, index: { shards: 1, replicas: 0 }, log: createLogger("reindex-test", "silent"), settleMs: 100 })).rejects.toThrow("503");
    expect(Object.keys(await h.es.indices.getAlias({ name: h.names.read }))).toEqual([before]);
    expect(Object.keys(await h.es.indices.getAlias({ name: h.names.write }))).toEqual([before]);
    expect(Object.keys(await h.es.indices.get({ index: h.names.versionedPattern }))).toEqual([before]);
  });
});
