import { sql } from "drizzle-orm";
import { authenticate, createApp, mountSubscriptions } from "@market/kit";
import type { Deps } from "./deps.ts";
import { feedRouter } from "./routes/feed/feed.index.ts";
import { onUserRegistered } from "./subscribers/user-registered.ts";

export type { Deps };

export function createNotificationApp(deps: Deps) {
  const app = createApp({
    name: "notification",
    log: deps.log,
    ready: async () => {
      await deps.db.execute(sql`select 1`);
      if (!(await deps.dapr.healthy())) throw new Error("dapr sidecar not healthy");
    },
  });
  mountSubscriptions(app, { pubsubName: deps.pubsubName, deadLetterTopic: "notification.deadletter", subscriptions: [onUserRegistered(deps)] });
  app.use("/notifications/*", authenticate(deps.verify));
  app.route("/notifications", feedRouter(deps));
  return app;
}
