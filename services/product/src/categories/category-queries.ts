import { sql, type SQL } from "drizzle-orm";
import type { Database, Tx } from "@market/kit";
import { categories } from "../db/schema.ts";

type Reader = Database | Tx;

/** The ids of a category and all its descendants, as a subquery (`column in (…)`). */
export const subtreeOf = (categoryId: string): SQL =>
  sql`(with recursive subtree(id) as (
    select ${categories.id} from ${categories} where ${categories.id} = ${categoryId}
    union all
    select c.id from ${categories} c join subtree on c.parent_id = subtree.id
  ) select id from subtree)`;

/**
 * Each category's ancestors from the root down to and including itself, for many categories
 * in one recursive query (a page of products shares few categories).
 */
export async function categoryPaths(db: Reader, ids: readonly string[]): Promise<Map<string, string[]>> {
  const paths = new Map<string, string[]>();
  if (ids.length === 0) return paths;
  const { rows } = await db.execute<{ start_id: string; path: string[] }>(sql`
    with recursive up(start_id, id, parent_id, depth) as (
      select c.id, c.id, c.parent_id, 0 from ${categories} c where c.id = any(${sql.param([...new Set(ids)])}::text[])
      union all
      select up.start_id, c.id, c.parent_id, up.depth + 1 from up join ${categories} c on c.id = up.parent_id where up.depth < 100
    )
    select start_id, array_agg(id order by depth desc) as path from up group by start_id`);
  for (const row of rows) paths.set(row.start_id, row.path);
  return paths;
}
