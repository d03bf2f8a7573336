import { startAuthService } from "@market/auth";
import { startIngress } from "@market/ingress";
import { startNotificationService } from "@market/notification";
import { startProductService } from "@market/product";
import { startSearchService } from "@market/search";
import { startUserService } from "@market/user";
import { startVendorService } from "@market/vendor";
import { startTestService, type StartService, type TestService } from "@market/testing";

type ServiceName = "auth" | "user" | "vendor" | "notification" | "product" | "search";

const starts: Record<ServiceName, { start: StartService; env?: Record<string, string> | ((appId: string) => Record<string, string>); database?: false }> = {
  // Every sign-up in tests comes from one address: lift the per-IP limits.
  auth: { start: startAuthService, env: { RATE_LIMIT_REGISTER_PER_IP: "10000", RATE_LIMIT_LOGIN_PER_IP: "10000" } },
  user: { start: startUserService },
  vendor: { start: startVendorService },
  notification: { start: startNotificationService, env: { EMAIL_DISPATCH_IDLE_MS: "200" } },
  product: { start: startProductService },
  // Each stack searches its own indices, never the platform's `products`.
  search: { start: startSearchService, database: false, env: (appId) => ({ SEARCH_INDEX_PREFIX: searchIndexPrefix(appId) }) },
};

const run = Date.now().toString(36);
/** The Elasticsearch names a stack's search service keeps its indices under. */
export const searchIndexPrefix = (appId: string) => `flow-${appId}-${run}`;

/** Drops what a stack's search service made in Elasticsearch (its indices, aliases, template). */
async function removeSearchIndices(prefix: string) {
  const elastic = process.env.ELASTICSEARCH_URL ?? "http://127.0.0.1:19200";
  await fetch(`${elastic}/${prefix}-*?expand_wildcards=all`, { method: "DELETE" });
  await fetch(`${elastic}/_index_template/${prefix}-template`, { method: "DELETE" });
}

export interface Stack {
  services: Partial<Record<ServiceName | "ingress", TestService>>;
  /** The public entry point, as a client sees it: `${api}/user/users/me`. */
  api: string;
  stop(): Promise<void>;
}

/**
 * Some services and a public ingress in front of them, each beside its own daprd, with a
 * database of its own. `suffix` gives the app ids a suffix ("user-mx") so that a file can run
 * beside others that use the plain ids; the ingress maps the public names to them.
 */
export async function startStack(names: ServiceName[], suffix = ""): Promise<Stack> {
  const appId = (name: string) => (suffix ? `${name}-${suffix}` : name);
  const started = await Promise.allSettled([
    ...names.map((name) => {
      const { env, ...start } = starts[name];
      return startTestService({ appId: appId(name), ...start, ...(env ? { env: typeof env === "function" ? env(appId(name)) : env } : {}) });
    }),
    startTestService({
      appId: appId("ingress"),
      start: startIngress,
      database: false,
      env: { ROUTED_APPS: names.map((name) => `${name}=${appId(name)}`).join(","), RATE_LIMIT_PER_MINUTE: "100000" },
    }),
  ]);
  const running = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stop = async () => {
    await Promise.all(running.map((s) => s.stop()));
    if (names.includes("search")) await removeSearchIndices(searchIndexPrefix(appId("search")));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // Leave no sidecar registered under these app ids to answer the next run.
    await stop();
    throw failed.reason;
  }
  const services = Object.fromEntries([...names, "ingress"].map((name, i) => [name, running[i]!])) as Stack["services"];
  return { services, api: `${services.ingress!.url}/api`, stop };
}

export type Tracer = Awaited<ReturnType<typeof startTracer>>;

/** The first slice of the map: ingress → auth (Keycloak + outbox) → pub/sub → user and notification. */
export async function startTracer() {
  const stack = await startStack(["auth", "user", "notification"]);
  const { auth, user, notification } = stack.services as Required<typeof stack.services>;
  return { ...stack, auth, user, notification };
}
