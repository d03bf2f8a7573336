import { and, eq, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { AppError, requireUser, type AppContext } from "@market/kit";
import { vendors, type Vendor } from "../../db/schema.ts";
import { assertMayOpenPayoutAccount } from "../../domain/vendor-application.ts";
import type { Deps } from "../../deps.ts";
import { findOwnVendor } from "../../vendors/find-vendor.ts";

/**
 * Opens the vendor's Stripe Connect Express account (once) and returns a fresh onboarding
 * link; asking again after the link expired gives a new link to the same account.
 */
export async function openPayoutAccount(deps: Deps, c: AppContext) {
  const user = requireUser(c);
  const vendor = await findOwnVendor(deps.db, user.id);
  assertMayOpenPayoutAccount(vendor.status);
  const accountId = vendor.stripeAccountId ?? (await createConnectAccount(deps, vendor));
  const link = await callStripe(deps, "creating an onboarding link", () =>
    deps.stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: `${deps.onboardingUrl}/refresh`,
      return_url: `${deps.onboardingUrl}/return`,
    }),
  );
  return c.json(
    { vendorId: vendor.id, accountId, onboardingUrl: link.url, expiresAt: new Date(link.expires_at * 1000).toISOString() },
    vendor.stripeAccountId ? 200 : 201,
  );
}

async function createConnectAccount(deps: Deps, vendor: Vendor): Promise<string> {
  const account = await callStripe(deps, "creating a Connect account", () =>
    deps.stripe.accounts.create(
      {
        type: "express",
        country: vendor.address.country,
        email: vendor.contact.email,
        business_profile: { name: vendor.displayName },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        metadata: { vendorId: vendor.id },
      },
      // Two clicks at once create one account: Stripe answers the second with the first.
      { idempotencyKey: `vendor-payout-account-${vendor.id}` },
    ),
  );
  const [stored] = await deps.db
    .update(vendors)
    .set({ stripeAccountId: account.id, updatedAt: new Date() })
    .where(and(eq(vendors.id, vendor.id), isNull(vendors.stripeAccountId)))
    .returning({ accountId: vendors.stripeAccountId });
  if (stored) return account.id;
  // Another request stored its account first; keep that one.
  const [current] = await deps.db.select({ accountId: vendors.stripeAccountId }).from(vendors).where(eq(vendors.id, vendor.id));
  return current!.accountId!;
}

async function callStripe<T>(deps: Deps, what: string, call: () => Promise<Stripe.Response<T>>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    deps.log.warn({ err: error }, `stripe: ${what} failed`);
    throw new AppError("upstream_unavailable", "Stripe could not be reached; try again shortly.", { headers: { "retry-after": "5" } });
  }
}
