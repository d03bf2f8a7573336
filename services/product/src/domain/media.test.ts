import { describe, expect, it } from "vitest";
import { AppError } from "@market/kit";
import { checkMediaOrder, mediaKey } from "./media.ts";

const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as AppError).code, errors: (error as AppError).errors };
  }
  return undefined;
};

describe("image order", () => {
  it("accepts any order that names each ready image once", () => {
    expect(checkMediaOrder(["a", "b", "c"], ["c", "a", "b"])).toEqual(["c", "a", "b"]);
  });

  it("names a repeated, an unknown and a missing image as fields of the request", () => {
    expect(errorsOf(() => checkMediaOrder(["a", "b"], ["a", "a", "z"]))).toEqual({
      code: "validation_failed",
      errors: [
        { field: "mediaIds.1", reason: "is repeated" },
        { field: "mediaIds.2", reason: "is not a ready image of this product" },
        { field: "mediaIds", reason: "must include every ready image; missing b" },
      ],
    });
  });
});

describe("image keys", () => {
  it("puts each image under its product with the extension of its type", () => {
    expect(mediaKey("prd_1", "med_2", "image/jpeg")).toBe("products/prd_1/med_2.jpg");
    expect(mediaKey("prd_1", "med_3", "image/webp")).toBe("products/prd_1/med_3.webp");
  });
});
