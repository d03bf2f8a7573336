import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { receiveStripeEvent } from "./stripe-webhooks.handlers.ts";

/** No bearer token here: Stripe signs its requests instead. */
export function stripeWebhooksRouter(deps: Deps) {
  return new Hono<AppEnv>().post("/stripe", (c) => receiveStripeEvent(deps, c));
}
