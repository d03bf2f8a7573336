import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { AppError } from "./errors.ts";
import { createLogger } from "./logger.ts";
import { readJson } from "./validate.ts";

const log = createLogger("test", "silent");

function testApp(ready?: () => Promise<void>) {
  const app = createApp({ name: "test", log, ...(ready ? { ready } : {}) });
  const body = z.strictObject({ displayName: z.string().min(1).max(10), address: z.strictObject({ postalCode: z.string().regex(/^\d{5}$/) }) });
  app.post("/things", async (c) => c.json(await readJson(c, body), 201));
  app.get("/things/:id", () => {
    throw new AppError("not_found", "No such thing.");
  });
  app.get("/boom", () => {
    throw new Error("database password is hunter2");
  });
  return app;
}

const post = (app: ReturnType<typeof testApp>, body: unknown, type = "application/json") =>
  app.request("/things", { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("createApp", () => {
  it("names every invalid field in a problem+json answer", async () => {
    const res = await post(testApp(), { displayName: "", address: { postalCode: "x" } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem).toMatchObject({ status: 422, code: "validation_failed" });
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(["address.postalCode", "displayName"]);
  });

  it("refuses fields the caller may not set, naming them", async () => {
    const res = await post(testApp(), { displayName: "ok", address: { postalCode: "12345" }, roles: ["admin"] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: unknown }).errors).toEqual([{ field: "roles", reason: "is not allowed" }]);
  });

  it("names a string field carrying a NUL character instead of failing in the database", async () => {
    const res = await post(testApp(), { displayName: "Ada\u0000", address: { postalCode: "12345" } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(["displayName"]);
  });

  it("answers 400 for a body that is not JSON and 415 for another media type", async () => {
    expect((await post(testApp(), "{nope")).status).toBe(400);
    expect((await post(testApp(), "a=b", "application/x-www-form-urlencoded")).status).toBe(415);
  });

  it("translates domain errors to their status and hides internals of unexpected ones", async () => {
    const app = testApp();
    expect((await app.request("/things/1")).status).toBe(404);
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("hunter2");
  });

  it("answers unknown routes with problem+json 404", async () => {
    const res = await testApp().request("/nowhere");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("echoes a request id, or makes one", async () => {
    const app = testApp();
    expect((await app.request("/healthz", { headers: { "x-request-id": "abc-123" } })).headers.get("x-request-id")).toBe("abc-123");
    expect((await app.request("/healthz")).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports readiness from its dependencies", async () => {
    expect((await testApp(async () => undefined).request("/readyz")).status).toBe(200);
    expect((await testApp(async () => Promise.reject(new Error("db down"))).request("/readyz")).status).toBe(503);
  });

  it("counts requests per route pattern, not per path", async () => {
    const app = testApp();
    await app.request("/things/1");
    await app.request("/things/2");
    const metrics = await (await app.request("/metrics")).text();
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/things\/:id",status="404",service="test"\} 2/);
    expect(metrics).toContain("http_request_duration_seconds_bucket");
  });
});
