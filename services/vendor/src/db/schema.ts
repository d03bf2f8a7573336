import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { vendorStatuses, type VendorAction } from "../domain/vendor-application.ts";
import { kycContentTypes } from "../domain/kyc-document.ts";
export { outbox } from "@market/kit/outbox";
export { inbox } from "@market/kit/inbox";

export interface PostalAddress {
  line1: string;
  line2?: string | undefined;
  city: string;
  postalCode: string;
  country: string;
}

export interface VendorContact {
  email: string;
  phone?: string | undefined;
}

/** A vendor's application and, once approved, its standing; one per user (the owner). */
export const vendors = pgTable(
  "vendors",
  {
    id: text("id").primaryKey(),
    ownerId: uuid("owner_id").notNull().unique(),
    status: text("status", { enum: vendorStatuses }).notNull().default("draft"),
    legalName: text("legal_name").notNull(),
    displayName: text("display_name").notNull(),
    taxId: text("tax_id").notNull(),
    address: jsonb("address").$type<PostalAddress>().notNull(),
    contact: jsonb("contact").$type<VendorContact>().notNull(),
    categories: jsonb("categories").$type<string[]>().notNull(),
    /** Why the last rejection or suspension happened; cleared when the vendor moves on. */
    statusReason: text("status_reason"),
    stripeAccountId: text("stripe_account_id").unique(),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    /** When Stripe produced the account state we hold, so an older webhook cannot overwrite a newer one. */
    payoutStateAt: timestamp("payout_state_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("vendors_review_queue_idx").on(t.status, t.id)],
);

export type Vendor = typeof vendors.$inferSelect;

/** Every step of a vendor's life, with who took it and when: the audit trail admins review. */
export const vendorEvents = pgTable(
  "vendor_events",
  {
    id: text("id").primaryKey(),
    vendorId: text("vendor_id").notNull().references(() => vendors.id),
    action: text("action").$type<VendorAction | "create">().notNull(),
    fromStatus: text("from_status", { enum: vendorStatuses }),
    toStatus: text("to_status", { enum: vendorStatuses }).notNull(),
    by: uuid("by").notNull(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("vendor_events_vendor_idx").on(t.vendorId, t.at)],
);

/** A KYC file a vendor declared; the bytes go straight to object storage by presigned POST. */
export const kycDocuments = pgTable(
  "kyc_documents",
  {
    id: text("id").primaryKey(),
    vendorId: text("vendor_id").notNull().references(() => vendors.id),
    objectKey: text("object_key").notNull().unique(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type", { enum: kycContentTypes }).notNull(),
    declaredSize: bigint("declared_size", { mode: "number" }).notNull(),
    status: text("status", { enum: ["pending"] }).notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("kyc_documents_vendor_idx").on(t.vendorId, t.id)],
);

export type KycDocument = typeof kycDocuments.$inferSelect;
