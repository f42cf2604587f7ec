/**
 * `POST /v1/import` (a planners' workbook → the plant JSON) and `POST /v1/export` (an answer → a workbook or
 * CSV), both run on a solver thread. /v1/import reads the workbook's bytes, sent as the XLSX media type or
 * application/octet-stream (neither can be sent cross-site without a CORS preflight), up to
 * MAX_IMPORT_FILE_BYTES, in a scope of its own: every other route reads JSON, and anything else is a 415.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ImportedPlant } from "../../solver/workbook/import-plant.ts";
import { Plant } from "../../src/plant.ts";
import { ErrorResponse } from "../errors.ts";
import type { SolverPool } from "../pool.ts";
import type { FileBody } from "./export-answer.ts";
import { ExportRequest } from "./export-answer.ts";
import { bodyText, keepBodiesAsBytes, validatedOnWorker } from "../capability-routes.ts";
import { MAX_IMPORT_FILE_BYTES } from "../../src/limits.ts";
import { acceptedFormat, sendFile } from "./negotiate.ts";
import { XLSX_MEDIA_TYPE } from "./xlsx-writer.ts";

const Problem = z.object({ path: z.string().describe("The cell, sheet!A1"), message: z.string() });

export const ImportResponse = z
  .object({
    model: Plant.describe("The plant as the workbook gives it (defaults not filled in): a request body for every capability"),
    warnings: z.array(Problem).describe("Unknown sheets, columns and settings, which were ignored"),
  })
  .meta({ id: "ImportResponse" });

/** Time a worker may take to read or write one file. */
const FILE_BUDGET_MS = 60_000;

const fileContent = {
  "text/csv": { schema: z.string().describe("CSV text") },
  [XLSX_MEDIA_TYPE]: { schema: z.string().describe("XLSX workbook (binary)") },
};

export async function registerSpreadsheetRoutes(app: FastifyInstance, pool: SolverPool): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    const keep = (_request: unknown, body: Buffer | string, done: (error: null, body: Buffer | string) => void) => done(null, body);
    scope.addContentTypeParser([XLSX_MEDIA_TYPE, "application/octet-stream"], { parseAs: "buffer", bodyLimit: MAX_IMPORT_FILE_BYTES }, keep);
    scope.post("/v1/import", {
      schema: {
        operationId: "importWorkbook",
        summary: "Read a plant from a planners' workbook (XLSX)",
        description:
          `Send the workbook's bytes (Content-Type ${XLSX_MEDIA_TYPE} or application/octet-stream, else 415; at most ${MAX_IMPORT_FILE_BYTES} bytes). The sheets and columns are ` +
          "those of `takt template` (English field names, or the usual Chinese headers). The answer is the plant JSON every capability takes, " +
          "and warnings for unknown sheets and columns. Every problem names its cell (`orders!B7`): a cell of the wrong type is a 400, a wrong " +
          "reference (unknown item, resource, calendar) a 422; a file that is not a readable workbook is a 400 TAKT_ERR_UNREADABLE_FILE.\n\nCLI: `takt import FILE.xlsx`",
        tags: ["v1"],
        consumes: [XLSX_MEDIA_TYPE, "application/octet-stream"],
        body: z.string().meta({ format: "binary", description: "The workbook's bytes" }),
        response: { 200: ImportResponse, 400: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse },
      },
      validatorCompiler: () => (data: unknown) => ({ value: data }),
      handler: async (request) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const imported = await pool.run<ImportedPlant>("import", { bytes }, { budgetMs: FILE_BUDGET_MS });
        return { model: imported.plant, warnings: imported.warnings };
      },
    });
  });

  // The body (an answer can be tens of MB) stays bytes: the worker parses and checks it.
  await app.register(async (scope) => {
    keepBodiesAsBytes(scope, app.initialConfig.bodyLimit!);
    scope.post("/v1/export", {
    schema: {
      operationId: "exportSpreadsheet",
      summary: "Write an answer as a spreadsheet (XLSX or CSV)",
      description:
        "Takes an answer of /v1/schedule, /v1/schedule/insert, /v1/capacity or /v1/mrp and the request it answered. With Accept: text/csv the answer's " +
        "main table (the dispatch list, the load, the planned orders) as CSV; otherwise an XLSX workbook with every table as a sheet. " +
        "The capability routes give the same files for the same Accept header.\n\nCLI: `takt export ANSWER.json --xlsx FILE`",
      tags: ["v1"],
      body: ExportRequest,
      response: { 200: { description: "The file", content: fileContent }, 400: ErrorResponse, 406: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse },
    },
    ...validatedOnWorker,
    handler: async (request, reply) => {
      const format = acceptedFormat(request.headers.accept) ?? "xlsx";
      return sendFile(reply, await pool.run<FileBody>("export", { input: { requestJson: bodyText(request.body) }, format }, { budgetMs: FILE_BUDGET_MS }));
    },
    });
  });
}
