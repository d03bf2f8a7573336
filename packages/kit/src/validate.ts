import type { z } from "zod";
import { AppError, validationError } from "./errors.ts";
import type { AppContext } from "./app.ts";

/**
 * Reads and validates the JSON body. Schemas for writes should be `z.strictObject` so that
 * a field the caller may not set (`roles`, `status`) is a named error, not silently dropped.
 */
export async function readJson<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.infer<T>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json.");
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error, "body");
  return result.data;
}

export function readQuery<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw validationError(result.error, "query");
  return result.data;
}

export function readParams<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> {
  const result = schema.safeParse(c.req.param());
  if (!result.success) throw validationError(result.error, "params");
  return result.data;
}
