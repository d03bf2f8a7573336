import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
export { inbox } from "@market/kit/inbox";

/** Which notifications a user wants, per channel and topic. */
export interface NotificationPreferences {
  email: Record<"orders" | "account" | "marketing", boolean>;
  inApp: Record<"orders" | "account" | "marketing", boolean>;
  push: Record<"orders" | "account" | "marketing", boolean>;
}

export const defaultPreferences: NotificationPreferences = {
  email: { orders: true, account: true, marketing: false },
  inApp: { orders: true, account: true, marketing: false },
  push: { orders: false, account: false, marketing: false },
};

/** A marketplace user's profile; the id is the Keycloak subject, shared by every service. */
export const profiles = pgTable("profiles", {
  id: uuid("id").primaryKey(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  phone: text("phone"),
  locale: text("locale").notNull(),
  preferredCurrency: text("preferred_currency").notNull().default("EUR"),
  preferences: jsonb("preferences").$type<NotificationPreferences>().notNull().default(defaultPreferences),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
});

/** Saved addresses; at most one default per user, enforced by the database. */
export const addresses = pgTable(
  "addresses",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    label: text("label"),
    recipient: text("recipient").notNull(),
    line1: text("line1").notNull(),
    line2: text("line2"),
    city: text("city").notNull(),
    region: text("region"),
    postalCode: text("postal_code").notNull(),
    country: text("country").notNull(),
    phone: text("phone"),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("addresses_user_idx").on(t.userId), uniqueIndex("addresses_one_default_idx").on(t.userId).where(sql`is_default`)],
);

export type Profile = typeof profiles.$inferSelect;
export type Address = typeof addresses.$inferSelect;
