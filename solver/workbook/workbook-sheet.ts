/**
 * What each sheet of the planners' workbook does, both ways: the rows it writes for a plant (export-model,
 * template) and how its rows are read back into the plant, recording which cell every JSON path came from.
 * One file per sheet kind implements it; list-sheet.ts is the common case of one row per list entry.
 */
import type { z } from "zod";
import type { Plant } from "../../src/plant.ts";
import type { CellMap } from "./cell-map.ts";
import type { SheetSpec } from "./fields.ts";
import type { ReadReport, ReadRow } from "./sheet-reader.ts";

/** A plant as written in JSON (defaults not applied), which export-model writes cell for cell. */
export type PlantInput = z.input<typeof Plant>;

/** The plant a workbook is read into: plain JSON, checked against the Plant schema afterwards. */
export type PlantDraft = Record<string, unknown>;

export interface ReadContext {
  readonly cells: CellMap;
  readonly report: ReadReport;
}

export interface WorkbookSheet {
  readonly spec: SheetSpec;
  /** The rows of this sheet for `plant`, each a record of field values (dates and times as the model's text). */
  rows(plant: PlantInput): Array<Record<string, unknown>>;
  /** Reads the sheet's rows into `plant`. */
  read(rows: readonly ReadRow[], plant: PlantDraft, context: ReadContext): void;
}

/** The row's fields as an object (only those present), recording the cell of the row and of each field. */
export function rowObject(row: ReadRow, keys: readonly string[], path: ReadonlyArray<PropertyKey>, cells: CellMap): Record<string, unknown> {
  cells.set(path, row.cell);
  const object: Record<string, unknown> = {};
  for (const key of keys) {
    const at = row.cellOf(key);
    if (at !== undefined) cells.set([...path, key], at);
    if (key in row.values) object[key] = row.values[key];
  }
  return object;
}

/** The fields of an object that a sheet has columns for. */
export function pick(object: object, keys: readonly string[]): Record<string, unknown> {
  const values = object as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]));
}
