import type { z } from "zod";
import { AppError, readQuery, type AppContext } from "@market/kit";

/**
 * The kit answers a bad query with 422; a search with a bad filter is a bad request (400),
 * with the same named field errors. Only this service's routes read their query this way.
 */
export function readSearchQuery<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> {
  try {
    return readQuery(c, schema);
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") {
      throw new AppError("bad_request", "The search parameters are invalid.", { errors: error.errors ?? [] });
    }
    throw error;
  }
}

export const badParameter = (field: string, reason: string) => new AppError("bad_request", "The search parameters are invalid.", { errors: [{ field, reason }] });
