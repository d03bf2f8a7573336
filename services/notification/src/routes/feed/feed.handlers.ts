import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { readQuery, requireUser, type AppContext } from "@market/kit";
import { feedItems, type FeedItem } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";

const feedQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.string().datetime({ offset: true }).optional(),
});

const view = (item: FeedItem) => ({
  id: item.id,
  kind: item.kind,
  title: item.title,
  body: item.body,
  createdAt: item.createdAt.toISOString(),
  readAt: item.readAt?.toISOString() ?? null,
});

/** The caller's own feed, newest first; `before` pages back in time. */
export async function listOwnFeed(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const query = readQuery(c, feedQuery);
  const rows = await deps.db
    .select()
    .from(feedItems)
    .where(and(eq(feedItems.userId, user.id), query.before ? lt(feedItems.createdAt, new Date(query.before)) : undefined))
    .orderBy(desc(feedItems.createdAt))
    .limit(query.limit);
  return c.json({ items: rows.map(view) });
}
