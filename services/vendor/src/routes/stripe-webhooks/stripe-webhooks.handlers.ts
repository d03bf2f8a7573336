import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { vendorPayoutsUpdated } from "@market/contracts";
import { AppError, applyOnce, enqueueEvent, type AppContext, type Tx } from "@market/kit";
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
  if (outcome === "applied") deps.relay.kick();
  return c.json({ received: true, handled: true, duplicate: outcome === "duplicate" });
}

/**
 * Stripe does not deliver in order: a state older than the one held is ignored. The catalog
 * sells a vendor's products only while payouts are enabled, so a change of either flag is
 * announced (vendor.payouts_updated) in the same transaction as the state it reports.
 */
async function recordPayoutState(tx: Tx, account: Stripe.Account, at: Date): Promise<void> {
  const [held] = await tx.select().from(vendors).where(eq(vendors.stripeAccountId, account.id)).for("update");
  if (!held || (held.payoutStateAt && held.payoutStateAt > at)) return;
  const chargesEnabled = account.charges_enabled;
  const payoutsEnabled = account.payouts_enabled;
  await tx.update(vendors).set({ chargesEnabled, payoutsEnabled, payoutStateAt: at, updatedAt: new Date() }).where(eq(vendors.id, held.id));
  if (held.chargesEnabled === chargesEnabled && held.payoutsEnabled === payoutsEnabled) return;
  await enqueueEvent(
    tx,
    vendorPayoutsUpdated,
    { vendorId: held.id, ownerId: held.ownerId, chargesEnabled, payoutsEnabled, at: at.toISOString() },
    { subject: held.id, source: "vendor" },
  );
}
