import { fileURLToPath } from "node:url";

/** The drizzle migrations beside src/ (and beside dist/ once bundled). */
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
