import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { mediaContentTypes, mediaStatuses } from "../domain/media.ts";
import { sellerStatuses } from "../domain/seller.ts";
import { productStatuses } from "../domain/product-status.ts";
export { outbox } from "@market/kit/outbox";
export { inbox } from "@market/kit/inbox";

/** The catalog's tree; a root has no parent. Slugs are unique across the whole tree. */
export const categories = pgTable(
  "categories",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    parentId: text("parent_id").references((): AnyPgColumn => categories.id),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("categories_parent_idx").on(t.parentId)],
);

export type Category = typeof categories.$inferSelect;

/**
 * A vendor as the catalog knows it from vendor.approved, vendor.suspended and
 * vendor.payouts_updated. A seller's products are for sale only while it is approved with
 * payouts enabled. `pending` is a vendor whose payout state arrived before its approval
 * (the topics are not ordered with each other). The `*_at` columns hold the event times
 * applied, so an older event arriving late changes nothing.
 */
export const sellers = pgTable(
  "sellers",
  {
    vendorId: text("vendor_id").primaryKey(),
    ownerId: uuid("owner_id").notNull().unique(),
    status: text("status", { enum: sellerStatuses }).notNull(),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    statusAt: timestamp("status_at", { withTimezone: true }),
    payoutsAt: timestamp("payouts_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
);

export type Seller = typeof sellers.$inferSelect;

/**
 * A listing. `ownerId` is the Keycloak user (vendor role) who owns it; `vendorId` (vnd_) is
 * its seller, set on every product created since the catalog learned sellers (older rows get
 * theirs when the owner's vendor.approved arrives; the column stays nullable for them).
 */
export const products = pgTable(
  "products",
  {
    id: text("id").primaryKey(),
    ownerId: uuid("owner_id").notNull(),
    vendorId: text("vendor_id"),
    title: text("title").notNull(),
    description: text("description").notNull(),
    attributes: jsonb("attributes").$type<Record<string, string>>().notNull(),
    categoryId: text("category_id")
      .notNull()
      .references(() => categories.id),
    status: text("status", { enum: productStatuses }).notNull().default("draft"),
    /** Why the last rejection happened; cleared when the product moves on. */
    statusReason: text("status_reason"),
    /** Sum and count of the visible reviews' ratings, changed only by SQL arithmetic in the review's transaction. */
    ratingSum: integer("rating_sum").notNull().default(0),
    ratingCount: integer("rating_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("products_owner_idx").on(t.ownerId, t.id),
    index("products_status_idx").on(t.status, t.updatedAt),
    index("products_category_idx").on(t.categoryId, t.status),
    index("products_vendor_idx").on(t.vendorId),
    // The public catalog and the reindex export page through active products by id.
    index("products_public_idx").on(t.id).where(sql`status = 'active' and deleted_at is null`),
    index("products_public_category_idx").on(t.categoryId, t.id).where(sql`status = 'active' and deleted_at is null`),
    check("products_rating_in_range", sql`${t.ratingCount} >= 0 and ${t.ratingSum} between ${t.ratingCount} and 5 * ${t.ratingCount}`),
  ],
);

export type Product = typeof products.$inferSelect;

/**
 * A sellable SKU. `stock` is on hand, `reserved` is held by live reservations; what can
 * still be reserved is `stock - reserved`, and the checks keep both from ever going wrong.
 */
export const variants = pgTable(
  "variants",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    sku: text("sku").notNull(),
    priceAmount: integer("price_amount").notNull(),
    priceCurrency: text("price_currency").notNull(),
    stock: integer("stock").notNull().default(0),
    reserved: integer("reserved").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    uniqueIndex("variants_product_sku_idx").on(t.productId, t.sku),
    check("variants_stock_not_negative", sql`${t.stock} >= 0`),
    check("variants_reserved_within_stock", sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.stock}`),
    check("variants_price_not_negative", sql`${t.priceAmount} >= 0`),
  ],
);

export type Variant = typeof variants.$inferSelect;

export const stockMovementKinds = ["set", "adjust", "reserve", "commit", "release", "expire"] as const;
export type StockMovementKind = (typeof stockMovementKinds)[number];

/** Every change to a variant's stock or holds: who, why and by how much. */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: text("id").primaryKey(),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    kind: text("kind", { enum: stockMovementKinds }).notNull(),
    /** Change to the units available to reserve (stock - reserved). */
    delta: integer("delta").notNull(),
    stockAfter: integer("stock_after").notNull(),
    reservedAfter: integer("reserved_after").notNull(),
    reason: text("reason").notNull(),
    /** The user or service client behind the change; null for the expiry sweeper. */
    by: text("by"),
    reservationId: text("reservation_id"),
    at: timestamp("at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index("stock_movements_variant_idx").on(t.variantId, t.at)],
);

export const reservationStatuses = ["held", "committed", "released", "expired"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** Units held for a checkout until committed, released, or past `expiresAt`. */
export const reservations = pgTable(
  "reservations",
  {
    id: text("id").primaryKey(),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    productId: text("product_id").notNull(),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: reservationStatuses }).notNull().default("held"),
    holderId: text("holder_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index("reservations_expiry_idx").on(t.expiresAt).where(sql`status = 'held'`),
    index("reservations_variant_idx").on(t.variantId, t.status),
    check("reservations_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export type Reservation = typeof reservations.$inferSelect;

/**
 * A customer's review of a product: one per customer and product (the unique index holds under
 * races). A hidden review stays stored but leaves the listing and the product's rating.
 */
export const reviews = pgTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    authorId: uuid("author_id").notNull(),
    rating: integer("rating").notNull(),
    text: text("text").notNull(),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    /** Why an admin last hid or unhid the review. */
    moderationReason: text("moderation_reason"),
    moderatedBy: text("moderated_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    uniqueIndex("reviews_product_author_idx").on(t.productId, t.authorId),
    index("reviews_visible_idx").on(t.productId, t.id).where(sql`hidden_at is null`),
    check("reviews_rating_range", sql`${t.rating} between 1 and 5`),
  ],
);

export type Review = typeof reviews.$inferSelect;

/**
 * A product image. The bytes go straight from the vendor to object storage by presigned POST
 * (`pending`); a confirm that finds the object makes it `ready`, with a position among the
 * product's ready images (0 first).
 */
export const productMedia = pgTable(
  "product_media",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    objectKey: text("object_key").notNull().unique(),
    contentType: text("content_type", { enum: mediaContentTypes }).notNull(),
    status: text("status", { enum: mediaStatuses }).notNull().default("pending"),
    position: integer("position"),
    createdAt: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index("product_media_ready_idx").on(t.productId, t.position).where(sql`status = 'ready'`),
    check("product_media_ready_has_position", sql`(${t.status} = 'ready') = (${t.position} is not null)`),
  ],
);

export type ProductMedia = typeof productMedia.$inferSelect;
