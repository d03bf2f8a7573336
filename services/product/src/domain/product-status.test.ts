import { describe, expect, it } from "vitest";
import { AppError } from "@market/kit";
import { productTransition } from "./product-status.ts";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return undefined;
};

describe("product status", () => {
  it("goes from draft through review to active", () => {
    expect(productTransition("draft", "submit").to).toBe("pending_review");
    expect(productTransition("pending_review", "approve").to).toBe("active");
  });

  it("rejects only with a reason, and keeps the trimmed reason", () => {
    expect(codeOf(() => productTransition("pending_review", "reject", "  "))).toBe("validation_failed");
    expect(productTransition("pending_review", "reject", " blurry photos ")).toMatchObject({ to: "rejected", reason: "blurry photos" });
  });

  it("reopens a rejected product as a draft when edited, and sends an edited live product back to review", () => {
    expect(productTransition("rejected", "edit").to).toBe("draft");
    expect(productTransition("draft", "edit").to).toBe("draft");
    expect(productTransition("active", "edit").to).toBe("pending_review");
  });

  it("refuses steps that skip review or revive an archived product as conflicts", () => {
    expect(codeOf(() => productTransition("draft", "approve"))).toBe("conflict");
    expect(codeOf(() => productTransition("active", "submit"))).toBe("conflict");
    expect(codeOf(() => productTransition("archived", "edit"))).toBe("conflict");
    expect(codeOf(() => productTransition("archived", "archive"))).toBe("conflict");
    expect(codeOf(() => productTransition("rejected", "approve"))).toBe("conflict");
  });

  it("archives from any status but archived", () => {
    for (const from of ["draft", "pending_review", "active", "rejected"] as const) expect(productTransition(from, "archive").to).toBe("archived");
  });
});
