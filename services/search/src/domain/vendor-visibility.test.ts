import { describe, expect, it } from "vitest";
import { isHidden, withPayouts, withSuspension, type VendorVisibility } from "./vendor-visibility.ts";

const vendorId = "vnd_01abcdefghjkmnpqrstvwxyz0";
const v = (x: VendorVisibility | "unchanged") => (x === "unchanged" ? undefined : x);

describe("vendor visibility", () => {
  it("hides a suspended vendor and shows it again when reinstated", () => {
    const suspended = v(withSuspension(undefined, vendorId, true, "2026-01-01T00:00:01Z"));
    expect(isHidden(suspended)).toBe(true);
    expect(isHidden(v(withSuspension(suspended, vendorId, false, "2026-01-01T00:00:02Z")))).toBe(false);
  });

  it("ignores a reinstatement older than the suspension", () => {
    const suspended = v(withSuspension(undefined, vendorId, true, "2026-01-01T00:00:05Z"));
    expect(withSuspension(suspended, vendorId, false, "2026-01-01T00:00:02Z")).toBe("unchanged");
  });

  it("hides a vendor whose payouts were disabled", () => {
    expect(isHidden(v(withPayouts(undefined, vendorId, false, "2026-01-01T00:00:01Z")))).toBe(true);
    expect(isHidden(undefined)).toBe(false);
  });
});
