/**
 * `takt import` and `POST /v1/import`: a workbook's bytes, or a folder of `SHEET.csv` files, as a checked
 * plant (solver/workbook/import-plant.ts). An unreadable or oversized file is TAKT_ERR_UNREADABLE_FILE (400).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import type { ImportedPlant } from "../../solver/workbook/import-plant.ts";
import { importPlant } from "../../solver/workbook/import-plant.ts";
import { TaktError } from "../../src/errors.ts";
import { readCsv } from "./csv-reader.ts";
import { MAX_IMPORT_FILE_BYTES } from "../../src/limits.ts";
import { readXlsx } from "./xlsx-reader.ts";

function tooLarge(what: string, bytes: number): TaktError {
  return new TaktError("TAKT_ERR_UNREADABLE_FILE", `${what} is ${bytes} bytes, over the import limit of ${MAX_IMPORT_FILE_BYTES}`);
}

export function importWorkbook(bytes: Uint8Array): ImportedPlant {
  if (bytes.byteLength > MAX_IMPORT_FILE_BYTES) throw tooLarge("the workbook", bytes.byteLength);
  return importPlant(readXlsx(bytes));
}

/** A folder's `*.csv` files, each a sheet named by its file name. */
export async function importCsvFolder(dir: string): Promise<ImportedPlant> {
  const names = (await readdir(dir)).filter((name) => name.toLowerCase().endsWith(".csv")).sort();
  if (names.length === 0) throw new TaktError("TAKT_ERR_UNREADABLE_FILE", `${dir} has no .csv files`);
  const sheets = [];
  for (const name of names) {
    const path = join(dir, name);
    const { size } = await stat(path);
    if (size > MAX_IMPORT_FILE_BYTES) throw tooLarge(name, size);
    sheets.push(readCsv(basename(name, name.slice(-4)), await readFile(path, "utf8")));
  }
  return importPlant(sheets);
}
