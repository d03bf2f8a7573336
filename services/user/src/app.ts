import { sql } from "drizzle-orm";
import { authenticate, createApp, mountSubscriptions } from "@market/kit";
import type { Deps } from "./deps.ts";
import { profilesRouter } from "./routes/profiles/profiles.index.ts";
import { onUserRegistered } from "./subscribers/user-registered.ts";

export type { Deps };

export function createUserApp(deps: Deps) {
  const app = createApp({
    name: "user",
    log: deps.log,
    ready: async () => {
      await deps.db.execute(sql`select 1`);
      if (!(await deps.dapr.healthy())) throw new Error("dapr sidecar not healthy");
    },
  });
  mountSubscriptions(app, { pubsubName: deps.pubsubName, deadLetterTopic: "user.deadletter", subscriptions: [onUserRegistered(deps)] });
  app.use("/users/*", authenticate(deps.verify));
  app.route("/users", profilesRouter(deps));
  return app;
}
