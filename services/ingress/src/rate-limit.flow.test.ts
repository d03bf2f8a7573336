import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "@market/kit";
import { infra } from "@market/testing";
import { createIngressApp } from "./app.ts";
import { createForwarder } from "./forward.ts";

const redis = new Redis(infra.redisUrl);
afterAll(() => redis.quit());

function replica(perMinute: number) {
  // The forwarder points nowhere: these requests are decided before any forwarding.
  const forwarder = createForwarder({ daprHost: "127.0.0.1", daprHttpPort: 1, timeoutMs: 1000 });
  return createIngressApp({ log: createLogger("ingress", "silent"), redis, forwarder, routedApps: new Map(), ratePerMinute: perMinute, bodyLimitBytes: 1024 });
}

describe("the ingress rate limit", () => {
  it("holds across replicas because it is counted in Redis", async () => {
    const [a, b] = [replica(5), replica(5)];
    const address = randomUUID();
    const env = { incoming: { socket: { remoteAddress: address, remotePort: 1, remoteFamily: "IPv4" } } };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? b : a).request("/api/nothing/here", {}, env)).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses[5]).toBe(429);
    const limited = await a.request("/api/nothing/here", {}, env);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a body over the limit with 413 problem+json", async () => {
    const res = await replica(100).request("/api/nothing/here", { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(4096) }, {
      incoming: { socket: { remoteAddress: randomUUID(), remotePort: 1, remoteFamily: "IPv4" } },
    });
    expect(res.status).toBe(413);
  });
});
