import { authenticate, createApp, databaseAndSidecarReady, mountSubscriptions, type HttpMetrics } from "@market/kit";
import type { Deps } from "./deps.ts";
import { catalogRouter } from "./routes/catalog/catalog.index.ts";
import { categoriesRouter } from "./routes/categories/categories.index.ts";
import { mediaRouter } from "./routes/media/media.index.ts";
import { productsRouter } from "./routes/products/products.index.ts";
import { reviewsRouter } from "./routes/reviews/reviews.index.ts";
import { reservationsRouter, stockRouter } from "./routes/stock/stock.index.ts";
import { onVendorApproved } from "./subscribers/vendor-approved.ts";
import { onVendorPayoutsUpdated } from "./subscribers/vendor-payouts-updated.ts";
import { onVendorSuspended } from "./subscribers/vendor-suspended.ts";

export type { Deps };

// A product by id is the hot public read: answered from the cache without verifying a token.
const publicProductRead = /^\/products\/prd_[0-9a-z]+$/;

export function createProductApp(deps: Deps, options: { metrics?: HttpMetrics } = {}) {
  const app = createApp({
    name: "product",
    log: deps.log,
    ready: databaseAndSidecarReady(deps),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  mountSubscriptions(app, {
    pubsubName: deps.pubsubName,
    deadLetterTopic: "product.deadletter",
    subscriptions: [onVendorApproved(deps), onVendorSuspended(deps), onVendorPayoutsUpdated(deps)],
  });
  // Reads are public; each write route asks for its role.
  const auth = authenticate(deps.verify);
  app.use("/products/*", (c, next) => (c.req.method === "GET" && publicProductRead.test(c.req.path) ? next() : auth(c, next)));
  for (const path of ["/categories/*", "/reservations/*", "/catalog/*"]) app.use(path, auth);
  app.route("/categories", categoriesRouter(deps));
  app.route("/products", productsRouter(deps));
  app.route("/products", stockRouter(deps));
  app.route("/products", reviewsRouter(deps));
  app.route("/products", mediaRouter(deps));
  app.route("/reservations", reservationsRouter(deps));
  app.route("/catalog", catalogRouter(deps));
  return app;
}
