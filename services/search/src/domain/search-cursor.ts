/**
 * The opaque `after` cursor: the sort values of a page's last hit (search_after), tied to
 * the sort and currency they were made for, so a cursor cannot be replayed on another order.
 */
export type SortValue = string | number | null;

export interface Cursor {
  sort: string;
  currency: string;
  values: SortValue[];
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.currency, cursor.values])).toString("base64url");
}

/** undefined when the text is not a cursor of this sort and currency with `length` values. */
export function decodeCursor(text: string, expected: { sort: string; currency: string; length: number }): Cursor | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [sort, currency, values] = parsed as unknown[];
  if (sort !== expected.sort || currency !== expected.currency) return undefined;
  if (!Array.isArray(values) || values.length !== expected.length) return undefined;
  const valid = values.every((v) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)));
  return valid ? { sort, currency, values: values as SortValue[] } : undefined;
}
