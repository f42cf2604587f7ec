/**
 * A sheet as the readers give it (api/spreadsheet): cells by 0-based row and column, holes for empty
 * cells. Text, numbers and booleans as they are; a date cell (a number in a date format) as its
 * factory-local minutes since 1970-01-01T00:00, the scale of src/time.ts. CSV cells are all text.
 */
export interface DateCell {
  readonly minutes: number;
}

export type RawCell = string | number | boolean | DateCell | null;

export interface RawSheet {
  readonly name: string;
  /** rows[r][c]: row r + 1 and column c (0 = A) of the sheet; missing entries are empty cells. */
  readonly rows: ReadonlyArray<ReadonlyArray<RawCell | undefined> | undefined>;
}
