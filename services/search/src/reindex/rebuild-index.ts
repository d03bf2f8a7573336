import type { estypes } from "@elastic/elasticsearch";
import type { Logger } from "@market/kit";
import type { ProductSnapshot } from "@market/contracts";
import { applySnapshot, type ProductDocument } from "../domain/product-document.ts";
import { modifyDocument } from "../documents/modify-document.ts";
import type { Elastic } from "../elastic/connect.ts";
import { putProductTemplate, type IndexOptions } from "../elastic/ensure-indices.ts";
import type { IndexNames } from "../elastic/index-layout.ts";
import { writeTargetsTtlMs } from "../elastic/write-targets.ts";
import type { SnapshotPage, SnapshotSource } from "./snapshot-source.ts";

export interface ReindexStats {
  index: string;
  replaced: string[];
  documents: number;
  /** Documents an event had already written to the new index: merged by time, not overwritten. */
  merged: number;
  pages: number;
  seconds: number;
  docsPerSecond: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds a new versioned index from the catalog export and swaps the read alias onto it in
 * one atomic step, then deletes the old index: searches never see a missing or half-built
 * index. The new index joins the write alias before the export is read, so every event
 * handled meanwhile reaches it too; snapshots are written with `create` and, where an event
 * got there first, merged by time, so newer event data is never overwritten.
 */
export async function rebuildIndex(options: {
  es: Elastic;
  names: IndexNames;
  source: SnapshotSource;
  index: IndexOptions;
  log: Logger;
  /** How long handlers may keep an old list of write targets (tests shorten it). */
  settleMs?: number;
  now?: () => Date;
}): Promise<ReindexStats> {
  const { es, names, source, log } = options;
  const settleMs = options.settleMs ?? 2 * writeTargetsTtlMs;
  const started = performance.now();
  const index = names.next(options.now?.());
  await putProductTemplate(es, names, options.index);
  await es.indices.create({ index, settings: { refresh_interval: "-1" } });
  await es.indices.putAlias({ index, name: names.write });
  let documents = 0;
  let merged = 0;
  let pages = 0;
  try {
    await sleep(settleMs);
    // The next page is fetched while the current one is written.
    const read = (after: string | null) => {
      const observedAt = new Date().toISOString();
      return source(after).then((page) => ({ page, observedAt }));
    };
    let pending: Promise<{ page: SnapshotPage; observedAt: string }> | undefined = read(null);
    while (pending) {
      const { page, observedAt }: { page: SnapshotPage; observedAt: string } = await pending;
      pending = page.next ? read(page.next) : undefined;
      merged += await writeSnapshots(es, index, page.items, observedAt);
      documents += page.items.length;
      pages++;
      if (pages % 50 === 0) log.info({ documents, docsPerSecond: Math.round(documents / ((performance.now() - started) / 1000)) }, "reindex progress");
    }
    await es.indices.putSettings({ index, settings: { refresh_interval: null as unknown as string } });
    await es.indices.refresh({ index });
  } catch (error) {
    await es.indices.deleteAlias({ index, name: names.write }).catch(() => undefined);
    await es.indices.delete({ index }).catch(() => undefined);
    throw error;
  }

  const current = Object.keys(await es.indices.getAlias({ name: names.read }).catch(() => ({})));
  const writing = Object.keys(await es.indices.getAlias({ name: names.write }));
  const retiring = writing.filter((name) => name !== index && current.includes(name));
  await es.indices.updateAliases({
    actions: [
      ...current.map((name) => ({ remove: { index: name, alias: names.read } })),
      { add: { index, alias: names.read } },
      ...retiring.map((name) => ({ remove: { index: name, alias: names.write } })),
    ],
  });
  // Handlers holding the old target list finish their writes before the old index goes.
  await sleep(settleMs);
  const stillWriting = new Set(Object.keys(await es.indices.getAlias({ name: names.write })));
  const all = Object.keys(await es.indices.get({ index: names.versionedPattern, expand_wildcards: "open" }));
  const versioned = new RegExp(`^${names.read.replace(/[-]/g, "\\-")}-v\\d+-`);
  const replaced = all.filter((name) => name !== index && !stillWriting.has(name) && versioned.test(name));
  if (replaced.length) await es.indices.delete({ index: replaced });

  const seconds = (performance.now() - started) / 1000;
  return { index, replaced, documents, merged, pages, seconds, docsPerSecond: Math.round(documents / seconds) };
}

/** One bulk of `create`s; a conflict means an event wrote first, and the snapshot is merged into it. */
async function writeSnapshots(es: Elastic, index: string, snapshots: ProductSnapshot[], observedAt: string): Promise<number> {
  if (!snapshots.length) return 0;
  let pending = snapshots;
  let merged = 0;
  for (let attempt = 1; pending.length; attempt++) {
    const operations: estypes.BulkRequest["operations"] = [];
    for (const snapshot of pending) {
      const doc = applySnapshot(undefined, snapshot, observedAt);
      operations.push({ create: { _index: index, _id: snapshot.productId } }, doc);
    }
    const response = await es.bulk({ operations, refresh: false });
    const retry: ProductSnapshot[] = [];
    const conflicts: ProductSnapshot[] = [];
    const failures: string[] = [];
    response.items.forEach((item, i) => {
      const result = item.create;
      if (!result?.error) return;
      if (result.status === 409) conflicts.push(pending[i]!);
      else if (result.status === 429 || result.status >= 500) retry.push(pending[i]!);
      else failures.push(`${result._id}: ${result.error.type} ${result.error.reason ?? ""}`);
    });
    if (failures.length) throw new Error(`indexing failed for ${failures.length} products, e.g. ${failures.slice(0, 3).join("; ")}`);
    for (const snapshot of conflicts) {
      await modifyDocument<ProductDocument>(es, index, snapshot.productId, (current) => applySnapshot(current, snapshot, observedAt));
      merged++;
    }
    if (retry.length && attempt >= 5) throw new Error(`Elasticsearch kept refusing ${retry.length} documents`);
    if (retry.length) await sleep(200 * attempt);
    pending = retry;
  }
  return merged;
}
