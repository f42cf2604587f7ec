/**
 * The planners' spreadsheet commands (issue 18), run in this process:
 * - `takt import FILE.xlsx|DIR` prints the plant JSON of a workbook (or a folder of SHEET.csv files);
 *   warnings (unknown sheets, columns) go to stderr;
 * - `takt template [--xlsx FILE | --csv DIR]` writes the empty workbook with its guide sheet;
 * - `takt export-model PLANT.json --xlsx FILE | --csv DIR` writes a plant as the workbook;
 * - `takt export ANSWER.json [--model PLANT.json] [--option NAME] --xlsx FILE | --csv DIR` writes an answer's tables.
 * Errors print the API's JSON error body; exit codes as for every command (2 bad input, 3 wrong model).
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Table } from "../../solver/export/table.ts";
import { plantTables } from "../../solver/workbook/plant-workbook.ts";
import { Plant } from "../../src/plant.ts";
import { BadRequestError, zodProblems } from "../request-validation.ts";
import { checkedExport } from "../spreadsheet/export-answer.ts";
import { writeCsv } from "../spreadsheet/csv-writer.ts";
import { importCsvFolder, importWorkbook } from "../spreadsheet/import-workbook.ts";
import { writeXlsx } from "../spreadsheet/xlsx-writer.ts";
import { printError, readFileBytes, readJsonFile } from "./run-capability.ts";

export interface SpreadsheetCommand {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Writes into a file descriptor as the writer produces chunks: no file-sized buffer. */
function toFile(path: string, write: (sink: (chunk: Uint8Array) => void) => void): void {
  const fd = path === "-" ? 1 : openSync(path, "w");
  try {
    write((chunk) => {
      for (let at = 0; at < chunk.byteLength; ) at += writeSync(fd, chunk, at);
    });
  } finally {
    if (fd !== 1) closeSync(fd);
  }
}

interface Outputs {
  xlsx?: string | undefined;
  csv?: string | undefined;
}

/** The tables as a workbook (`--xlsx`, `-` for stdout) and/or as one CSV file per table in a folder (`--csv`). */
function writeTables(tables: readonly Table[], out: Outputs): void {
  if (out.xlsx !== undefined) toFile(out.xlsx, (sink) => writeXlsx(tables, sink));
  if (out.csv !== undefined) {
    mkdirSync(out.csv, { recursive: true });
    for (const table of tables) toFile(join(out.csv, `${table.name}.csv`), (sink) => writeCsv(table, sink));
  }
}

function usageError(usage: string): never {
  throw new BadRequestError([{ path: "$", message: `usage: ${usage}` }]);
}

/** Runs a command body, printing an error as the API's JSON body and returning the exit code. */
async function guarded(body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (error) {
    return printError(error);
  }
}

const outputOptions = { xlsx: { type: "string" }, csv: { type: "string" } } as const;

export const importCommand: SpreadsheetCommand = {
  usage: "takt import FILE.xlsx|DIR",
  summary: "Read a planners' workbook (or a folder of SHEET.csv files) and print the plant JSON (POST /v1/import); warnings on stderr",
  run: (args) =>
    guarded(async () => {
      const { positionals } = parseArgs({ args, allowPositionals: true });
      const path = positionals[0] ?? usageError(importCommand.usage);
      const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
      const imported = isDir ? await importCsvFolder(path) : importWorkbook(await readFileBytes(path));
      for (const warning of imported.warnings) process.stderr.write(`warning: ${warning.path}: ${warning.message}\n`);
      process.stdout.write(`${JSON.stringify(imported.plant, null, 2)}\n`);
    }),
};

export const templateCommand: SpreadsheetCommand = {
  usage: "takt template [--xlsx FILE] [--csv DIR]",
  summary: "Write the empty planners' workbook, with a sheet explaining every column in English and Chinese (default: XLSX to stdout)",
  run: (args) =>
    guarded(async () => {
      const { values } = parseArgs({ args, options: outputOptions });
      const out = values.xlsx === undefined && values.csv === undefined ? { xlsx: "-" } : values;
      if (out.xlsx === "-" && process.stdout.isTTY) usageError(`${templateCommand.usage} (a workbook is not for the terminal)`);
      writeTables(plantTables({}), out);
    }),
};

export const exportModelCommand: SpreadsheetCommand = {
  usage: "takt export-model PLANT.json --xlsx FILE | --csv DIR",
  summary: "Write a plant (any capability's request file) as the planners' workbook; takt import reads it back",
  run: (args) =>
    guarded(async () => {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: outputOptions });
      const file = positionals[0];
      if (file === undefined || (values.xlsx === undefined && values.csv === undefined)) usageError(exportModelCommand.usage);
      const raw = await readJsonFile(file);
      const parsed = Plant.safeParse(raw);
      if (!parsed.success) throw new BadRequestError(zodProblems(parsed.error));
      writeTables(plantTables(raw as Parameters<typeof plantTables>[0]), values);
    }),
};

export const exportCommand: SpreadsheetCommand = {
  usage: "takt export ANSWER.json [--model PLANT.json] [--option NAME] --xlsx FILE | --csv DIR",
  summary: "Write an answer of schedule, insert, capacity or mrp as a workbook (every table a sheet) or CSV files (POST /v1/export)",
  run: (args) =>
    guarded(async () => {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { ...outputOptions, model: { type: "string" }, option: { type: "string" } } });
      const file = positionals[0];
      if (file === undefined || (values.xlsx === undefined && values.csv === undefined)) usageError(exportCommand.usage);
      const model = values.model === undefined ? undefined : await readJsonFile(values.model);
      const { tables } = checkedExport({ answer: await readJsonFile(file), model, option: values.option });
      writeTables(tables, values);
    }),
};

export const spreadsheetCommands: ReadonlyArray<[string, SpreadsheetCommand]> = [
  ["import", importCommand],
  ["template", templateCommand],
  ["export-model", exportModelCommand],
  ["export", exportCommand],
];
