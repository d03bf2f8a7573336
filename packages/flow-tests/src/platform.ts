import { startIngress } from "@market/ingress";
import { startNotificationService } from "@market/notification";
import { startUserService } from "@market/user";
import { startTestService, type TestService } from "@market/testing";

export interface TracerPlatform {
  user: TestService;
  notification: TestService;
  ingress: TestService;
  /** The public entry point, as a client sees it. */
  api: string;
  stop(): Promise<void>;
}

/** The tracer-bullet slice: ingress → user (outbox) → pub/sub → notification (inbox). */
export async function startTracerPlatform(ingressEnv: Record<string, string> = {}): Promise<TracerPlatform> {
  const [user, notification, ingress] = await Promise.all([
    startTestService({ appId: "user", start: startUserService }),
    startTestService({ appId: "notification", start: startNotificationService, env: { EMAIL_DISPATCH_IDLE_MS: "200" } }),
    startTestService({ appId: "ingress", start: startIngress, database: false, env: ingressEnv }),
  ]);
  return {
    user,
    notification,
    ingress,
    api: `${ingress.url}/api`,
    async stop() {
      await Promise.all([ingress.stop(), user.stop(), notification.stop()]);
    },
  };
}
