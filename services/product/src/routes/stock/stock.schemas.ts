import { z } from "zod";
import { id } from "@market/contracts";

const reason = z.string().trim().min(1).max(500);

export const setStockBody = z.strictObject({ stock: z.number().int().min(0).max(1_000_000_000), reason });

export const adjustStockBody = z.strictObject({
  delta: z
    .number()
    .int()
    .min(-1_000_000_000)
    .max(1_000_000_000)
    .refine((d) => d !== 0, "must not be zero"),
  reason,
});

export const reserveBody = z.strictObject({
  variantId: id("var"),
  quantity: z.number().int().min(1).max(10_000),
  /** How long the units stay held without a commit. */
  ttlSeconds: z.number().int().min(1).max(86_400).default(900),
});

export const reservationIdParams = z.object({ id: id("rsv") });
export const variantParams = z.object({ id: id("prd"), variantId: id("var") });
