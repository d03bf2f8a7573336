import type Stripe from "stripe";
import type { Dapr, Database, Logger, OutboxRelay, Verifier } from "@market/kit";
import type { KycStorage } from "./kyc-storage.ts";

/** What the vendor service's handlers need; tests pass their own. */
export interface Deps {
  db: Database;
  dapr: Dapr;
  relay: Pick<OutboxRelay, "kick">;
  verify: Verifier;
  log: Logger;
  kycStorage: KycStorage;
  stripe: Stripe;
  stripeWebhookSecret: string;
  onboardingUrl: string;
}
