import { startAuthService } from "@market/auth";
import { startIngress } from "@market/ingress";
import { startNotificationService } from "@market/notification";
import { startUserService } from "@market/user";
import { startTestService, type TestService } from "@market/testing";

export interface TracerPlatform {
  auth: TestService;
  user: TestService;
  notification: TestService;
  ingress: TestService;
  /** The public entry point, as a client sees it. */
  api: string;
  stop(): Promise<void>;
}

/**
 * The first slice of the map: ingress → auth (Keycloak + outbox) → pub/sub → user (profile)
 * and notification (welcome), each service beside its own daprd.
 */
export async function startTracerPlatform(): Promise<TracerPlatform> {
  const [auth, user, notification, ingress] = await Promise.all([
    // Every registration in these tests comes from one address: lift the per-IP limit.
    startTestService({ appId: "auth", start: startAuthService, env: { RATE_LIMIT_REGISTER_PER_IP: "10000", RATE_LIMIT_LOGIN_PER_IP: "10000" } }),
    startTestService({ appId: "user", start: startUserService }),
    startTestService({ appId: "notification", start: startNotificationService, env: { EMAIL_DISPATCH_IDLE_MS: "200" } }),
    startTestService({ appId: "ingress", start: startIngress, database: false, env: { ROUTED_APPS: "auth,user,notification", RATE_LIMIT_PER_MINUTE: "100000" } }),
  ]);
  return {
    auth,
    user,
    notification,
    ingress,
    api: `${ingress.url}/api`,
    async stop() {
      await Promise.all([ingress.stop(), auth.stop(), user.stop(), notification.stop()]);
    },
  };
}
