import { authenticate, createApp, databaseAndSidecarReady } from "@market/kit";
import type { Deps } from "./deps.ts";
import { categoriesRouter } from "./routes/categories/categories.index.ts";
import { productsRouter } from "./routes/products/products.index.ts";
import { reviewsRouter } from "./routes/reviews/reviews.index.ts";
import { reservationsRouter, stockRouter } from "./routes/stock/stock.index.ts";

export type { Deps };

export function createProductApp(deps: Deps) {
  const app = createApp({
    name: "product",
    log: deps.log,
    ready: databaseAndSidecarReady(deps),
  });
  // Reads are public; each write route asks for its role.
  for (const path of ["/categories/*", "/products/*", "/reservations/*"]) app.use(path, authenticate(deps.verify));
  app.route("/categories", categoriesRouter(deps));
  app.route("/products", productsRouter(deps));
  app.route("/products", stockRouter(deps));
  app.route("/products", reviewsRouter(deps));
  app.route("/reservations", reservationsRouter(deps));
  return app;
}
