// Bulk loading into Postgres: COPY FROM STDIN streams fed from generators (backpressure keeps
// memory flat however many rows), secondary indexes set aside during a load and rebuilt
// after, and a check that the tables still have the columns the seed writes.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier "${name}"`);
  return `"${name}"`;
};

/** Streams `lines` (COPY text rows, see copy-text.ts) into `table`; returns how many rows went in. */
export async function copyInto(client: pg.ClientBase, table: string, columns: readonly string[], lines: Iterable<string>, onProgress?: (rows: number) => void): Promise<number> {
  let rows = 0;
  let reported = 0;
  // Rows travel in ~64 KB chunks: one stream write per row would cost more than making the row.
  function* chunks() {
    let buffer = "";
    for (const line of lines) {
      buffer += line;
      rows++;
      if (buffer.length >= 65_536) {
        yield buffer;
        buffer = "";
        if (onProgress && rows - reported >= 250_000) onProgress((reported = rows));
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy ${ident(table)} (${columns.map(ident).join(", ")}) from stdin`)));
  return rows;
}

export async function tableExists(client: pg.ClientBase, table: string): Promise<boolean> {
  const { rows } = await client.query("select to_regclass($1) is not null as found", [`public.${table}`]);
  return rows[0].found as boolean;
}

/**
 * Fails, naming the columns, when the table lacks a column the seed writes or has a required
 * column (not null, no default) that the seed does not write: the schema moved on without it.
 */
export async function checkColumns(client: pg.ClientBase, table: string, written: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ column_name: string; is_nullable: string; column_default: string | null; is_identity: string; is_generated: string }>(
    "select column_name, is_nullable, column_default, is_identity, is_generated from information_schema.columns where table_schema = 'public' and table_name = $1",
    [table],
  );
  const present = new Set(rows.map((r) => r.column_name));
  const missing = written.filter((c) => !present.has(c));
  const unwritten = rows
    .filter((r) => r.is_nullable === "NO" && r.column_default === null && r.is_identity === "NO" && r.is_generated === "NEVER" && !written.includes(r.column_name))
    .map((r) => r.column_name);
  const problems = [
    ...(missing.length ? [`has no column ${missing.join(", ")}`] : []),
    ...(unwritten.length ? [`requires ${unwritten.join(", ")}, which the seed does not write`] : []),
  ];
  if (problems.length) throw new Error(`table ${table} ${problems.join(" and ")}: update services/product/src/seed/ to the current schema`);
}

export interface IndexDefinition {
  name: string;
  definition: string;
}

/**
 * Drops the table's indexes that back no constraint (the primary key and unique constraints
 * stay) and returns their definitions for rebuildIndexes: building an index once over the
 * loaded rows is several times cheaper than keeping it up to date row by row.
 */
export async function dropSecondaryIndexes(client: pg.ClientBase, table: string): Promise<IndexDefinition[]> {
  const { rows } = await client.query<IndexDefinition>(
    `select c.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x join pg_class c on c.oid = x.indexrelid
      where x.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`,
    [`public.${table}`],
  );
  for (const index of rows) await client.query(`drop index ${ident(index.name)}`);
  return rows;
}

export async function rebuildIndexes(client: pg.ClientBase, indexes: readonly IndexDefinition[]): Promise<void> {
  for (const index of indexes) await client.query(index.definition);
}

/** The tables with a foreign key to `table`. */
export async function referencingTables(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "select distinct conrelid::regclass::text as name from pg_constraint where contype = 'f' and confrelid = $1::regclass and conrelid <> confrelid",
    [`public.${table}`],
  );
  return rows.map((r) => r.name.replace(/^public\./, "").replace(/"/g, ""));
}
