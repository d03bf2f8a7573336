import { createApp, mountSubscriptions } from "@market/kit";
import type { Deps } from "./deps.ts";
import { elasticHealthy } from "./elastic/connect.ts";
import { searchRouter } from "./routes/search/search.index.ts";
import { searchSubscriptions } from "./subscribers/index.ts";

export type { Deps };

export function createSearchApp(deps: Deps) {
  const app = createApp({
    name: "search",
    log: deps.log,
    ready: async () => {
      await elasticHealthy(deps.es);
      if (!(await deps.dapr.healthy())) throw new Error("dapr sidecar not healthy");
    },
  });
  app.route("/search", searchRouter(deps));
  mountSubscriptions(app, { pubsubName: deps.pubsubName, subscriptions: searchSubscriptions(deps) });
  return app;
}
