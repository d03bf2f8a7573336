import { describe, expect, it } from "vitest";
import { kycObjectKey, safeFileName } from "./kyc-document.ts";

describe("a KYC document's object key", () => {
  it("sits under the vendor's prefix with the document id before the file name", () => {
    expect(kycObjectKey("vnd_1", "kyc_2", "Passport scan.pdf")).toBe("vendors/vnd_1/kyc/kyc_2-Passport_scan.pdf");
  });

  it("cannot climb out of the vendor's prefix through the file name", () => {
    expect(kycObjectKey("vnd_1", "kyc_2", "../../other/secret.pdf")).toBe("vendors/vnd_1/kyc/kyc_2-secret.pdf");
    expect(safeFileName("..\\..\\boot.ini")).toBe("boot.ini");
  });

  it("keeps only safe characters and never leaves the name empty", () => {
    expect(safeFileName("Reçu\r\nX-Header: 1.png")).toBe("Recu_X-Header_1.png");
    expect(safeFileName("...")).toBe("document");
    expect(safeFileName("")).toBe("document");
    expect(safeFileName(`${"a".repeat(300)}.pdf`)).toHaveLength(100);
  });
});
