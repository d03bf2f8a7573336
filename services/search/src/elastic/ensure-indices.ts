import type { Logger } from "@market/kit";
import { alreadyExists, type Elastic } from "./connect.ts";
import { productIndexSettings, productMappings, vendorMappings, type IndexNames } from "./index-layout.ts";

export interface IndexOptions {
  shards: number;
  replicas: number;
}

/**
 * The index template gives every `<prefix>-v*` index the same settings and strict mappings,
 * including one created by accident (a late write to an index a reindex just deleted).
 */
export async function putProductTemplate(es: Elastic, names: IndexNames, options: IndexOptions): Promise<void> {
  await es.indices.putIndexTemplate({
    name: names.template,
    index_patterns: [names.versionedPattern],
    priority: 100,
    template: { settings: productIndexSettings(options), mappings: productMappings },
  });
}

/** At start: the template, the vendors index and, when the read alias is missing, a first index behind both aliases. */
export async function ensureIndices(es: Elastic, names: IndexNames, options: IndexOptions, log: Logger): Promise<void> {
  await putProductTemplate(es, names, options);
  await createIfMissing(() =>
    es.indices.create({ index: names.vendors, settings: { number_of_shards: 1, number_of_replicas: options.replicas }, mappings: vendorMappings }),
  );
  if (await es.indices.existsAlias({ name: names.read })) return;
  // A fixed name: two replicas starting together create it once, the other finds it existing.
  const created = await createIfMissing(() => es.indices.create({ index: names.initial, aliases: { [names.read]: {}, [names.write]: {} } }));
  if (created) log.info({ index: names.initial, alias: names.read }, "created the first products index");
}

async function createIfMissing(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (alreadyExists(error)) return false;
    throw error;
  }
}
