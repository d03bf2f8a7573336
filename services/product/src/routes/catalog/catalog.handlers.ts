import { and, asc, gt } from "drizzle-orm";
import { readQuery, requireRole, type AppContext } from "@market/kit";
import { products, sellers } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { publiclyVisible, sellableSeller } from "../../products/find-product.ts";
import { buildSnapshots } from "../../products/product-snapshot.ts";
import { snapshotsQuery } from "./catalog.schemas.ts";

/**
 * The public catalog as the documents product events carry, for a consumer (search) to rebuild
 * its index: keyset pages by product id, each built with a fixed handful of queries.
 */
export async function listSnapshots(deps: Deps, c: AppContext) {
  requireRole(c, "service", "admin");
  const query = readQuery(c, snapshotsQuery);
  const rows = await deps.db
    .select({ product: products })
    .from(products)
    .innerJoin(sellers, sellableSeller)
    .where(and(publiclyVisible, query.after ? gt(products.id, query.after) : undefined))
    .orderBy(asc(products.id))
    .limit(query.limit);
  const items = await buildSnapshots(deps.db, rows.map((r) => r.product), deps.media.urlOf);
  return c.json({ items, next: rows.length === query.limit ? rows.at(-1)!.product.id : null });
}
