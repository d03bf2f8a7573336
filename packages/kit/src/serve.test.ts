import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { createLogger } from "./logger.ts";
import { serveApp } from "./serve.ts";

describe("serveApp", () => {
  it("finishes in-flight requests on shutdown, refuses new ones, then runs the cleanups", async () => {
    const log = createLogger("test", "silent");
    const app = createApp({ name: "test", log });
    app.get("/slow", async (c) => {
      await new Promise((r) => setTimeout(r, 300));
      return c.json({ done: true });
    });
    const order: string[] = [];
    const running = await serveApp(app, { port: 0, log, handleSignals: false, cleanups: [async () => void order.push("pool closed")] });
    const url = `http://127.0.0.1:${running.port}`;

    const inFlight = fetch(`${url}/slow`).then(async (r) => {
      order.push("request answered");
      return { status: r.status, body: await r.json() };
    });
    await new Promise((r) => setTimeout(r, 50));
    const closing = running.close();
    await new Promise((r) => setTimeout(r, 20));
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await closing;
    expect(order).toEqual(["request answered", "pool closed"]);
  });
});
