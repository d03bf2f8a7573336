import { authenticate, createApp, mountSubscriptions, databaseAndSidecarReady } from "@market/kit";
import type { Deps } from "./deps.ts";
import { feedRouter } from "./routes/feed/feed.index.ts";
import { onUserRegistered } from "./subscribers/user-registered.ts";

export type { Deps };

export function createNotificationApp(deps: Deps) {
  const app = createApp({
    name: "notification",
    log: deps.log,
    ready: databaseAndSidecarReady(deps),
  });
  mountSubscriptions(app, { pubsubName: deps.pubsubName, deadLetterTopic: "notification.deadletter", subscriptions: [onUserRegistered(deps)] });
  app.use("/notifications/*", authenticate(deps.verify));
  app.route("/notifications", feedRouter(deps));
  return app;
}
