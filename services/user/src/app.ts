import { authenticate, createApp, mountSubscriptions, databaseAndSidecarReady } from "@market/kit";
import type { Deps } from "./deps.ts";
import { profilesRouter } from "./routes/profiles/profiles.index.ts";
import { onUserRegistered } from "./subscribers/user-registered.ts";

export type { Deps };

export function createUserApp(deps: Deps) {
  const app = createApp({
    name: "user",
    log: deps.log,
    ready: databaseAndSidecarReady(deps),
  });
  mountSubscriptions(app, { pubsubName: deps.pubsubName, deadLetterTopic: "user.deadletter", subscriptions: [onUserRegistered(deps)] });
  app.use("/users/*", authenticate(deps.verify));
  app.route("/users", profilesRouter(deps));
  return app;
}
