/**
 * One sheet's rows as field values: the first row names the columns (field names, or the Chinese headers of
 * fields.ts), empty rows are skipped, unknown columns are warnings, a missing required column and a cell
 * that is not of its field's type are problems at their cell.
 */
import type { Problem } from "../../src/problem.ts";
import { cellReference } from "./cell-map.ts";
import type { FieldSpec, SheetSpec } from "./fields.ts";
import { convertCell, normalizeName } from "./fields.ts";
import type { RawSheet } from "./raw-sheet.ts";

/** What reading a workbook reports: shape problems (a 400, by cell), warnings, and the cells already reported. */
export class ReadReport {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];
  /** Cells with a problem of their own: the model schema's complaint about the same cell is not repeated. */
  readonly failedCells = new Set<string>();

  problem(cell: string, message: string): void {
    this.problems.push({ path: cell, message });
    this.failedCells.add(cell);
  }
}

export interface ReadRow {
  /** 1-based row number in the sheet. */
  readonly rowNumber: number;
  /** The row's first cell, for problems of the row as a whole. */
  readonly cell: string;
  /** Field values present in the row (converted; absent when empty or not convertible). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The cell of a field's column in this row; undefined when the sheet has no such column. */
  cellOf(key: string): string | undefined;
}

/** The field a header names, by its English name or one of its Chinese headers. */
function fieldIndex(spec: SheetSpec): Map<string, FieldSpec> {
  const index = new Map<string, FieldSpec>();
  for (const field of spec.fields) for (const name of [field.key, ...field.zh]) index.set(normalizeName(name), field);
  return index;
}

export function readSheetRows(sheet: RawSheet, spec: SheetSpec, report: ReadReport): ReadRow[] {
  const header = sheet.rows[0] ?? [];
  const byName = fieldIndex(spec);
  const columns = new Map<string, number>();
  const types = new Map(spec.fields.map((f) => [f.key, f.type]));
  header.forEach((cell, c) => {
    const name = cell === undefined || cell === null ? "" : String(typeof cell === "object" ? "" : cell).trim();
    if (name === "") return;
    const at = cellReference(sheet.name, c, 1);
    const field = byName.get(normalizeName(name));
    if (!field) return void report.warnings.push({ path: at, message: `unknown column "${name}" in sheet ${spec.name} (ignored)` });
    const earlier = columns.get(field.key);
    if (earlier !== undefined) return void report.problem(at, `column "${name}" is ${field.key} again (first at ${cellReference(sheet.name, earlier, 1)})`);
    columns.set(field.key, c);
  });

  const isEmpty = (raw: RawSheet["rows"][number]) =>
    !raw || raw.every((cell) => cell === undefined || cell === null || (typeof cell === "string" && cell.trim() === ""));
  // A required column the sheet lacks is named once, at the header cell where it would go; its fields'
  // complaints from the model schema point there too, and so are not repeated row by row.
  const missing = new Map<string, string>();
  if (sheet.rows.some((raw, r) => r > 0 && !isEmpty(raw))) {
    let next = header.length;
    for (const field of spec.fields) {
      if (!field.required || columns.has(field.key)) continue;
      const at = cellReference(sheet.name, next++, 1);
      missing.set(field.key, at);
      report.problem(at, `sheet ${spec.name} has no column "${field.key}" (${field.zh[0] ?? field.key}), which every row needs`);
    }
  }

  const rows: ReadRow[] = [];
  for (let r = 1; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r];
    if (isEmpty(raw)) continue;
    const rowNumber = r + 1;
    const values: Record<string, unknown> = {};
    for (const [key, c] of columns) {
      const converted = convertCell(raw![c], types.get(key)!);
      if (converted === null) continue;
      if ("error" in converted) report.problem(cellReference(sheet.name, c, rowNumber), converted.error);
      else values[key] = converted.value;
    }
    rows.push({
      rowNumber,
      cell: cellReference(sheet.name, 0, rowNumber),
      values,
      cellOf: (key) => {
        const c = columns.get(key);
        return c === undefined ? missing.get(key) : cellReference(sheet.name, c, rowNumber);
      },
    });
  }
  return rows;
}
