import { and, eq, isNull, lte, or } from "drizzle-orm";
import type Stripe from "stripe";
import { AppError, applyOnce, type AppContext, type Tx } from "@market/kit";
import { vendors } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";

/**
 * Stripe's notifications, trusted only once the signature over the raw body verifies.
 * Each event is applied once (Stripe retries and may deliver twice).
 */
export async function receiveStripeEvent(deps: Deps, c: AppContext) {
  const signature = c.req.header("stripe-signature");
  if (!signature) throw new AppError("bad_request", "The stripe-signature header is missing.");
  const payload = await c.req.text();
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(payload, signature, deps.stripeWebhookSecret);
  } catch {
    throw new AppError("bad_request", "The Stripe signature does not verify.");
  }
  if (event.type !== "account.updated") return c.json({ received: true, handled: false });
  const outcome = await applyOnce(deps.db, { id: event.id, topic: `stripe.${event.type}` }, (tx) => recordPayoutState(tx, event.data.object, new Date(event.created * 1000)));
  return c.json({ received: true, handled: true, duplicate: outcome === "duplicate" });
}

/** Stripe does not deliver in order: a state older than the one held is ignored. */
async function recordPayoutState(tx: Tx, account: Stripe.Account, at: Date): Promise<void> {
  await tx
    .update(vendors)
    .set({ chargesEnabled: account.charges_enabled, payoutsEnabled: account.payouts_enabled, payoutStateAt: at, updatedAt: new Date() })
    .where(and(eq(vendors.stripeAccountId, account.id), or(isNull(vendors.payoutStateAt), lte(vendors.payoutStateAt, at))));
}
