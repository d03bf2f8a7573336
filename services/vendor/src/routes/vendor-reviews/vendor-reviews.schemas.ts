import { z } from "zod";
import { id } from "@market/contracts";
import { vendorStatuses } from "../../domain/vendor-application.ts";

export const reasonBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const reviewQueueQuery = z.object({
  status: z.enum(vendorStatuses).default("submitted"),
  // Larger pages are served at the cap rather than refused: a client asking for more still gets a page.
  limit: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 100)),
  cursor: id("vnd").optional(),
});
