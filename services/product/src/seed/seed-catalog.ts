// Loads a large, realistic, deterministic catalog into the product service's database:
// sellers, a three-level category tree, products with variants, images and reviews.
//
//   npm run seed:catalog -- --products 1000000 --vendors 5000 [--seed 1] [--database-url URL]
//
// Offline tool: it takes the catalog tables' locks for the whole load (the product service
// waits meanwhile). One transaction: an interrupted run leaves the catalog as it was. Running
// it again replaces what the seed wrote before (its rows carry ids of their own, catalog.ts)
// and leaves every other row alone. No outbox rows: the search index is built by its
// reindex from the product service's export, not by a million events (run `npm run reindex`
// after it). A running product service may answer from its short-lived read cache until the
// entries expire: the seed writes beneath it, as a restore from a backup would.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrateDatabase } from "@market/kit";
import { buildCategories, catalogContext, productAt, SEED_EPOCH, seedIdRange, sellerAt, type CatalogOptions, type SeedProduct } from "./catalog.ts";
import { checkColumns, copyInto, dropSecondaryIndexes, rebuildIndexes, referencingTables, tableExists, type IndexDefinition } from "./bulk-load.ts";
import { copyLine } from "./copy-text.ts";

export interface SeedOptions extends CatalogOptions {
  databaseUrl: string;
  log?: (line: string) => void;
}

export interface TableTiming {
  table: string;
  rows: number;
  seconds: number;
}

export interface SeedReport {
  tables: TableTiming[];
  /** How the previous seed's rows went: all catalog tables truncated, or only seeded rows deleted. */
  cleared: "truncated" | "deleted";
  seconds: number;
}

const categoriesSince = new Date(SEED_EPOCH - 800 * 86_400_000);
const drizzleFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

const columns = {
  categories: ["id", "slug", "name", "parent_id", "created_at", "updated_at"],
  sellers: ["vendor_id", "owner_id", "status", "payouts_enabled", "status_at", "payouts_at", "updated_at"],
  products: ["id", "owner_id", "vendor_id", "title", "description", "attributes", "category_id", "status", "status_reason", "rating_sum", "rating_count", "created_at", "updated_at", "deleted_at"],
  variants: ["id", "product_id", "sku", "price_amount", "price_currency", "stock", "reserved", "created_at", "updated_at"],
  product_media: ["id", "product_id", "object_key", "content_type", "status", "position", "created_at", "updated_at"],
  reviews: ["id", "product_id", "author_id", "rating", "text", "hidden_at", "moderation_reason", "moderated_by", "created_at", "updated_at"],
} as const;

/** The rows each table gets from one product, in the order of `columns`. */
const productRows: Record<"products" | "variants" | "product_media" | "reviews", (p: SeedProduct) => Iterable<string>> = {
  products: (p) => [
    copyLine([p.id, p.ownerId, p.vendorId, p.title, p.description, p.attributes, p.categoryId, p.status, p.statusReason, p.ratingSum, p.ratingCount, p.createdAt, p.updatedAt, null]),
  ],
  variants: (p) => p.variants.map((v) => copyLine([v.id, p.id, v.sku, v.priceAmount, v.priceCurrency, v.stock, 0, p.createdAt, p.updatedAt])),
  product_media: (p) => p.images.map((m) => copyLine([m.id, p.id, m.objectKey, m.contentType, "ready", m.position, p.createdAt, p.createdAt])),
  reviews: (p) =>
    p.reviews.map((r) =>
      copyLine([r.id, p.id, r.authorId, r.rating, r.text, r.hidden ? r.createdAt : null, r.hidden ? "Off-topic." : null, null, r.createdAt, r.createdAt]),
    ),
};

/** Tables whose rows hang off products (directly or through variants) and how to find the seeded product's ones. */
const catalogChildren: Record<string, string> = {
  variants: "product_id >= $1 and product_id < $2",
  reviews: "product_id >= $1 and product_id < $2",
  product_media: "product_id >= $1 and product_id < $2",
  stock_movements: "variant_id in (select id from variants where product_id >= $1 and product_id < $2)",
  reservations: "product_id >= $1 and product_id < $2",
};

export async function seedCatalog(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  await migrateDatabase(options.databaseUrl, drizzleFolder);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const timings: TableTiming[] = [];
  /** Times one step; `rows` steps are loads (rows/s is printed), the others checks or rebuilds. */
  const timed = async (table: string, work: () => Promise<number>, kind: "rows" | "step" = "rows") => {
    const t0 = performance.now();
    const rows = await work();
    const timing = { table, rows, seconds: (performance.now() - t0) / 1000 };
    const took = `in ${timing.seconds.toFixed(1).padStart(6)} s`;
    if (kind === "rows") {
      timings.push(timing);
      log(`  ${table.padEnd(22)} ${rows.toLocaleString("en").padStart(10)} rows ${took}  (${Math.round(rows / Math.max(timing.seconds, 0.001)).toLocaleString("en")} rows/s)`);
    } else {
      log(`  ${table.padEnd(22)} ${"".padStart(15)} ${took}${rows ? `  (${rows.toLocaleString("en")} rows)` : ""}`);
    }
    return rows;
  };
  try {
    const present = {
      sellers: await tableExists(client, "sellers"),
      product_media: await tableExists(client, "product_media"),
    };
    for (const [table, written] of Object.entries(columns)) {
      if (present[table as keyof typeof present] !== false) await checkColumns(client, table, written);
    }
    const children = Object.keys(catalogChildren).filter((t) => t !== "product_media" || present.product_media);
    await checkNoUnknownChildren(client, children);

    const ctx = catalogContext(options);
    const products = seedIdRange("prd");
    await client.query("begin");
    // Each row is checked by the seed's own verification below (one pass over each table)
    // instead of one foreign-key trigger per row; the checks and unique indexes still apply.
    const triggersOff = await client.query("set local session_replication_role = replica").then(
      () => true,
      async () => {
        log("  (not a superuser: foreign keys are checked row by row, which is slower)");
        await client.query("rollback");
        await client.query("begin");
        return false;
      },
    );
    await client.query("set local maintenance_work_mem = '512MB'");

    // Out with the previous seed: all at once when the catalog holds nothing else.
    const foreign = await client.query("select exists (select 1 from products where not (id >= $1 and id < $2)) as found", [products.from, products.to]);
    const cleared: SeedReport["cleared"] = foreign.rows[0].found ? "deleted" : "truncated";
    const t0 = performance.now();
    if (cleared === "truncated") {
      await client.query(`truncate ${["products", ...children].join(", ")}`);
    } else {
      for (const table of ["stock_movements", "reservations", ...children.filter((t) => t !== "stock_movements" && t !== "reservations")]) {
        await client.query(`delete from ${table} where ${catalogChildren[table]}`, [products.from, products.to]);
      }
      await client.query("delete from products where id >= $1 and id < $2", [products.from, products.to]);
    }
    if (present.sellers) {
      const sellers = seedIdRange("vnd");
      await client.query("delete from sellers where vendor_id >= $1 and vendor_id < $2", [sellers.from, sellers.to]);
    }
    log(`  previous seed ${cleared} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Categories may already carry other vendors' products: they are updated in place, never removed.
    await timed("categories", async () => {
      await client.query("create temp table seed_categories (like categories including defaults) on commit drop");
      const rows = await copyInto(
        client,
        "seed_categories",
        columns.categories,
        buildCategories().map((c) => copyLine([c.id, c.slug, c.name, c.parentId, categoriesSince, categoriesSince])),
      );
      await client.query(
        `insert into categories (${columns.categories.join(", ")}) select ${columns.categories.join(", ")} from seed_categories
         on conflict (id) do update set slug = excluded.slug, name = excluded.name, parent_id = excluded.parent_id, updated_at = excluded.updated_at`,
      );
      return rows;
    });

    if (present.sellers) {
      await timed("sellers", () =>
        copyInto(client, "sellers", columns.sellers, generate(options.vendors, (v) => {
          const s = sellerAt(options, v);
          return [copyLine([s.vendorId, s.ownerId, "approved", true, s.createdAt, s.createdAt, s.createdAt])];
        })),
      );
    }

    const loaded: Array<keyof typeof productRows> = ["products", "variants", ...(present.product_media ? (["product_media"] as const) : []), "reviews"];
    const dropped: IndexDefinition[] = [];
    for (const table of loaded) dropped.push(...(await dropSecondaryIndexes(client, table)));
    // Every pass makes each product again from its own PRNG stream (cheap next to Postgres's
    // work) rather than keeping a million products in memory for the later tables.
    for (const table of loaded) {
      await timed(table, () =>
        copyInto(client, table, columns[table], generate(options.products, (i) => productRows[table](productAt(ctx, i))), (rows) => log(`    ${table}: ${rows.toLocaleString("en")} rows…`)),
      );
    }
    await timed(`indexes (${dropped.length} rebuilt)`, async () => {
      await rebuildIndexes(client, dropped);
      return 0;
    }, "step");
    if (triggersOff) await timed("foreign keys verified", () => verifyReferences(client, children), "step");
    await timed("ratings verified", () => verifyRatings(client, products), "step");
    await client.query("commit");
    // Fresh statistics, or the planner guesses from an empty table; a vacuum too after deletes.
    await timed("analyze", async () => {
      await client.query(`${cleared === "deleted" ? "vacuum (analyze)" : "analyze"} categories, products, ${children.join(", ")}${present.sellers ? ", sellers" : ""}`);
      return 0;
    }, "step");
    return { tables: timings, cleared, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

function* generate(count: number, rowsOf: (i: number) => Iterable<string>): Generator<string> {
  for (let i = 0; i < count; i++) yield* rowsOf(i);
}

/** A table the seed does not know that points at products or variants would be left dangling by a re-run. */
async function checkNoUnknownChildren(client: pg.ClientBase, known: readonly string[]): Promise<void> {
  const referencing = new Set([...(await referencingTables(client, "products")), ...(await referencingTables(client, "variants"))]);
  const unknown = [...referencing].filter((t) => !known.includes(t) && t !== "variants");
  if (unknown.length) throw new Error(`tables ${unknown.join(", ")} reference products or variants and the seed does not clear them: teach services/product/src/seed/seed-catalog.ts`);
}

/** With the foreign-key triggers off for the load, every reference is checked once here; returns the rows checked. */
async function verifyReferences(client: pg.ClientBase, children: readonly string[]): Promise<number> {
  const checks: Array<[string, string]> = [
    ["products → categories", "select count(*)::int as n from products p where not exists (select 1 from categories c where c.id = p.category_id)"],
    ["categories → parent", "select count(*)::int as n from categories c where c.parent_id is not null and not exists (select 1 from categories p where p.id = c.parent_id)"],
    ...children
      .filter((t) => t === "stock_movements" || t === "reservations")
      .map((t): [string, string] => [`${t} → variants`, `select count(*)::int as n from ${t} x where not exists (select 1 from variants v where v.id = x.variant_id)`]),
    ...children
      .filter((t) => t !== "stock_movements")
      .map((t): [string, string] => [`${t} → products`, `select count(*)::int as n from ${t} x where not exists (select 1 from products p where p.id = x.product_id)`]),
  ];
  for (const [what, query] of checks) {
    const { rows } = await client.query(query);
    if (rows[0].n > 0) throw new Error(`${rows[0].n} rows break ${what}; nothing was written`);
  }
  const { rows } = await client.query(`select (select count(*) from products)::int + ${children.filter((t) => t !== "stock_movements").map((t) => `(select count(*) from ${t})::int`).join(" + ")} as n`);
  return rows[0].n;
}

/** Each seeded product's rating_sum and rating_count equal its visible reviews'; returns the products checked. */
async function verifyRatings(client: pg.ClientBase, range: { from: string; to: string }): Promise<number> {
  const { rows } = await client.query(
    `select count(*)::int as checked, count(*) filter (where p.rating_sum <> coalesce(r.total, 0) or p.rating_count <> coalesce(r.n, 0))::int as wrong
       from products p
       left join (select product_id, sum(rating) as total, count(*) as n from reviews where hidden_at is null group by product_id) r on r.product_id = p.id
      where p.id >= $1 and p.id < $2`,
    [range.from, range.to],
  );
  if (rows[0].wrong > 0) throw new Error(`${rows[0].wrong} seeded products have ratings that disagree with their reviews; nothing was written`);
  return rows[0].checked;
}

// ---- command line --------------------------------------------------------------------------

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be a whole number from 1 to ${max.toLocaleString("en")}, not "${value}"`);
  return n;
}

class UsageError extends Error {}

async function main() {
  const { values } = parseArgs({
    options: {
      products: { type: "string" },
      vendors: { type: "string" },
      seed: { type: "string" },
      "database-url": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log("usage: npm run seed:catalog -- [--products 1000000] [--vendors 5000] [--seed 1] [--database-url postgres://…/product]");
    return;
  }
  const products = positiveInt("products", values.products, 1_000_000, 20_000_000);
  const vendors = positiveInt("vendors", values.vendors, 5_000, 1_000_000);
  const seed = positiveInt("seed", values.seed, 1, 2 ** 31);
  if (vendors > products) throw new UsageError("--vendors must not exceed --products");
  const databaseUrl = values["database-url"] ?? process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${process.env.PG_PORT ?? 15432}/product`;
  const where = new URL(databaseUrl);
  console.log(`seed:catalog: ${products.toLocaleString("en")} products, ${vendors.toLocaleString("en")} vendors, seed ${seed} → ${where.host}${where.pathname}`);
  const report = await seedCatalog({ products, vendors, seed, databaseUrl, log: (line) => console.log(line) });
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`seed:catalog: done in ${report.seconds.toFixed(1)} s (previous seed ${report.cleared}; peak memory ${maxRssMb} MB)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`seed:catalog: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
