import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Database, Tx } from "./db.ts";

/** Every event id a subscriber has applied; the primary key is what makes delivery idempotent. */
export const inbox = pgTable("inbox", {
  eventId: text("event_id").primaryKey(),
  topic: text("topic").notNull(),
  appliedAt: timestamp("applied_at", { withTimezone: true }).defaultNow().notNull(),
});

/**
 * Applies an event at most once: the inbox row and the effect commit together, so a
 * redelivery (or two deliveries racing) finds the row and changes nothing.
 */
export async function applyOnce(db: Database, event: { id: string; topic: string }, apply: (tx: Tx) => Promise<void>): Promise<"applied" | "duplicate"> {
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(inbox).values({ eventId: event.id, topic: event.topic }).onConflictDoNothing().returning({ id: inbox.eventId });
    if (claimed.length === 0) return "duplicate";
    await apply(tx);
    return "applied";
  });
}
