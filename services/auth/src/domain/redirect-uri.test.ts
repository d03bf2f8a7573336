import { describe, expect, it } from "vitest";
import { allowedRedirectUri } from "./redirect-uri.ts";

describe("allowedRedirectUri", () => {
  it("allows the storefront's loopback origins on any port and path", () => {
    expect(allowedRedirectUri("http://127.0.0.1:5173/")).toBe("http://127.0.0.1:5173/");
    expect(allowedRedirectUri("http://localhost:3000/auth/done")).toBe("http://localhost:3000/auth/done");
  });

  it("refuses other hosts, even ones that start like an allowed one", () => {
    for (const uri of ["http://evil.example:80/", "http://127.0.0.1.evil.example:80/", "http://localhost.evil.example:3000/", "http://10.0.0.1:3000/"]) {
      expect(allowedRedirectUri(uri)).toBeUndefined();
    }
  });

  it("refuses credentials that would make another host the real one", () => {
    expect(allowedRedirectUri("http://127.0.0.1:80@evil.example/")).toBeUndefined();
    expect(allowedRedirectUri("http://localhost:3000\\@evil.example/")).toBeUndefined();
  });

  it("refuses https, other schemes, a missing port, a query, a fragment and garbage", () => {
    for (const uri of ["https://127.0.0.1:3000/", "javascript:alert(1)", "http://127.0.0.1/", "http://127.0.0.1:3000/?next=x", "http://127.0.0.1:3000/#x", "not a url", ""]) {
      expect(allowedRedirectUri(uri)).toBeUndefined();
    }
  });
});
