import { bodyLimit } from "hono/body-limit";
import type { Redis } from "ioredis";
import { AppError, createApp, type HttpMetrics, type Logger } from "@market/kit";
import { rateLimit } from "./rate-limit.ts";
import { publicPath } from "./routes.ts";
import type { createForwarder } from "./forward.ts";

export interface Deps {
  log: Logger;
  metrics?: HttpMetrics;
  redis: Redis;
  forwarder: ReturnType<typeof createForwarder>;
  /** Public service name → Dapr app id. */
  routedApps: ReadonlyMap<string, string>;
  ratePerMinute: number;
  bodyLimitBytes: number;
}

export function createIngressApp(deps: Deps) {
  const app = createApp({ name: "ingress", log: deps.log, ...(deps.metrics ? { metrics: deps.metrics } : {}), ready: async () => void (await deps.redis.ping()) });
  app.use("/api/*", rateLimit(deps.redis, deps.ratePerMinute));
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: deps.bodyLimitBytes,
      onError: () => {
        // The rest of the upload is not read: close the connection so the client sees the 413.
        throw new AppError("payload_too_large", `The body may be at most ${deps.bodyLimitBytes} bytes.`, { headers: { connection: "close" } });
      },
    }),
  );
  app.all("/api/:app/*", (c) => {
    const name = c.req.param("app");
    const appId = deps.routedApps.get(name);
    if (!appId) throw new AppError("not_found", `No service named ${name}.`);
    return deps.forwarder.forward(c, appId, publicPath(name, c.req.path.slice(`/api/${name}/`.length)));
  });
  return app;
}
