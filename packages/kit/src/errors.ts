import type { ZodError } from "zod";

/**
 * Every failure the domain or the kit can name. The HTTP status lives here and only here:
 * domain code throws `new AppError("not_found")`, the app's error handler translates.
 */
export const errorStatus = {
  validation_failed: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  field: string;
  reason: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? code.replaceAll("_", " "));
    this.name = "AppError";
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** A zod failure as an AppError that names each field (`address.postalCode`) and its reason. */
export function validationError(error: ZodError, where: "body" | "query" | "params" | "headers"): AppError {
  const errors = error.issues.map((issue) => {
    const path = issue.path.map(String);
    // Unknown keys are reported on the parent; name the offending key itself.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...path, key].join("."), reason: "is not allowed" }));
    }
    return [{ field: path.length ? path.join(".") : where, reason: issue.message }];
  });
  return new AppError("validation_failed", `The request ${where} is invalid.`, { errors: errors.flat() });
}

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
}

export function toProblem(error: AppError, instance?: string, requestId?: string): Problem {
  return {
    type: `https://marketplace.dev/problems/${error.code.replaceAll("_", "-")}`,
    title: error.code.replaceAll("_", " "),
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    code: error.code,
    ...(requestId ? { requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}
