import { canPublishProducts } from "../domain/vendor-application.ts";
import type { Vendor } from "../db/schema.ts";

/** A vendor as its owner and admins see it; the Stripe account id stays internal. */
export function vendorView(v: Vendor) {
  const publishing = canPublishProducts(v);
  return {
    id: v.id,
    ownerId: v.ownerId,
    status: v.status,
    statusReason: v.statusReason,
    legalName: v.legalName,
    displayName: v.displayName,
    taxId: v.taxId,
    address: v.address,
    contact: v.contact,
    categories: v.categories,
    payouts: { accountCreated: v.stripeAccountId !== null, chargesEnabled: v.chargesEnabled, payoutsEnabled: v.payoutsEnabled },
    canPublishProducts: publishing.allowed,
    ...(publishing.reason ? { cannotPublishReason: publishing.reason } : {}),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}
