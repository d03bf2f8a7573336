import Stripe from "stripe";
import type { Env } from "./env.ts";

/** Stripe over the configured base URL: stripe-mock locally, api.stripe.com in production. */
export function createStripeClient(env: Pick<Env, "STRIPE_API_BASE" | "STRIPE_SECRET_KEY">): Stripe {
  const base = new URL(env.STRIPE_API_BASE);
  const protocol = base.protocol === "http:" ? "http" : "https";
  return new Stripe(env.STRIPE_SECRET_KEY, {
    host: base.hostname,
    port: Number(base.port || (protocol === "http" ? 80 : 443)),
    protocol,
    maxNetworkRetries: 2,
    timeout: 10_000,
  });
}
