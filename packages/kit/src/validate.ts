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
  refuseNulCharacters(body);
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error, "body");
  return result.data;
}

/**
 * Postgres cannot store U+0000 in text, and no field of ours means it: name every string that
 * carries one (`address.line1`, `categories.0`) instead of failing later in the database.
 */
function refuseNulCharacters(body: unknown): void {
  const found: string[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === "string") {
      if (value.includes("\u0000")) found.push(path.join(".") || "body");
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, String(i)]));
    } else if (value && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(body, []);
  if (found.length) {
    throw new AppError("validation_failed", "The request body is invalid.", { errors: found.map((field) => ({ field, reason: "must not contain the NUL character" })) });
  }
}

export function readQuery<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> {
  const query = c.req.query();
  const withNul = Object.keys(query).filter((key) => query[key]!.includes("\u0000"));
  if (withNul.length) throw new AppError("validation_failed", "The query is invalid.", { errors: withNul.map((field) => ({ field, reason: "must not contain the NUL character" })) });
  const result = schema.safeParse(query);
  if (!result.success) throw validationError(result.error, "query");
  return result.data;
}

export function readParams<T extends z.ZodType>(c: AppContext, schema: T): z.infer<T> {
  const result = schema.safeParse(c.req.param());
  if (!result.success) throw validationError(result.error, "params");
  return result.data;
}
