import { z } from "zod";
import { id } from "@market/contracts";

const slug = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase letters and digits separated by single dashes");

export const createCategoryBody = z.strictObject({
  slug,
  name: z.string().trim().min(1).max(120),
  parentId: id("cat").nullable().default(null),
});

export const editCategoryBody = z
  .strictObject({ slug, name: z.string().trim().min(1).max(120) })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send a new name, a new slug or both");

export const moveCategoryBody = z.strictObject({ parentId: id("cat").nullable() });

export const categoryIdParams = z.object({ id: id("cat") });
