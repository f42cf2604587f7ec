/**
 * A table as the spreadsheet writers take it: named, typed columns and rows of plain values. Dates stay the
 * model's text (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`); the writers turn them into date cells or CSV text by the
 * column's type, so a table can be compared value by value with the JSON answer it comes from.
 * Rows are an iterable so that a large answer's table can be produced row by row as it is written (again on each iteration).
 */
export type ColumnType = "text" | "number" | "boolean" | "date" | "datetime";

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
}

export type Cell = string | number | boolean | null;

export interface Table {
  /** Sheet name (at most 31 characters, no `[]:*?/\`) and CSV file name. */
  readonly name: string;
  readonly columns: readonly Column[];
  /** The rows; a row may be refilled for the next one, so copy a row to keep it. */
  readonly rows: Iterable<readonly Cell[]>;
}

/** Columns from `{ name: type }`, in order. */
export function columnsOf(spec: Readonly<Record<string, ColumnType>>): Column[] {
  return Object.entries(spec).map(([name, type]) => ({ name, type }));
}

/** Rows made from each entry of `source` as they are read; as often as `source` can be iterated. */
export function mappedRows<T>(source: Iterable<T>, toRow: (entry: T) => readonly Cell[]): Iterable<readonly Cell[]> {
  return {
    *[Symbol.iterator]() {
      for (const entry of source) yield toRow(entry);
    },
  };
}

/** A table whose rows are objects with a key per column, in the columns' order. */
export function tableOf<Row extends object>(name: string, columns: readonly Column[], rows: Iterable<Row>): Table {
  return { name, columns, rows: mappedRows(rows, (row) => columns.map((c) => ((row as Record<string, unknown>)[c.name] ?? null) as Cell)) };
}
