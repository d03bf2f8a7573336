import { bodyLimit } from "hono/body-limit";
import type { Redis } from "ioredis";
import { AppError, createApp, type Logger } from "@market/kit";
import { rateLimit } from "./rate-limit.ts";
import type { createForwarder } from "./forward.ts";

export interface Deps {
  log: Logger;
  redis: Redis;
  forwarder: ReturnType<typeof createForwarder>;
  routedApps: string[];
  ratePerMinute: number;
  bodyLimitBytes: number;
}

export function createIngressApp(deps: Deps) {
  const app = createApp({ name: "ingress", log: deps.log, ready: async () => void (await deps.redis.ping()) });
  const routed = new Set(deps.routedApps);
  app.use("/api/*", rateLimit(deps.redis, deps.ratePerMinute));
  app.use(
    "/api/*",
    bodyLimit({ maxSize: deps.bodyLimitBytes, onError: () => { throw new AppError("payload_too_large", `The body may be at most ${deps.bodyLimitBytes} bytes.`); } }),
  );
  app.all("/api/:app/*", (c) => {
    const appId = c.req.param("app");
    if (!routed.has(appId)) throw new AppError("not_found", `No service named ${appId}.`);
    const path = c.req.path.slice(`/api/${appId}/`.length);
    return deps.forwarder.forward(c, appId, path);
  });
  return app;
}
