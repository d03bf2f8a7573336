import { authenticate, createApp, mountSubscriptions, databaseAndSidecarReady } from "@market/kit";
import type { Deps } from "./deps.ts";
import { registrationRouter } from "./routes/registration/registration.index.ts";
import { rolesRouter } from "./routes/roles/roles.index.ts";
import { sessionsRouter } from "./routes/sessions/sessions.index.ts";
import { onVendorApproved } from "./subscribers/vendor-approved.ts";
import { onVendorSuspended } from "./subscribers/vendor-suspended.ts";

export type { Deps };

export function createAuthApp(deps: Deps) {
  const app = createApp({
    name: "auth",
    log: deps.log,
    ready: databaseAndSidecarReady(deps),
  });
  mountSubscriptions(app, { pubsubName: deps.pubsubName, deadLetterTopic: "auth.deadletter", subscriptions: [onVendorApproved(deps), onVendorSuspended(deps)] });
  // Only where a caller is needed: a stale bearer header must not break login or refresh.
  app.use("/auth/me", authenticate(deps.verify));
  app.use("/auth/users/*", authenticate(deps.verify));
  app.route("/auth", registrationRouter(deps));
  app.route("/auth", sessionsRouter(deps));
  app.route("/auth/users", rolesRouter(deps));
  return app;
}
