import { serve } from "@hono/node-server";
import type { Server } from "node:http";
import type { App } from "./app.ts";
import type { Logger } from "./logger.ts";

export interface Running {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the app and shuts down gracefully: stop accepting, let in-flight requests finish
 * (up to `graceMs`), then run the cleanups (relay, pools) in order.
 */
export async function serveApp(app: App, options: { port: number; hostname?: string; log: Logger; graceMs?: number; cleanups?: Array<() => Promise<void>>; handleSignals?: boolean }): Promise<Running> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname ?? "127.0.0.1" }, () => resolve(s as Server));
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  let closing: Promise<void> | undefined;

  const close = () =>
    (closing ??= (async () => {
      options.log.info("shutting down: finishing in-flight requests");
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response goes out: close each then.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, options.graceMs ?? 10_000).unref());
      await Promise.race([closed, grace]);
      clearInterval(sweeper);
      server.closeAllConnections();
      for (const cleanup of options.cleanups ?? []) await cleanup().catch((err) => options.log.error({ err }, "cleanup failed"));
      options.log.info("stopped");
    })());

  if (options.handleSignals !== false) {
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void close().then(() => process.exit(0)));
  }
  options.log.info({ port }, "listening");
  return { port, close };
}
