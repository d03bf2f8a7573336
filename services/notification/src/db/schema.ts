import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
export { inbox } from "@market/kit/inbox";

/** What a user sees in the app's notification feed. */
export const feedItems = pgTable(
  "feed_items",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    sourceEventId: text("source_event_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("feed_items_user_idx").on(t.userId, t.createdAt)],
);

/** An email to send; the dispatcher hands pending ones to the SMTP binding until each is sent. */
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    to: text("to").notNull(),
    template: text("template").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "sent"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).defaultNow().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("email_deliveries_pending_idx").on(t.nextAttemptAt)],
);

export type FeedItem = typeof feedItems.$inferSelect;
