import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = NodePgDatabase<any> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export function createDb(url: string, options: { max?: number; onError?: (error: Error) => void } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // An idle client's connection can die (Postgres restarted, connection killed): the pool
  // drops that client and makes a new one on demand. Unhandled, the event would crash us.
  pool.on("error", options.onError ?? (() => undefined));
  return drizzle({ client: pool }) as Database;
}

/** Creates the service's database when it does not exist yet (each service owns one). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`create database "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created by a replica meanwhile
      });
    }
  } finally {
    await client.end();
  }
}

/** Applies the service's drizzle migrations; run at start and by `npm run migrate`. */
export async function migrateDatabase(url: string, migrationsFolder: string): Promise<void> {
  await ensureDatabase(url);
  const db = createDb(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await db.$client.end();
  }
}
