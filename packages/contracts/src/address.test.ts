import { describe, expect, it } from "vitest";
import { isValidPostalCode, postalAddress } from "./address.ts";

const base = { recipient: "Ada Lovelace", line1: "12 Analytical Row", city: "London", postalCode: "SW1A 1AA", country: "GB" };

describe("postalAddress", () => {
  it("accepts a valid address and normalises the country code", () => {
    expect(postalAddress.parse({ ...base, country: "gb" }).country).toBe("GB");
  });
  it("names the postal code when it does not fit the country", () => {
    const result = postalAddress.safeParse({ ...base, country: "DE", postalCode: "SW1A 1AA" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["postalCode"]);
  });
  it("refuses a country that does not exist", () => {
    expect(postalAddress.safeParse({ ...base, country: "XX" }).success).toBe(false);
  });
  it("knows the formats of common markets and falls back to a generic one", () => {
    expect(isValidPostalCode("US", "94105-1234")).toBe(true);
    expect(isValidPostalCode("US", "9410")).toBe(false);
    expect(isValidPostalCode("NL", "1012 AB")).toBe(true);
    expect(isValidPostalCode("KE", "00100")).toBe(true);
    expect(isValidPostalCode("KE", "!!")).toBe(false);
  });
});
