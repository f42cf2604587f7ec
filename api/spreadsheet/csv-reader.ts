/**
 * CSV files as sheets, through csv-parse (the `csv` project, as the writer): RFC 4180 quoting, a UTF-8
 * byte-order mark skipped, rows of any length. Every cell is text; empty text is an empty cell.
 */
import { parse } from "csv-parse/sync";
import type { RawSheet } from "../../solver/workbook/raw-sheet.ts";
import { TaktError } from "../../src/errors.ts";

export function readCsv(name: string, text: string): RawSheet {
  try {
    const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return { name, rows: rows.map((row) => row.map((cell) => (cell === "" ? null : cell))) };
  } catch (error) {
    throw new TaktError("TAKT_ERR_UNREADABLE_FILE", `${name}.csv is not readable CSV: ${(error as Error).message}`);
  }
}
