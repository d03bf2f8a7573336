// The seeded catalog as pure functions of (options, index): sellers, a three-level category
// tree, products with variants and reviews. Nothing here touches a database; seed-catalog.ts
// streams these rows into Postgres. Same options, same rows, on any machine.
import { mediaKey } from "../domain/media.ts";
import { Random, zipfTable, type ZipfTable } from "./random.ts";
import { adjectives, brandEnds, brandStarts, colours, features, pluralName, reviewPhrases, singularName, slugify, taxonomy } from "./vocabulary.ts";

export interface CatalogOptions {
  products: number;
  vendors: number;
  /** The PRNG seed: another seed gives another catalog of the same shape. */
  seed: number;
}

/** Seeded timestamps count back from here, not from now, so that a re-run writes the same rows. */
export const SEED_EPOCH = Date.parse("2026-11-01T00:00:00.000Z");
const DAY = 86_400_000;

// Seeded ids keep the id shape (`prd_` + 26 base32 characters) but carry an all-zero time
// part, which newId never makes (it would be 1970-01-01T00:00:00.000Z), then the marker
// "5eed": a re-run can find every row it wrote, and only those, with one range condition.
const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
export const SEED_ID_MARKER = "00000000005eed";

export function seedId(prefix: string, n: number): string {
  let tail = "";
  for (let i = 0, v = n; i < 12; i++, v = Math.floor(v / 32)) tail = alphabet[v % 32] + tail;
  return `${prefix}_${SEED_ID_MARKER}${tail}`;
}

/** The bounds [from, to) of every seeded id with this prefix, for `id >= from and id < to`. */
export function seedIdRange(prefix: string): { from: string; to: string } {
  return { from: `${prefix}_${SEED_ID_MARKER}`, to: `${prefix}_${SEED_ID_MARKER.slice(0, -1)}f` };
}

export const isSeedId = (id: string): boolean => id.slice(id.indexOf("_") + 1).startsWith(SEED_ID_MARKER);

// ---- categories -----------------------------------------------------------------------------

export interface SeedCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  /** Ids from the root down to this category. */
  path: string[];
  rootIndex: number;
  /** For a leaf: the singular noun its products are called by. */
  noun: string | null;
}

/** Roots, then groups, then leaves; slugs unique across the tree (a clash takes the parent's slug as prefix). */
export function buildCategories(): SeedCategory[] {
  const out: SeedCategory[] = [];
  const slugs = new Set<string>();
  const uniqueSlug = (name: string, parentSlug: string | null) => {
    let slug = slugify(name);
    if (slugs.has(slug) && parentSlug) slug = `${parentSlug}-${slug}`;
    if (slugs.has(slug)) throw new Error(`the seed taxonomy names two categories "${name}" under one parent`);
    slugs.add(slug);
    return slug;
  };
  const add = (name: string, parent: SeedCategory | null, rootIndex: number, noun: string | null) => {
    const id = seedId("cat", out.length);
    const category: SeedCategory = { id, slug: uniqueSlug(name, parent?.slug ?? null), name, parentId: parent?.id ?? null, path: [...(parent?.path ?? []), id], rootIndex, noun };
    out.push(category);
    return category;
  };
  taxonomy.forEach((root, rootIndex) => {
    const rootCategory = add(root.name, null, rootIndex, null);
    for (const [groupName, leaves] of Object.entries(root.groups)) {
      const group = add(groupName, rootCategory, rootIndex, null);
      for (const leaf of leaves) add(pluralName(leaf), group, rootIndex, singularName(leaf));
    }
  });
  return out;
}

// ---- sellers -------------------------------------------------------------------------------

export interface SeedSeller {
  vendorId: string;
  ownerId: string;
  /** The root category most of its products are listed in. */
  rootIndex: number;
  createdAt: Date;
}

export function sellerAt(options: CatalogOptions, v: number): SeedSeller {
  const random = new Random(options.seed, 1, v);
  return {
    vendorId: seedId("vnd", v),
    ownerId: random.uuid(),
    rootIndex: random.int(taxonomy.length),
    createdAt: new Date(SEED_EPOCH - 760 * DAY + random.int(30 * DAY)),
  };
}

/** A customer who writes reviews; the pool is a fifth as large as the catalog, at least 1,000. */
export function customerId(options: CatalogOptions, k: number): string {
  return new Random(options.seed, 2, k).uuid();
}
export const customerPoolSize = (options: CatalogOptions) => Math.max(1_000, Math.floor(options.products / 5));

// ---- products ------------------------------------------------------------------------------

export interface SeedVariant {
  id: string;
  sku: string;
  priceAmount: number;
  priceCurrency: "EUR";
  stock: number;
}

export interface SeedReview {
  id: string;
  authorId: string;
  rating: number;
  text: string;
  hidden: boolean;
  createdAt: Date;
}

/** A ready product image; the object itself is not uploaded (the seed fills the database only). */
export interface SeedImage {
  id: string;
  objectKey: string;
  contentType: "image/jpeg";
  position: number;
}

export interface SeedProduct {
  id: string;
  ownerId: string;
  vendorId: string;
  title: string;
  description: string;
  attributes: Record<string, string>;
  categoryId: string;
  status: "active" | "draft" | "pending_review" | "rejected" | "archived";
  statusReason: string | null;
  ratingSum: number;
  ratingCount: number;
  createdAt: Date;
  updatedAt: Date;
  variants: SeedVariant[];
  reviews: SeedReview[];
  images: SeedImage[];
}

/** What every product draws from: built once per run, shared by all products. */
export interface CatalogContext {
  options: CatalogOptions;
  categories: SeedCategory[];
  /** Per root: its leaves, in the order of their Zipf weight. */
  leavesByRoot: SeedCategory[][];
  /** Per root: the brands selling there, most popular first. */
  brandsByRoot: string[][];
  /** Per root: its price level in cents (a median). */
  priceLevel: number[];
  sellerOwners: string[];
  sellerRoots: Int16Array;
  tables: { vendors: ZipfTable; leaves: ZipfTable; brands: ZipfTable; adjectives: ZipfTable; colours: ZipfTable; materials: ZipfTable[]; reviewCount: ZipfTable; stock: ZipfTable };
}

const BRANDS_PER_ROOT = 40;
const rootPriceLevels = [4_500, 12_000, 9_000, 4_000, 7_500, 2_500, 3_000, 1_800, 6_000, 2_800, 2_500, 5_000];

export function catalogContext(options: CatalogOptions): CatalogContext {
  const categories = buildCategories();
  const leavesByRoot = taxonomy.map((_, r) => categories.filter((c) => c.rootIndex === r && c.noun));
  // Every root gets its own slice of made-up brands, some shared with other roots.
  const allBrands = brandStarts.flatMap((s) => brandEnds.map((e) => s + e));
  const brandsByRoot = taxonomy.map((_, r) => {
    const random = new Random(options.seed, 3, r);
    const picked = new Set<string>();
    while (picked.size < BRANDS_PER_ROOT) picked.add(random.pick(allBrands));
    return [...picked];
  });
  const sellerOwners: string[] = [];
  const sellerRoots = new Int16Array(options.vendors);
  for (let v = 0; v < options.vendors; v++) {
    const seller = sellerAt(options, v);
    sellerOwners.push(seller.ownerId);
    sellerRoots[v] = seller.rootIndex;
  }
  return {
    options,
    categories,
    leavesByRoot,
    brandsByRoot,
    priceLevel: taxonomy.map((_, r) => rootPriceLevels[r % rootPriceLevels.length]!),
    sellerOwners,
    sellerRoots,
    tables: {
      // Flatter than words: the biggest seller has a few percent of the catalog, not half.
      vendors: zipfTable(options.vendors, 0.6),
      leaves: zipfTable(36, 0.8),
      brands: zipfTable(BRANDS_PER_ROOT, 1),
      adjectives: zipfTable(adjectives.length, 1),
      colours: zipfTable(colours.length, 1),
      materials: taxonomy.map((root) => zipfTable(root.materials.length, 1)),
      reviewCount: zipfTable(40, 1.5),
      stock: zipfTable(400, 0.9),
    },
  };
}

const statuses: Array<[SeedProduct["status"], number]> = [
  ["active", 0.92],
  ["draft", 0.035],
  ["pending_review", 0.03],
  ["rejected", 0.005],
  ["archived", 0.01],
];

function pickStatus(random: Random): SeedProduct["status"] {
  let u = random.next();
  for (const [status, p] of statuses) {
    if (u < p) return status;
    u -= p;
  }
  return "active";
}

/** A price in cents that looks like a shop's: 19.99, 24.50, 129.00. */
function shopPrice(cents: number, random: Random): number {
  const euros = Math.max(1, Math.round(cents / 100));
  const ending = random.pick([99, 99, 95, 50, 0]);
  return ending === 0 ? euros * 100 : (euros - 1) * 100 + ending;
}

/** "Forest Green" → "FORESTGREEN": whole words, so two options never share a code. */
const code = (word: string) => word.replace(/[^A-Za-z]/g, "").toUpperCase();

/** Product number i (0-based) with its variants and reviews. */
export function productAt(ctx: CatalogContext, i: number): SeedProduct {
  const { options, tables } = ctx;
  const random = new Random(options.seed, 4, i);
  const vendor = random.zipf(tables.vendors);
  // A seller lists mostly in its own root category, sometimes elsewhere.
  const rootIndex = random.chance(0.85) ? ctx.sellerRoots[vendor]! : random.int(taxonomy.length);
  const root = taxonomy[rootIndex]!;
  const leaves = ctx.leavesByRoot[rootIndex]!;
  // The leaf order is shuffled per seller so that popular leaves differ between sellers.
  const leaf = leaves[(random.zipf(tables.leaves) + vendor) % leaves.length]!;
  const brand = random.pickSkewed(ctx.brandsByRoot[rootIndex]!, tables.brands);
  const adjective = random.pickSkewed(adjectives, tables.adjectives);
  const material = root.materials[random.zipf(tables.materials[rootIndex]!)]!;
  const colour = random.pickSkewed(colours, tables.colours);
  const noun = leaf.noun!;

  const shape = random.next();
  let title =
    shape < 0.35 ? `${brand} ${adjective} ${noun}`
    : shape < 0.65 ? `${brand} ${material} ${noun}`
    : shape < 0.85 ? `${brand} ${adjective} ${material} ${noun}`
    : `${brand} ${noun} ${random.pick(["One", "Two", "Air", "Max", "Mini", "Plus", "Lite", "Pro"])} ${random.between(2, 9) * 100}`;
  if (random.chance(0.3)) title += `, ${colour}`;

  const [featureA, featureB] = [random.pick(features), random.pick(features)];
  const description =
    `The ${brand} ${noun.toLowerCase()} in ${colour.toLowerCase()} ${material.toLowerCase()}: ${featureA}${featureA === featureB ? "" : ` and ${featureB}`}. ` +
    `${adjective} and ${random.pick(adjectives).toLowerCase()}, ${random.pick(features)}. ` +
    `Part of ${brand}'s ${pluralName(noun).toLowerCase()} collection.`;

  const attributes: Record<string, string> = { brand, colour, material };
  for (const [name, values] of Object.entries(root.attributes)) attributes[name] = random.pick(values);

  const status = pickStatus(random);
  const createdAt = new Date(SEED_EPOCH - random.int(730 * DAY));
  const updatedAt = new Date(Math.min(SEED_EPOCH, createdAt.getTime() + random.int(120 * DAY)));

  // Variants differ by size where the root has sizes, else by colour.
  const variantCount = random.chance(0.5) ? 1 : random.chance(0.6) ? 2 : 3;
  const sizes = root.attributes.size;
  const options_ = sizes ? [...sizes] : [...colours.slice(0, 8)];
  const start = random.int(options_.length);
  const basePrice = ctx.priceLevel[rootIndex]! * Math.exp((random.next() + random.next() + random.next() - 1.5) * 1.4);
  const skuBase = `${code(brand).slice(0, 3)}-${i.toString(36).toUpperCase().padStart(5, "0")}`;
  const variants: SeedVariant[] = [];
  for (let k = 0; k < variantCount; k++) {
    const option = options_[(start + k) % options_.length]!;
    variants.push({
      id: seedId("var", i * 3 + k),
      sku: `${skuBase}-${code(option)}`,
      priceAmount: shopPrice(basePrice * (1 + k * 0.08), random),
      priceCurrency: "EUR",
      stock: random.chance(0.08) ? 0 : 1 + random.zipf(tables.stock),
    });
  }

  // Only listings that were live collect reviews; a few reviews are hidden by moderation.
  const reviews: SeedReview[] = [];
  let ratingSum = 0;
  let ratingCount = 0;
  if ((status === "active" || status === "archived") && random.chance(0.25)) {
    const count = 1 + random.zipf(tables.reviewCount);
    const quality = 2.6 + random.next() * 2.3;
    const pool = customerPoolSize(options);
    const firstAuthor = random.int(pool);
    for (let k = 0; k < count; k++) {
      const rating = Math.min(5, Math.max(1, Math.round(quality + (random.next() - 0.5) * 2.4)));
      const hidden = random.chance(0.02);
      // Stepping by a prime through the pool gives distinct authors for one product.
      const author = (firstAuthor + k * 7_919) % pool;
      reviews.push({
        id: seedId("rev", i * 64 + k),
        authorId: customerId(options, author),
        rating,
        text: `${random.pick(reviewPhrases)} ${rating >= 4 ? `The ${noun.toLowerCase()} is ${random.pick(["lovely", "great", "well made", "just right"])}.` : random.pick(reviewPhrases)}`,
        hidden,
        createdAt: new Date(createdAt.getTime() + random.int(Math.max(1, SEED_EPOCH - createdAt.getTime()))),
      });
      if (!hidden) {
        ratingSum += rating;
        ratingCount += 1;
      }
    }
  }

  const id = seedId("prd", i);
  const imageCount = random.pick([0, 1, 1, 1, 1, 2, 2, 2, 3, 3]);
  const images: SeedImage[] = [];
  for (let k = 0; k < imageCount; k++) {
    const mediaId = seedId("med", i * 4 + k);
    images.push({ id: mediaId, objectKey: mediaKey(id, mediaId, "image/jpeg"), contentType: "image/jpeg", position: k });
  }

  return {
    id,
    ownerId: ctx.sellerOwners[vendor]!,
    vendorId: seedId("vnd", vendor),
    title,
    description,
    attributes,
    categoryId: leaf.id,
    status,
    statusReason: status === "rejected" ? random.pick(["The photos do not show the product.", "The title names another brand.", "The price is missing a variant."]) : null,
    ratingSum,
    ratingCount,
    createdAt,
    updatedAt,
    variants,
    reviews,
    images,
  };
}
