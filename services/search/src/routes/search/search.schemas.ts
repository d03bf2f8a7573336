import { z } from "zod";

const minorUnits = z
  .string()
  .regex(/^\d{1,15}$/, "must be a whole, non-negative number of minor units (cents)")
  .transform(Number);

export const sorts = ["relevance", "price_asc", "price_desc", "rating", "newest"] as const;
export type SortName = (typeof sorts)[number];

/** Every parameter of GET /search/products; anything else is refused by name. */
export const searchQuery = z
  .strictObject({
    q: z.string().trim().max(200, "must be at most 200 characters").optional(),
    category: z.string().regex(/^cat_[0-9a-z]{26}$/, "must be a cat_ id").optional(),
    minPrice: minorUnits.optional(),
    maxPrice: minorUnits.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR").default("EUR"),
    minRating: z
      .string()
      .regex(/^\d(\.\d{1,2})?$/, "must be a number from 0 to 5")
      .transform(Number)
      .refine((n) => n <= 5, "must be a number from 0 to 5")
      .optional(),
    vendor: z.string().regex(/^vnd_[0-9a-z]{26}$/, "must be a vnd_ id").optional(),
    inStock: z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true").optional(),
    sort: z.enum(sorts, { message: `must be one of ${sorts.join(", ")}` }).default("relevance"),
    size: z
      .string()
      .regex(/^\d{1,6}$/, "must be a whole number from 1 to 100")
      .transform(Number)
      .refine((n) => n >= 1 && n <= 100, "must be a whole number from 1 to 100")
      .default(20),
    after: z.string().min(1).max(2000).optional(),
  })
  .superRefine((query, ctx) => {
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      ctx.addIssue({ code: "custom", path: ["minPrice"], message: "must not exceed maxPrice" });
    }
  });
export type SearchQuery = z.infer<typeof searchQuery>;

export const autocompleteQuery = z.strictObject({
  q: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  size: z
    .string()
    .regex(/^\d{1,6}$/, "must be a whole number from 1 to 10")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 10, "must be a whole number from 1 to 10")
    .default(8),
});
export type AutocompleteQuery = z.infer<typeof autocompleteQuery>;
