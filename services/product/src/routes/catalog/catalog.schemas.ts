import { z } from "zod";
import { id } from "@market/contracts";

export const snapshotsQuery = z.strictObject({
  /** The last product id of the previous page. */
  after: id("prd").optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
