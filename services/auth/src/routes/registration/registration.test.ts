import { describe, expect, it } from "vitest";
import { createLogger } from "@market/kit";
import { createAuthApp, type Deps } from "../../app.ts";

const log = createLogger("test", "silent");
const userId = "2b7c1f0e-6c1d-4b8e-9a51-0d3c6f1e2a47";

/** The registration route with Keycloak and Postgres replaced by recorders. */
function registration(options: { storeFails: boolean }) {
  const created: string[] = [];
  const deleted: string[] = [];
  const deps = {
    log,
    pubsubName: "pubsub",
    db: {
      transaction: async () => {
        if (options.storeFails) throw new Error("database unavailable");
      },
    },
    relay: { kick: () => undefined },
    keycloak: {
      createUser: async (account: { email: string }) => (created.push(account.email), userId),
      deleteUser: async (id: string) => void deleted.push(id),
    },
    limits: { registrationFrom: async () => undefined, account: async () => undefined },
  } as unknown as Deps;
  const register = (body: unknown) =>
    createAuthApp(deps).request("/auth/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { register, created, deleted };
}

const account = { email: "Ada@Example.test", password: "correct horse battery", displayName: "Ada Lovelace" };

describe("POST /auth/register", () => {
  it("answers the new user's id", async () => {
    const { register, created } = registration({ storeFails: false });
    const res = await register(account);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ userId });
    expect(created).toEqual(["ada@example.test"]);
  });

  it("removes the Keycloak account again when its event cannot be stored, so that registering again works", async () => {
    const { register, deleted } = registration({ storeFails: true });
    expect((await register(account)).status).toBe(500);
    expect(deleted).toEqual([userId]);
  });

  it("names every invalid field, including ones the caller may not set, and creates no account", async () => {
    const { register, created } = registration({ storeFails: false });
    const res = await register({ email: "nope", password: "short", displayName: "", roles: ["admin"] });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["displayName", "email", "password", "roles"]);
    expect(created).toEqual([]);
  });
});
