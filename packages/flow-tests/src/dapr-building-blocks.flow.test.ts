import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createDapr, createLogger, serveApp, type Dapr, type Running } from "@market/kit";
import { freePort, startSidecar, type Sidecar } from "@market/testing";

// The kit's Dapr client against a real daprd and the repository's components: state with
// ETags and TTL (Redis), secrets (local file), invocation.

let app: Running;
let sidecar: Sidecar;
let dapr: Dapr;

beforeAll(async () => {
  const log = createLogger("kit-check", "silent");
  const httpPort = await freePort();
  app = await serveApp(createApp({ name: "kit-check", log }), { port: 0, log, handleSignals: false });
  sidecar = await startSidecar({ appId: "kit-check", appPort: app.port, httpPort });
  dapr = createDapr({ httpPort });
});
afterAll(async () => {
  await sidecar?.stop();
  await app?.close();
});

describe("the kit's Dapr client", () => {
  it("saves and reads state, and refuses a write with a stale ETag", async () => {
    const key = `kit-check-${randomUUID()}`;
    await dapr.saveState(key, { quantity: 1 });
    const first = await dapr.getState<{ quantity: number }>(key);
    expect(first?.value).toEqual({ quantity: 1 });
    await dapr.saveState(key, { quantity: 2 }, { etag: first!.etag });
    await expect(dapr.saveState(key, { quantity: 3 }, { etag: first!.etag })).rejects.toMatchObject({ code: "conflict" });
    expect((await dapr.getState<{ quantity: number }>(key))?.value).toEqual({ quantity: 2 });
    await dapr.deleteState(key);
    expect(await dapr.getState(key)).toBeUndefined();
  });

  it("forgets state after its TTL", async () => {
    const key = `kit-check-${randomUUID()}`;
    await dapr.saveState(key, "short-lived", { ttlSeconds: 1 });
    expect((await dapr.getState<string>(key))?.value).toBe("short-lived");
    await new Promise((r) => setTimeout(r, 2100));
    expect(await dapr.getState(key)).toBeUndefined();
  });

  it("reads a secret from the secret store", async () => {
    expect(await dapr.secret("stripe.secretKey")).toBe("sk_test_123");
  });

  it("invokes an app by its id through the sidecar", async () => {
    expect(await dapr.invoke<{ status: string }>("kit-check", "healthz")).toEqual({ status: "ok" });
  });
});
