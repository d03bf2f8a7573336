import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@market/kit";
import { infra } from "@market/testing";
import { createIngressApp } from "./app.ts";
import { createEdgeCache } from "./edge-cache.ts";
import { createForwarder } from "./forward.ts";

// The sidecar's side of service invocation is plain HTTP; a small server plays it here so
// that the test can count what reaches "the app" and hold an answer back.
const redis = new Redis(infra.redisUrl);
const upstreamCalls: string[] = [];
let sidecar: Server;
let port: number;

beforeAll(async () => {
  sidecar = createServer((req, res) => {
    upstreamCalls.push(req.url!);
    const publicPage = !req.headers.authorization && !req.url!.includes("private");
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json", ...(publicPage ? { "cache-control": "public, max-age=2" } : { "cache-control": "private, no-store" }) });
      res.end(JSON.stringify({ url: req.url, at: Date.now() }));
    }, 100);
  });
  await new Promise<void>((resolve) => sidecar.listen(0, "127.0.0.1", resolve));
  port = (sidecar.address() as AddressInfo).port;
});
afterAll(async () => {
  await redis.quit();
  await new Promise((resolve) => sidecar.close(resolve));
});

function ingress() {
  const forwarder = createForwarder({ daprHost: "127.0.0.1", daprHttpPort: port, timeoutMs: 5000, edgeCache: createEdgeCache({ maxEntries: 100, maxBodyBytes: 4096 }) });
  return createIngressApp({ log: createLogger("ingress", "silent"), redis, forwarder, routedApps: new Map([["product", "product"]]), ratePerMinute: 1_000_000, bodyLimitBytes: 1024 });
}
const from = () => ({ incoming: { socket: { remoteAddress: randomUUID(), remotePort: 1, remoteFamily: "IPv4" } } });

describe("the edge cache", () => {
  it("sends one request to the app for a burst of anonymous reads of one page and answers the rest from it", async () => {
    const app = ingress();
    const path = `/api/product/products/prd_${randomUUID()}`;
    const before = upstreamCalls.length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.request(path, {}, from())));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(upstreamCalls.length - before).toBe(1);
    const bodies = new Set(await Promise.all(answers.map((a) => a.text())));
    expect(bodies.size).toBe(1);
    expect(answers.filter((a) => a.headers.get("x-edge-cache") === "miss")).toHaveLength(1);
    expect((await app.request(path, {}, from())).headers.get("x-edge-cache")).toBe("hit");
  });

  it("never shares a signed-in read or an answer the app marks private", async () => {
    const app = ingress();
    const mine = `/api/product/products/prd_${randomUUID()}`;
    const before = upstreamCalls.length;
    await Promise.all(Array.from({ length: 3 }, () => app.request(mine, { headers: { authorization: "Bearer someone" } }, from())));
    expect(upstreamCalls.length - before).toBe(3);

    const privatePage = `/api/product/products/private-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 3 }, () => app.request(privatePage, {}, from())));
    expect(upstreamCalls.length - before).toBe(6);
    expect(answers.every((a) => a.headers.get("x-edge-cache") === null)).toBe(true);
  });
});
