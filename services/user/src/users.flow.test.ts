import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRegistered } from "@market/contracts";
import { cloudEvent, createTestUser, publishThrough, serviceToken, startTestService, waitFor, type TestService, type TestUser } from "@market/testing";
import { startUserService } from "./main.ts";

let service: TestService;
let ada: TestUser;
let bob: TestUser;
let admin: TestUser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  service = await startTestService({ appId: "user", start: startUserService });
  [ada, bob, admin] = await Promise.all([createTestUser(["customer"], "Ada Lovelace"), createTestUser(["customer"], "Bob Builder"), createTestUser(["admin"], "Avery Admin")]);
  for (const [name, user] of Object.entries({ ada, bob, admin })) {
    tokens[name] = await user.token();
    // Profiles come from the registration event, as the auth service publishes it.
    const data = { userId: user.id, email: user.email, displayName: name, locale: "en", registeredAt: new Date().toISOString() };
    await publishThrough(service.sidecar.httpPort, userRegistered, cloudEvent(userRegistered, data, user.id));
  }
  await waitFor(async () => (await Promise.all(["ada", "bob", "admin"].map((n) => call(n, "GET", "/users/me")))).every((r) => r.status === 200), { what: "the three profiles" });
});
afterAll(async () => service?.stop());

function call(who: string | undefined, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${tokens[who]}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${service.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

const address = { recipient: "Ada Lovelace", line1: "12 Analytical Row", city: "London", postalCode: "SW1A 1AA", country: "GB" };

describe("profiles", () => {
  it("a registration event delivered twice makes one profile and keeps later edits", async () => {
    const carol = await createTestUser(["customer"], "Carol Client");
    tokens.carol = await carol.token();
    const event = cloudEvent(userRegistered, { userId: carol.id, email: carol.email, displayName: "Carol", locale: "en", registeredAt: new Date().toISOString() }, carol.id);
    await publishThrough(service.sidecar.httpPort, userRegistered, event);
    await waitFor(async () => (await call("carol", "GET", "/users/me")).status === 200, { what: "Carol's profile" });
    expect((await call("carol", "PATCH", "/users/me", { displayName: "Carol C." })).status).toBe(200);
    await publishThrough(service.sidecar.httpPort, userRegistered, event);
    const marker = await createTestUser();
    await publishThrough(service.sidecar.httpPort, userRegistered, cloudEvent(userRegistered, { userId: marker.id, email: marker.email, displayName: "M", locale: "en", registeredAt: new Date().toISOString() }, marker.id));
    tokens.marker = await marker.token();
    await waitFor(async () => (await call("marker", "GET", "/users/me")).status === 200, { what: "the marker's profile" });
    expect(await (await call("carol", "GET", "/users/me")).json()).toMatchObject({ displayName: "Carol C." });
  });

  it("a user reads and edits their own profile", async () => {
    const res = await call("ada", "PATCH", "/users/me", { displayName: "Ada L.", phone: "+44 20 7946 0000", preferredCurrency: "GBP" });
    expect(res.status).toBe(200);
    expect(await (await call("ada", "GET", "/users/me")).json()).toMatchObject({ id: ada.id, displayName: "Ada L.", preferredCurrency: "GBP" });
  });

  it("an update naming fields a user may not set is refused and changes nothing", async () => {
    const before = await (await call("bob", "GET", "/users/me")).json();
    const res = await call("bob", "PATCH", "/users/me", { displayName: "Bobby", email: "root@example.test", roles: ["admin"] });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["email", "roles"]);
    expect(await (await call("bob", "GET", "/users/me")).json()).toEqual(before);
  });

  it("bad values name the field: wrong type, too long, bad currency, empty body", async () => {
    for (const [body, field] of [
      [{ displayName: 42 }, "displayName"],
      [{ displayName: "x".repeat(81) }, "displayName"],
      [{ preferredCurrency: "euro" }, "preferredCurrency"],
      [{ locale: "english" }, "locale"],
    ] as const) {
      const res = await call("bob", "PATCH", "/users/me", body);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe(field);
    }
    expect((await call("bob", "PATCH", "/users/me", {})).status).toBe(422);
  });

  it("a user cannot read another user's profile; an admin can", async () => {
    expect((await call("bob", "GET", `/users/${ada.id}`)).status).toBe(404);
    expect((await call("admin", "GET", `/users/${ada.id}`)).status).toBe(200);
    expect((await call(undefined, "GET", `/users/${ada.id}`)).status).toBe(401);
  });
});

describe("preferences", () => {
  it("are replaced as a whole and read back", async () => {
    const prefs = { email: { orders: true, account: true, marketing: true }, inApp: { orders: true, account: false, marketing: false }, push: { orders: false, account: false, marketing: false } };
    expect((await call("ada", "PUT", "/users/me/preferences", prefs)).status).toBe(200);
    expect(await (await call("ada", "GET", "/users/me/preferences")).json()).toEqual(prefs);
    const partial = await call("ada", "PUT", "/users/me/preferences", { email: prefs.email });
    expect(partial.status).toBe(422);
  });
});

describe("addresses", () => {
  it("the first address becomes the default; setting another moves it; the summary shows it", async () => {
    const first = (await (await call("ada", "POST", "/users/me/addresses", address)).json()) as { id: string; isDefault: boolean };
    expect(first.isDefault).toBe(true);
    const second = (await (await call("ada", "POST", "/users/me/addresses", { ...address, line1: "1 Difference St", country: "DE", postalCode: "10115", city: "Berlin" })).json()) as { id: string };
    expect((await call("ada", "POST", `/users/me/addresses/${second.id}/default`)).status).toBe(200);
    const list = (await (await call("ada", "GET", "/users/me/addresses")).json()) as { items: Array<{ id: string; isDefault: boolean }> };
    expect(list.items.filter((a) => a.isDefault).map((a) => a.id)).toEqual([second.id]);
    const summary = (await (await call("ada", "GET", `/users/${ada.id}/summary`)).json()) as { defaultShippingAddress: { id: string } };
    expect(summary.defaultShippingAddress.id).toBe(second.id);
  });

  it("a postal code that does not fit the country is refused, naming postalCode", async () => {
    const res = await call("ada", "POST", "/users/me/addresses", { ...address, country: "US", postalCode: "SW1A 1AA" });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(["postalCode"]);
  });

  it("another user's address cannot be edited, made default or deleted", async () => {
    const mine = (await (await call("bob", "POST", "/users/me/addresses", address)).json()) as { id: string };
    expect((await call("ada", "PUT", `/users/me/addresses/${mine.id}`, address)).status).toBe(404);
    expect((await call("ada", "POST", `/users/me/addresses/${mine.id}/default`)).status).toBe(404);
    expect((await call("ada", "DELETE", `/users/me/addresses/${mine.id}`)).status).toBe(404);
    expect((await call("bob", "DELETE", `/users/me/addresses/${mine.id}`)).status).toBe(204);
  });
});

describe("the summary by id", () => {
  it("is for the user, admins and service accounts only", async () => {
    expect((await call("bob", "GET", `/users/${ada.id}/summary`)).status).toBe(404);
    expect((await call("admin", "GET", `/users/${ada.id}/summary`)).status).toBe(200);
    tokens.service = await serviceToken("market-service", "market-service-dev-secret");
    expect((await call("service", "GET", `/users/${ada.id}/summary`)).status).toBe(200);
    // A service account is not the user: it cannot act on /users/me.
    expect((await call("service", "GET", "/users/me")).status).toBe(404);
  });
});
