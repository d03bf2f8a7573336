// `npm run migrate` in a service folder: applies ./drizzle to $DATABASE_URL, or to the
// service's database on the local Postgres. Services also migrate at start (startCore).
import path from "node:path";
import { migrateDatabase } from "./db.ts";

const service = process.argv[2];
if (!service || !/^[a-z][a-z-]*$/.test(service)) throw new Error("usage: migrate-cli.ts <service>");
const url = process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${process.env.PG_PORT ?? 15432}/${service}`;
await migrateDatabase(url, path.resolve("drizzle"));
console.log(`${service}: migrations applied to ${new URL(url).pathname.slice(1)}`);
