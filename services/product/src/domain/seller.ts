/**
 * What the catalog needs of a vendor: may it list products (approved), and may they be sold
 * (approved with payouts enabled, as the vendor service requires before publishing).
 */
export const sellerStatuses = ["pending", "approved", "suspended"] as const;
export type SellerStatus = (typeof sellerStatuses)[number];

export interface SellerStanding {
  status: SellerStatus;
  payoutsEnabled: boolean;
}

/** Why the seller cannot take the step, or undefined when it can. `list`: create drafts; `sell`: submit, approve, be seen and reserved. */
export function sellerBlocker(seller: SellerStanding | undefined, step: "list" | "sell"): string | undefined {
  if (!seller || seller.status === "pending") return "The vendor's approval has not reached the catalog yet; try again in a moment.";
  if (seller.status === "suspended") return "The vendor is suspended.";
  if (step === "sell" && !seller.payoutsEnabled) return "The vendor cannot sell until payouts are enabled on its payout account.";
  return undefined;
}

export const isSellable = (seller: SellerStanding | undefined) => sellerBlocker(seller, "sell") === undefined;

/** Why a product from before the catalog knew sellers cannot be announced yet. */
export const vendorNotKnown = "The product's vendor is not known to the catalog yet; try again once the vendor's approval has arrived.";
