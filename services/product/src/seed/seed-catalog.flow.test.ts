// The catalog seed against a real Postgres, each test in a database of its own.
import { afterEach, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@market/testing";
import { catalogContext, productAt, seedId } from "./catalog.ts";
import { seedCatalog } from "./seed-catalog.ts";

const options = { products: 3_000, vendors: 60, seed: 11 };
const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) await db.drop();
});

async function freshDatabase() {
  const db = await createTestDatabase("seed_catalog");
  databases.push(db);
  return db;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** One hash of every seeded row of the catalog tables, to compare two runs. */
const fingerprint = (url: string) =>
  query<{ table: string; hash: string }>(
    url,
    `select 'products' as table, md5(string_agg(t::text, '|' order by id)) as hash from products t where id like 'prd\\_00000000005eed%'
     union all select 'variants', md5(string_agg(t::text, '|' order by id)) from variants t where product_id like 'prd\\_00000000005eed%'
     union all select 'reviews', md5(string_agg(t::text, '|' order by id)) from reviews t where product_id like 'prd\\_00000000005eed%'
     union all select 'product_media', md5(string_agg(t::text, '|' order by id)) from product_media t where product_id like 'prd\\_00000000005eed%'
     union all select 'sellers', md5(string_agg(t::text, '|' order by vendor_id)) from sellers t
     union all select 'categories', md5(string_agg(t::text, '|' order by id)) from categories t where id like 'cat\\_00000000005eed%'`,
  );

describe("seed:catalog", () => {
  it("loads exactly the generated catalog, ratings matching reviews, every index rebuilt and no events", async () => {
    const db = await freshDatabase();
    const report = await seedCatalog({ ...options, databaseUrl: db.url });

    const ctx = catalogContext(options);
    let variants = 0;
    let reviews = 0;
    let images = 0;
    for (let i = 0; i < options.products; i++) {
      const p = productAt(ctx, i);
      variants += p.variants.length;
      reviews += p.reviews.length;
      images += p.images.length;
    }
    const [counts] = await query<Record<string, number>>(
      db.url,
      `select (select count(*) from products)::int as products, (select count(*) from variants)::int as variants,
              (select count(*) from reviews)::int as reviews, (select count(*) from product_media)::int as images,
              (select count(*) from sellers where status = 'approved' and payouts_enabled)::int as sellers,
              (select count(*) from categories)::int as categories, (select count(*) from outbox)::int as outbox`,
    );
    expect(counts).toEqual({ products: options.products, variants, reviews, images, sellers: options.vendors, categories: 516, outbox: 0 });
    expect(report.tables.find((t) => t.table === "variants")?.rows).toBe(variants);

    const [wrong] = await query<{ n: number }>(
      db.url,
      `select count(*)::int as n from products p
         left join (select product_id, sum(rating) as s, count(*) as c from reviews where hidden_at is null group by product_id) r on r.product_id = p.id
        where p.rating_sum <> coalesce(r.s, 0) or p.rating_count <> coalesce(r.c, 0)`,
    );
    expect(wrong!.n).toBe(0);

    // The indexes the migrations made are all back after the load, and valid.
    const indexes = await query<{ name: string; valid: boolean }>(
      db.url,
      "select c.relname as name, x.indisvalid as valid from pg_index x join pg_class c on c.oid = x.indexrelid where x.indrelid in ('products'::regclass, 'variants'::regclass, 'reviews'::regclass, 'product_media'::regclass)",
    );
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(["products_category_idx", "products_public_idx", "variants_product_sku_idx", "reviews_product_author_idx", "product_media_ready_idx"]),
    );
    expect(indexes.every((i) => i.valid)).toBe(true);

    const [first] = await query<{ id: string; title: string; vendor_id: string }>(db.url, "select id, title, vendor_id from products where id = $1", [seedId("prd", 0)]);
    expect(first).toEqual({ id: seedId("prd", 0), title: productAt(ctx, 0).title, vendor_id: productAt(ctx, 0).vendorId });
  });

  it("replaces its own rows on a second run with the same arguments and leaves everyone else's alone", async () => {
    const db = await freshDatabase();
    await seedCatalog({ ...options, databaseUrl: db.url });
    const before = await fingerprint(db.url);
    // A vendor's own product in a seeded category, and one in its own category.
    const seededCategory = seedId("cat", 2);
    await query(db.url, "insert into categories (id, slug, name) values ('cat_01kb4m7k2q8v3x5z9w1y6t0r2s', 'vintage-finds', 'Vintage Finds')");
    await query(
      db.url,
      `insert into products (id, owner_id, title, description, attributes, category_id, status)
       values ('prd_01kb4m7k2q8v3x5z9w1y6t0r2s', gen_random_uuid(), 'Hand-thrown vase', 'One of a kind', '{}', $1, 'active'),
              ('prd_01kb4m7k2q8v3x5z9w1y6t0r2t', gen_random_uuid(), 'Old map', 'Of Berlin', '{}', 'cat_01kb4m7k2q8v3x5z9w1y6t0r2s', 'draft')`,
      [seededCategory],
    );
    await query(db.url, "insert into variants (id, product_id, sku, price_amount, price_currency, stock) values ('var_01kb4m7k2q8v3x5z9w1y6t0r2s', 'prd_01kb4m7k2q8v3x5z9w1y6t0r2s', 'VASE-1', 4500, 'EUR', 1)");
    // Someone edits a seeded product meanwhile: the re-run puts the seed's version back.
    await query(db.url, "update products set title = 'Edited' where id = $1", [seedId("prd", 5)]);

    const report = await seedCatalog({ ...options, databaseUrl: db.url });

    expect(report.cleared).toBe("deleted");
    expect(await fingerprint(db.url)).toEqual(before);
    const [others] = await query<{ products: number; variants: number; category: string }>(
      db.url,
      `select (select count(*) from products where id like 'prd\\_01kb%')::int as products,
              (select count(*) from variants where id like 'var\\_01kb%')::int as variants,
              (select category_id from products where id = 'prd_01kb4m7k2q8v3x5z9w1y6t0r2s') as category`,
    );
    expect(others).toEqual({ products: 2, variants: 1, category: seededCategory });
    const [total] = await query<{ n: number }>(db.url, "select count(*)::int as n from products");
    expect(total!.n).toBe(options.products + 2);
  });

  it("refuses, naming the column, when the schema has a required column it does not write, and writes nothing", async () => {
    const db = await freshDatabase();
    await seedCatalog({ ...options, products: 200, vendors: 10, databaseUrl: db.url });
    await query(db.url, "alter table products add column gtin text not null default ''");
    await query(db.url, "alter table products alter column gtin drop default");
    const before = await fingerprint(db.url);

    await expect(seedCatalog({ ...options, databaseUrl: db.url })).rejects.toThrow(/table products requires gtin/);
    expect(await fingerprint(db.url)).toEqual(before);
  });

  it("rolls everything back when a row breaks a check, leaving the previous seed in place", async () => {
    const db = await freshDatabase();
    await seedCatalog({ ...options, products: 200, vendors: 10, databaseUrl: db.url });
    const before = await fingerprint(db.url);
    // A check the seed's data cannot meet stops the load halfway through the variants.
    await query(db.url, "alter table variants add constraint cheap_only check (price_amount < 5000) not valid");

    await expect(seedCatalog({ ...options, databaseUrl: db.url })).rejects.toThrow(/cheap_only/);
    expect(await fingerprint(db.url)).toEqual(before);
    const [count] = await query<{ n: number }>(db.url, "select count(*)::int as n from products");
    expect(count!.n).toBe(200);
  });
});
