import { randomUUID } from "node:crypto";
import Stripe from "stripe";

/**
 * Stripe's `account.updated` for a Connect account, signed with `secret` by the Stripe
 * library's own signing code: what Stripe would send the vendor service's webhook.
 */
export function signedAccountUpdated(accountId: string, secret: string, enabled = true, apiKey = "sk_test_123") {
  const payload = JSON.stringify({
    id: `evt_${randomUUID().replaceAll("-", "")}`,
    object: "event",
    type: "account.updated",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: accountId, object: "account", charges_enabled: enabled, payouts_enabled: enabled } },
  });
  return { payload, headers: { "stripe-signature": new Stripe(apiKey).webhooks.generateTestHeaderString({ payload, secret }) } };
}
