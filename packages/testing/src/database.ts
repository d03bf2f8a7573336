import { randomBytes } from "node:crypto";
import pg from "pg";
import { infra } from "./infra.ts";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test run, so runs never share rows or ids. */
export async function createTestDatabase(service: string): Promise<TestDatabase> {
  const name = `t_${service.replace(/[^a-z0-9_]/g, "_")}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${infra.pgUrl}/postgres` });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  return {
    url: `${infra.pgUrl}/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: `${infra.pgUrl}/postgres` });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}
