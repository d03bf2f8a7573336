import { describe, expect, it } from "vitest";
import { cachedAccessToken } from "./access-token.ts";

describe("cachedAccessToken", () => {
  it("asks once for callers that arrive together, reuses the token, and asks again after forget", async () => {
    let grants = 0;
    const token = cachedAccessToken(async () => ({ access_token: `t${++grants}`, expires_in: 300 }));
    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual(["t1", "t1", "t1"]);
    expect(await token.get()).toBe("t1");
    token.forget();
    expect(await token.get()).toBe("t2");
    expect(grants).toBe(2);
  });

  it("renews a token that is about to expire", async () => {
    let grants = 0;
    const token = cachedAccessToken(async () => ({ access_token: `t${++grants}`, expires_in: 0 }));
    await token.get();
    await token.get();
    expect(grants).toBe(2);
  });

  it("keeps nothing from a refused grant", async () => {
    let fail = true;
    const token = cachedAccessToken(async () => {
      if (fail) throw new Error("401 from Keycloak");
      return { access_token: "ok", expires_in: 300 };
    });
    await expect(token.get()).rejects.toThrow("401");
    fail = false;
    expect(await token.get()).toBe("ok");
  });
});
