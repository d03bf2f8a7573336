import { Pool } from "undici";
import type { IncomingHttpHeaders } from "undici/types/header.js";
import { getConnInfo } from "@hono/node-server/conninfo";
import { AppError, type AppContext } from "@market/kit";
import type { EdgeCache } from "./edge-cache.ts";

const forwardedRequestHeaders = ["authorization", "content-type", "accept", "accept-language", "traceparent", "tracestate", "idempotency-key", "if-match", "stripe-signature"];
const forwardedResponseHeaders = ["content-type", "location", "etag", "retry-after", "www-authenticate", "cache-control", "traceparent"];

/**
 * Forwards a request to an app through the ingress's own sidecar
 * (`/v1.0/invoke/<app>/method/<path>`), so service discovery, mTLS, retries and tracing are
 * Dapr's. Raw HTTP rather than DaprClient.invoker: the SDK drops the status and headers of
 * the answer (dapr/js-sdk#605), and an ingress must pass them through.
 */
export function createForwarder(options: { daprHost: string; daprHttpPort: number; timeoutMs: number; edgeCache?: EdgeCache }) {
  const sidecar = new Pool(`http://${options.daprHost}:${options.daprHttpPort}`, { connections: 256, keepAliveTimeout: 30_000 });
  const { edgeCache } = options;

  interface Upstream {
    status: number;
    headers: Record<string, string>;
    body: ArrayBuffer;
  }
  const respond = (answer: Upstream, extra: Record<string, string> = {}) =>
    new Response(answer.status === 204 ? null : answer.body, { status: answer.status, headers: { ...answer.headers, ...extra } });

  /** Anonymous misses of one URL in flight, with whether their answer went into the edge cache. */
  const filling = new Map<string, Promise<{ answer: Upstream; stored: boolean }>>();

  async function forward(c: AppContext, appId: string, path: string): Promise<Response> {
    const search = new URL(c.req.url).search;
    // Only anonymous reads may be shared between clients.
    if (!edgeCache || c.req.method !== "GET" || c.req.header("authorization") || c.req.header("cookie")) return respond(await callApp(c, appId, path, search));

    const key = `${appId}/${path}${search}`;
    const hit = edgeCache.get(key);
    if (hit) return respond(hit, { age: String(Math.floor((Date.now() - hit.storedAt) / 1000)), "x-edge-cache": "hit" });
    // When an entry expires under load, one request refreshes it and the ones arriving
    // meanwhile wait for that answer instead of each crossing two sidecars to the app.
    const pending = filling.get(key);
    if (pending) {
      const shared = await pending.catch(() => undefined);
      if (shared?.stored) return respond(shared.answer, { "x-edge-cache": "hit" });
      return respond(await callApp(c, appId, path, search));
    }
    const fill = callApp(c, appId, path, search).then((answer) => ({ answer, stored: edgeCache.offer(key, answer.status, answer.headers, answer.body) }));
    filling.set(key, fill);
    try {
      const { answer, stored } = await fill;
      return respond(answer, stored ? { "x-edge-cache": "miss" } : {});
    } finally {
      filling.delete(key);
    }
  }

  async function callApp(c: AppContext, appId: string, path: string, search: string): Promise<Upstream> {
    const headers: Record<string, string> = { "x-request-id": c.var.requestId, "x-forwarded-for": getConnInfo(c).remote.address ?? "" };
    for (const name of forwardedRequestHeaders) {
      const value = c.req.header(name);
      if (value) headers[name] = value;
    }
    const hasBody = !["GET", "HEAD"].includes(c.req.method);
    let answer;
    try {
      answer = await sidecar.request({
        method: c.req.method as "GET",
        path: `/v1.0/invoke/${appId}/method/${path}${search}`,
        headers,
        body: hasBody ? Buffer.from(await c.req.arrayBuffer()) : null,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
    } catch (error) {
      c.var.log.warn({ err: error, appId }, "sidecar unreachable");
      throw new AppError("upstream_unavailable", "The service is unavailable; try again shortly.", { headers: { "retry-after": "2" } });
    }
    const body = await answer.body.arrayBuffer();
    if (answer.statusCode >= 500 && isDaprError(answer.headers, body)) {
      // Dapr's own failure (app not found, app down): not the app's answer, and not for clients.
      c.var.log.warn({ appId, status: answer.statusCode, dapr: Buffer.from(body).toString("utf8").slice(0, 300) }, "invocation failed in dapr");
      throw new AppError("upstream_unavailable", "The service is unavailable; try again shortly.", { headers: { "retry-after": "2" } });
    }
    const out: Record<string, string> = {};
    for (const name of forwardedResponseHeaders) {
      const value = answer.headers[name];
      if (typeof value === "string") out[name] = value;
    }
    return { status: answer.statusCode, headers: out, body };
  }

  return { forward, close: () => sidecar.close() };
}

function isDaprError(headers: IncomingHttpHeaders, body: ArrayBuffer): boolean {
  if (headers["content-type"] === "application/problem+json") return false;
  return Buffer.from(body).toString("utf8", 0, 200).includes('"errorCode":"ERR_');
}
