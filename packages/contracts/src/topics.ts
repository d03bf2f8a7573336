import { z } from "zod";
import { defineTopic } from "./topic.ts";
import { id, money, timestamp, userId } from "./common.ts";

// One schema per topic of the map (shared/ARCHITECTURE.md, "Events"). Publishers and
// subscribers import these; a payload that does not parse is never published or applied.

export const userRegistered = defineTopic(
  "user.registered",
  1,
  z.object({ userId, email: z.string().email(), displayName: z.string(), locale: z.string(), registeredAt: timestamp }),
);

const vendorRef = { vendorId: id("vnd"), ownerId: userId, at: timestamp, by: userId };
export const vendorApplied = defineTopic("vendor.applied", 1, z.object({ ...vendorRef, displayName: z.string() }));
// A reinstatement after a suspension is an approval again; `reinstated` tells the two apart
// (optional on the wire, so v1 payloads published before it still parse).
export const vendorApproved = defineTopic("vendor.approved", 1, z.object({ ...vendorRef, reinstated: z.boolean().default(false) }));
export const vendorRejected = defineTopic("vendor.rejected", 1, z.object({ ...vendorRef, reason: z.string() }));
export const vendorSuspended = defineTopic("vendor.suspended", 1, z.object({ ...vendorRef, reason: z.string() }));
// Stripe tells the vendor service when an account can take payouts; a vendor sells only when
// approved and payouts are enabled, so the catalog needs to hear it too.
export const vendorPayoutsUpdated = defineTopic(
  "vendor.payouts_updated",
  1,
  z.object({ vendorId: id("vnd"), ownerId: userId, chargesEnabled: z.boolean(), payoutsEnabled: z.boolean(), at: timestamp }),
);

// `stock` is what can still be bought: on hand minus what live reservations hold.
const variant = z.object({ variantId: id("var"), sku: z.string(), price: money, stock: z.number().int().min(0) });
const image = z.object({ mediaId: id("med"), url: z.string().url(), position: z.number().int().min(0) });
// The product as it now stands, whole, so that a consumer (search) can index it from one
// event and a reindex can build the same document from the product service's export.
const productBody = {
  productId: id("prd"),
  vendorId: id("vnd"),
  ownerId: userId,
  title: z.string(),
  description: z.string(),
  categoryId: id("cat"),
  /** Ancestors from the root down to and including `categoryId`: filters match a category and its descendants. */
  categoryPath: z.array(id("cat")).min(1),
  status: z.enum(["draft", "pending_review", "active", "rejected", "archived"]),
  attributes: z.record(z.string(), z.string()),
  variants: z.array(variant),
  images: z.array(image),
  ratingAverage: z.number().min(0).max(5),
  ratingCount: z.number().int().min(0),
  createdAt: timestamp,
  updatedAt: timestamp,
};
export const productSnapshot = z.object(productBody);
export type ProductSnapshot = z.infer<typeof productSnapshot>;
export const productCreated = defineTopic("product.created", 1, z.object(productBody));
export const productUpdated = defineTopic("product.updated", 1, z.object(productBody));
export const productDeleted = defineTopic("product.deleted", 1, z.object({ productId: id("prd"), vendorId: id("vnd"), ownerId: userId, deletedAt: timestamp }));
export const stockChanged = defineTopic(
  "stock.changed",
  1,
  z.object({ productId: id("prd"), variantId: id("var"), available: z.number().int().min(0), delta: z.number().int(), reason: z.string(), at: timestamp }),
);
export const reviewCreated = defineTopic(
  "review.created",
  1,
  z.object({ reviewId: id("rev"), productId: id("prd"), authorId: userId, rating: z.number().int().min(1).max(5), ratingAverage: z.number(), ratingCount: z.number().int(), at: timestamp }),
);
export const reviewModerated = defineTopic(
  "review.moderated",
  1,
  z.object({ reviewId: id("rev"), productId: id("prd"), hidden: z.boolean(), reason: z.string(), ratingAverage: z.number(), ratingCount: z.number().int(), at: timestamp }),
);

const line = z.object({ variantId: id("var"), productId: id("prd"), quantity: z.number().int().positive(), unitPrice: money });
const subOrder = z.object({ subOrderId: id("sor"), vendorId: id("vnd"), lines: z.array(line), total: money });
const orderRef = { orderId: id("ord"), customerId: userId, at: timestamp };
export const orderPlaced = defineTopic("order.placed", 1, z.object({ ...orderRef, subOrders: z.array(subOrder), total: money }));
export const orderPaid = defineTopic("order.paid", 1, z.object({ ...orderRef, paymentId: id("pay"), total: money }));
export const orderShipped = defineTopic("order.shipped", 1, z.object({ ...orderRef, subOrderId: id("sor"), vendorId: id("vnd"), carrier: z.string(), trackingNumber: z.string() }));
export const orderDelivered = defineTopic("order.delivered", 1, z.object({ ...orderRef, subOrderId: id("sor"), vendorId: id("vnd") }));
export const orderCancelled = defineTopic("order.cancelled", 1, z.object({ ...orderRef, reason: z.string(), lines: z.array(line) }));

const paymentRef = { paymentId: id("pay"), orderId: id("ord"), at: timestamp };
export const paymentSuccess = defineTopic("payment.success", 1, z.object({ ...paymentRef, amount: money, stripePaymentIntentId: z.string() }));
export const paymentFailed = defineTopic("payment.failed", 1, z.object({ ...paymentRef, reason: z.string() }));
export const paymentRefund = defineTopic("payment.refund", 1, z.object({ ...paymentRef, refundId: id("rfd"), amount: money, vendorId: id("vnd").optional() }));
export const paymentDispute = defineTopic("payment.dispute", 1, z.object({ ...paymentRef, disputeId: z.string(), amount: money, reason: z.string(), status: z.string() }));

export const allTopics = [
  userRegistered, vendorApplied, vendorApproved, vendorRejected, vendorSuspended, vendorPayoutsUpdated,
  productCreated, productUpdated, productDeleted, stockChanged, reviewCreated, reviewModerated,
  orderPlaced, orderPaid, orderShipped, orderDelivered, orderCancelled,
  paymentSuccess, paymentFailed, paymentRefund, paymentDispute,
] as const;
