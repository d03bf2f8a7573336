// Rows in Postgres's COPY text format: one line per row, tab between columns, \N for null.
// Backslash, tab, newline and carriage return inside a value are escaped, so no value can
// end a row or a column early.

export type Cell = string | number | boolean | Date | null | Record<string, unknown>;

function escape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}

export function copyCell(value: Cell): string {
  if (value === null) return "\\N";
  if (typeof value === "string") return escape(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot copy the number ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  return escape(JSON.stringify(value));
}

export const copyLine = (cells: readonly Cell[]): string => `${cells.map(copyCell).join("\t")}\n`;
