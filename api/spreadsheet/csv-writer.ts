/**
 * A table as CSV (RFC 4180) through csv-stringify (the `csv` project: MIT, maintained, Node 20): fields with
 * commas, quotes or line breaks are quoted and quotes doubled, records end in CRLF, the header is the column
 * names (a lone CR or LF in a field is quoted too: csv-stringify does not by default once record_delimiter is set). Dates are `YYYY-MM-DD` and `YYYY-MM-DD HH:mm`, which Excel reads as dates; booleans `true`/`false`.
 *
 * Two things for the spreadsheet programs planners open CSV in: the text starts with a UTF-8 byte-order
 * mark, without which Excel reads Chinese names as another code page; and text starting with `=`, `+`,
 * `-`, `@`, a tab or a return gets a leading `'` (csv-stringify's escape_formulas; OWASP "CSV injection"),
 * so a customer called `=HYPERLINK(…)` stays text. The CSV reader (csv-reader.ts) removes that `'` again.
 */
import { stringify } from "csv-stringify/sync";
import type { Cell, Column, Table } from "../../solver/export/table.ts";

export const CSV_MEDIA_TYPE = "text/csv; charset=utf-8";
const BOM = "\ufeff";
/** Rows stringified per call: large enough to amortise the call, small enough to stream. */
const BATCH_ROWS = 2000;

/** A cell as CSV text: dates with a space instead of the `T`. */
function csvValue(value: Cell | undefined, type: Column["type"]): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (type === "datetime" && typeof value === "string") return value.replace("T", " ");
  return value;
}

const OPTIONS = { record_delimiter: "windows", quote_record_delimiter: true, escape_formulas: true, cast: { boolean: (b: boolean) => (b ? "true" : "false") } } as const;

/** Writes the table as CSV text, `sink` getting it a batch of rows at a time. */
export function writeCsv(table: Table, sink: (chunk: Uint8Array) => void): void {
  const { columns } = table;
  sink(Buffer.from(BOM + stringify([columns.map((c) => c.name)], OPTIONS), "utf8"));
  let batch: Array<Array<string | number | boolean | null>> = [];
  const flush = () => {
    if (batch.length > 0) sink(Buffer.from(stringify(batch, OPTIONS), "utf8"));
    batch = [];
  };
  for (const row of table.rows) {
    batch.push(columns.map((column, c) => csvValue(row[c], column.type)));
    if (batch.length === BATCH_ROWS) flush();
  }
  flush();
}

export function csvChunks(table: Table): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  writeCsv(table, (chunk) => chunks.push(chunk));
  return chunks;
}
