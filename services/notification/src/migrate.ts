import { fileURLToPath } from "node:url";
import { migrateDatabase } from "@market/kit";

export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  await migrateDatabase(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:15432/notification", migrationsFolder);
  console.log("notification: migrations applied");
}
