import type { estypes } from "@elastic/elasticsearch";

/**
 * The mapping's version is part of each index name: a change here ships with a reindex into
 * `<prefix>-v<next>-<stamp>`, never an in-place edit of a live index.
 */
export const mappingVersion = 1;

export interface IndexNames {
  /** The alias every query reads. */
  read: string;
  /** The alias naming every index that must receive event writes: the live one and any being built. */
  write: string;
  /** Suspended vendors and the one document queries look their ids up in. */
  vendors: string;
  /** What every versioned index's name starts with. */
  versionedPattern: string;
  template: string;
  initial: string;
  /** A fresh versioned index name for a reindex. */
  next(now?: Date): string;
}

export function indexNames(prefix: string): IndexNames {
  return {
    read: prefix,
    write: `${prefix}-write`,
    // Not `<prefix>-v…`: that is the versioned indices' pattern (template, reindex clean-up).
    vendors: `${prefix}-hidden-vendors`,
    versionedPattern: `${prefix}-v*`,
    template: `${prefix}-template`,
    initial: `${prefix}-v${mappingVersion}-initial`,
    next: (now = new Date()) => `${prefix}-v${mappingVersion}-${now.toISOString().replace(/\D/g, "").slice(0, 17)}`,
  };
}

/** The one document in the vendors index that queries read with a `terms` lookup. */
export const hiddenVendorsDocId = "hidden";

/**
 * Only what the bare server has: the standard tokenizer, the lowercase and shingle filters,
 * index_prefixes for type-ahead, flattened for free-form attributes (each checked with
 * _analyze and a real request against Elasticsearch 8.19 without analysis-common).
 */
const analysis: estypes.IndicesIndexSettingsAnalysis = {
  normalizer: { folded: { type: "custom", filter: ["lowercase"] } },
  analyzer: {
    // Word pairs feed the phrase suggester's language model ("did you mean").
    title_shingles: { type: "custom", tokenizer: "standard", filter: ["lowercase", "shingle"] },
  },
};

export const productMappings: estypes.MappingTypeMapping = {
  dynamic: "strict",
  // The one dynamic corner: `prices.<ISO currency>.{min,max}`, one pair per currency a product is sold in.
  dynamic_templates: [{ price_bounds: { path_match: "prices.*", match_mapping_type: "long", mapping: { type: "long" } } }],
  properties: {
    productId: { type: "keyword" },
    vendorId: { type: "keyword", eager_global_ordinals: true },
    live: { type: "boolean" },
    status: { type: "keyword" },
    title: {
      type: "text",
      analyzer: "standard",
      // Prefixes of each title word are indexed terms: autocomplete is a term lookup, not a scan.
      index_prefixes: { min_chars: 1, max_chars: 10 },
      fields: {
        keyword: { type: "keyword", normalizer: "folded", ignore_above: 512 },
        shingles: { type: "text", analyzer: "title_shingles" },
      },
    },
    description: { type: "text", analyzer: "standard" },
    categoryId: { type: "keyword" },
    categoryPath: { type: "keyword", eager_global_ordinals: true },
    attributes: { type: "flattened" },
    currencies: { type: "keyword" },
    prices: { type: "object", dynamic: true },
    variants: { type: "object", enabled: false },
    stock: { type: "object", enabled: false },
    inStock: { type: "boolean" },
    ratingAverage: { type: "float" },
    ratingCount: { type: "integer" },
    ratingAt: { type: "date" },
    imageUrl: { type: "keyword", index: false, doc_values: false },
    createdAt: { type: "date" },
    updatedAt: { type: "date" },
    deletedAt: { type: "date" },
  },
};

export const vendorMappings: estypes.MappingTypeMapping = {
  dynamic: "strict",
  properties: {
    vendorIds: { type: "keyword" },
    vendorId: { type: "keyword" },
    suspended: { type: "boolean" },
    suspendedAt: { type: "date" },
    payoutsEnabled: { type: "boolean" },
    payoutsAt: { type: "date" },
  },
};

export function productIndexSettings(options: { shards: number; replicas: number }): estypes.IndicesIndexSettings {
  return { number_of_shards: options.shards, number_of_replicas: options.replicas, analysis };
}
