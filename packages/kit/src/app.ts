import { Hono, type Context, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import { AppError, toProblem } from "./errors.ts";
import { traceIdOf, type Logger } from "./logger.ts";
import { createMetrics, type HttpMetrics } from "./metrics.ts";
import type { AuthUser } from "./auth.ts";

export interface AppVariables {
  requestId: string;
  log: Logger;
  user: AuthUser | undefined;
}

export type AppEnv = { Variables: AppVariables };
export type AppContext = Context<AppEnv>;

export interface AppDeps {
  name: string;
  log: Logger;
  /** Resolves when every dependency answers; /readyz reports 503 until then. */
  ready?: () => Promise<void>;
  metrics?: HttpMetrics;
}

export type App = Hono<AppEnv>;

/**
 * The one place a service's HTTP behaviour is assembled: request id, trace-aware logs,
 * metrics, health, one error handler and one not-found answer for every route.
 */
export function createApp(deps: AppDeps): App {
  const metrics = deps.metrics ?? createMetrics(deps.name);
  const app = new Hono<AppEnv>();

  app.use(requestContext(deps.log));
  app.use(recordMetrics(metrics));

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await deps.ready?.();
      return c.json({ status: "ready" });
    } catch (error) {
      c.var.log.warn({ err: error }, "not ready");
      return c.json({ status: "not ready" }, 503);
    }
  });
  app.get("/metrics", async (c) => c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }));

  app.notFound((c) => problem(c, new AppError("not_found", `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((error, c) => problem(c, asAppError(error, c.var.log)));
  return app;
}

function requestContext(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : crypto.randomUUID();
    const traceId = traceIdOf(c.req.header("traceparent"));
    c.set("requestId", requestId);
    c.set("log", log.child(traceId ? { requestId, traceId } : { requestId }));
    c.set("user", undefined);
    await next();
    c.header("x-request-id", requestId);
  };
}

function recordMetrics(metrics: HttpMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // The route pattern, not the path, keeps label cardinality bounded.
    const labels = { method: c.req.method, route: routePath(c) || "unmatched", status: String(c.res.status) };
    metrics.requests.inc(labels);
    if (c.res.status >= 500) metrics.errors.inc(labels);
    metrics.duration.observe(labels, (performance.now() - started) / 1000);
  };
}

function asAppError(error: unknown, log: Logger): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError("payload_too_large", "The request body is too large.");
    if (error.status === 401) return new AppError("unauthenticated");
    return new AppError("bad_request", error.message || "The request is malformed.");
  }
  if (error instanceof SyntaxError) return new AppError("bad_request", "The request body is not valid JSON.");
  log.error({ err: error }, "unhandled error");
  return new AppError("internal", "Something went wrong on our side.");
}

export function problem(c: Context<AppEnv>, error: AppError): Response {
  const body = toProblem(error, c.req.path, c.var.requestId);
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { "content-type": "application/problem+json", ...(error.headers ?? {}) },
  });
}
