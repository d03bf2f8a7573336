import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
export { outbox } from "@market/kit/outbox";

/** A marketplace user's profile; the id is the Keycloak subject, shared by every service. */
export const profiles = pgTable("profiles", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  locale: text("locale").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
});

export type Profile = typeof profiles.$inferSelect;
