import { describe, expect, it } from "vitest";
import { AppError } from "@market/kit";
import { buildCategoryTree, checkCategoryMove } from "./category-tree.ts";

// electronics > phones > android; books
const parents = new Map<string, string | null>([
  ["electronics", null],
  ["phones", "electronics"],
  ["android", "phones"],
  ["books", null],
]);

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return undefined;
};

describe("category moves", () => {
  it("allows moving a category to the root or under an unrelated branch", () => {
    expect(() => checkCategoryMove("phones", null, parents)).not.toThrow();
    expect(() => checkCategoryMove("phones", "books", parents)).not.toThrow();
    expect(() => checkCategoryMove("android", "electronics", parents)).not.toThrow();
  });

  it("refuses moving a category under itself as a conflict", () => {
    expect(codeOf(() => checkCategoryMove("phones", "phones", parents))).toBe("conflict");
  });

  it("refuses moving a category under its own descendant as a conflict", () => {
    expect(codeOf(() => checkCategoryMove("electronics", "android", parents))).toBe("conflict");
    expect(codeOf(() => checkCategoryMove("electronics", "phones", parents))).toBe("conflict");
  });

  it("names the parent when it does not exist", () => {
    expect(codeOf(() => checkCategoryMove("phones", "nowhere", parents))).toBe("validation_failed");
  });
});

describe("category tree", () => {
  it("nests children under their parents in list order", () => {
    const list = [...parents].map(([id, parentId]) => ({ id, parentId }));
    const tree = buildCategoryTree(list);
    expect(tree.map((n) => n.category.id)).toEqual(["electronics", "books"]);
    expect(tree[0]!.children[0]!.category.id).toBe("phones");
    expect(tree[0]!.children[0]!.children[0]!.category.id).toBe("android");
  });
});
