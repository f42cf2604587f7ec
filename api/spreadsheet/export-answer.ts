/**
 * Answers as spreadsheet files (issue 18): the tables of solver/export written as one XLSX workbook (every
 * table a sheet) or as CSV (the main table: a schedule's dispatch list, a capacity report's load, an MRP
 * plan's planned orders). Runs on a solver thread (the `export` and `mrp-export` tasks) so that writing a
 * large answer never holds up the event loop; the file comes back as its chunks.
 */
import { z } from "zod";
import type { AnswerKind } from "../../solver/export/answer-tables.ts";
import { answerKind, answerTables, mrpTables } from "../../solver/export/answer-tables.ts";
import type { Table } from "../../solver/export/table.ts";
import { computeMaterialPlan } from "../../solver/mrp/plan-materials.ts";
import { planRows } from "../../solver/mrp/plan-rows.ts";
import { CapacityResponse } from "../../src/capacity.ts";
import { InsertResponse } from "../../src/insert.ts";
import type { MrpRequest } from "../../src/mrp.ts";
import { MrpResponse } from "../../src/mrp.ts";
import { Plant } from "../../src/plant.ts";
import { formatPath } from "../../src/problem.ts";
import { ScheduleResponse } from "../../src/schedule.ts";
import { BadRequestError } from "../request-validation.ts";
import { CSV_MEDIA_TYPE, csvChunks } from "./csv-writer.ts";
import { XLSX_MEDIA_TYPE, xlsxChunks } from "./xlsx-writer.ts";

export type SpreadsheetFormat = "csv" | "xlsx";

/** A file a worker wrote, in chunks, with what an HTTP reply or the CLI needs to name it. */
export interface FileBody {
  readonly fileChunks: readonly Uint8Array[];
  readonly contentType: string;
  readonly fileName: string;
}

export function isFileBody(value: unknown): value is FileBody {
  return typeof value === "object" && value !== null && Array.isArray((value as Partial<FileBody>).fileChunks);
}

/** The tables as one file: every table a sheet of a workbook, or the first table as CSV. */
export function tablesFile(baseName: string, tables: readonly Table[], format: SpreadsheetFormat): FileBody {
  if (format === "csv") return { fileChunks: csvChunks(tables[0]!), contentType: CSV_MEDIA_TYPE, fileName: `${baseName}-${tables[0]!.name}.csv` };
  return { fileChunks: xlsxChunks(tables), contentType: XLSX_MEDIA_TYPE, fileName: `${baseName}.xlsx` };
}

const SCHEMAS = { schedule: ScheduleResponse, insert: InsertResponse, capacity: CapacityResponse, mrp: MrpResponse } as const;

/** The body of POST /v1/export. */
export const ExportRequest = z
  .object({
    answer: z.unknown().describe("An answer of /v1/schedule, /v1/schedule/insert, /v1/capacity or /v1/mrp, as it came"),
    model: z.unknown().optional().describe("The request it answered (a Plant): shifts, items, quantities, customers and bucket dates come from it"),
    option: z.string().min(1).max(100).optional().describe("Rush insertion: the option to export; default the first (fastest)"),
  })
  .meta({ id: "ExportRequest" });

/** What POST /v1/export and `takt export` take: an answer, and the request it answered (for shifts, items, dates). */
export interface ExportInput {
  answer: unknown;
  model?: unknown;
  /** Rush insertion: the option to export (default the first, `fastest`). */
  option?: string | undefined;
}

/** Checks the answer against its capability's response schema and the model against Plant: a 400 with `answer.…` / `model.…` paths. */
export function checkedExport(input: ExportInput): { kind: AnswerKind; tables: Table[] } {
  const kind = answerKind(input.answer);
  const problems = [];
  if (kind !== null) {
    const parsed = SCHEMAS[kind].safeParse(input.answer);
    if (!parsed.success) problems.push(...parsed.error.issues.map((i) => ({ path: formatPath(["answer", ...i.path]), message: i.message })));
  }
  const model = Plant.safeParse(input.model ?? {});
  if (!model.success) problems.push(...model.error.issues.map((i) => ({ path: formatPath(["model", ...i.path]), message: i.message })));
  if (problems.length > 0 || !model.success) throw new BadRequestError(problems);
  return answerTables(input.answer, model.data, input.option);
}

export function exportAnswer(input: ExportInput, format: SpreadsheetFormat): FileBody {
  const { kind, tables } = checkedExport(input);
  return tablesFile(kind, tables, format);
}

/** An MRP request planned and exported from the plan's arrays, never as a JSON answer (a 100k-item plan streams this way). */
export function exportMrpPlan(request: MrpRequest, format: SpreadsheetFormat): FileBody {
  return tablesFile("mrp", mrpTables(planRows(request, computeMaterialPlan(request))), format);
}
