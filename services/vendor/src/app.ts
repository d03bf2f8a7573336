import { authenticate, createApp, databaseAndSidecarReady } from "@market/kit";
import type { Deps } from "./deps.ts";
import { kycDocumentsRouter } from "./routes/kyc-documents/kyc-documents.index.ts";
import { payoutAccountsRouter } from "./routes/payout-accounts/payout-accounts.index.ts";
import { stripeWebhooksRouter } from "./routes/stripe-webhooks/stripe-webhooks.index.ts";
import { vendorReviewsRouter } from "./routes/vendor-reviews/vendor-reviews.index.ts";
import { vendorsRouter } from "./routes/vendors/vendors.index.ts";

export type { Deps };

export function createVendorApp(deps: Deps) {
  const app = createApp({
    name: "vendor",
    log: deps.log,
    ready: databaseAndSidecarReady(deps),
  });
  app.use("/vendors/*", authenticate(deps.verify));
  app.route("/vendors", vendorsRouter(deps));
  app.route("/vendors", vendorReviewsRouter(deps));
  app.route("/vendors", kycDocumentsRouter(deps));
  app.route("/vendors", payoutAccountsRouter(deps));
  app.route("/webhooks", stripeWebhooksRouter(deps));
  return app;
}
