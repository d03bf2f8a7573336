import { describe, expect, it } from "vitest";
import { publicPath } from "./routes.ts";

describe("publicPath", () => {
  it("forwards a service's public routes, normalised", () => {
    expect(publicPath("user", "users/me")).toBe("users/me");
    expect(publicPath("user", "users//me/addresses")).toBe("users/me/addresses");
    expect(publicPath("vendor", "webhooks/stripe")).toBe("webhooks/stripe");
    expect(publicPath("user", "users/J%C3%BCrgen")).toBe("users/J%C3%BCrgen");
  });

  it("refuses what is for the sidecar or the platform, however it is spelled", () => {
    for (const [service, path] of [
      ["auth", "events/vendor.approved"],
      ["auth", "%65vents/vendor.approved"],
      ["auth", "/events/vendor.approved"],
      ["auth", "auth/../events/vendor.approved"],
      ["user", "dapr/subscribe"],
      ["user", "metrics"],
      ["user", "healthz"],
      ["user", "users%2F..%2Fmetrics"],
      ["unknown", "users/me"],
    ] as const) {
      expect(() => publicPath(service, path), `${service} ${path}`).toThrow(expect.objectContaining({ code: "not_found" }));
    }
  });
});
