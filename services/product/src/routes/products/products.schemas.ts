import { z } from "zod";
import { id } from "@market/contracts";

const text = (max: number) => z.string().trim().min(1).max(max);

const attributes = z
  .record(z.string().trim().min(1).max(60), z.string().max(500))
  .refine((map) => Object.keys(map).length <= 50, "must have at most 50 attributes");

export const createProductBody = z.strictObject({
  title: text(200),
  description: z.string().trim().max(10_000).default(""),
  attributes: attributes.default({}),
  categoryId: id("cat"),
});

export const editProductBody = z
  .strictObject({
    title: text(200),
    description: z.string().trim().max(10_000),
    attributes,
    categoryId: id("cat"),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "send at least one field to change");

export const rejectProductBody = z.strictObject({ reason: text(1000) });

export const price = z.strictObject({
  amount: z.number().int().min(0).max(2_147_483_647),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR"),
});

export const createVariantBody = z.strictObject({
  sku: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, dots, dashes or underscores"),
  price,
  stock: z.number().int().min(0).max(1_000_000_000).default(0),
});

export const editVariantBody = z.strictObject({ price });

export const productIdParams = z.object({ id: id("prd") });
export const variantParams = z.object({ id: id("prd"), variantId: id("var") });

export const listProductsQuery = z.strictObject({
  /** A category: the listing takes in its descendants too. */
  category: id("cat").optional(),
  /** The older name of `category`, kept for callers that still send it. */
  categoryId: id("cat").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** The last id of the previous page. */
  after: id("prd").optional(),
});
