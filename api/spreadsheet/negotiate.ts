/**
 * Content negotiation for answers (issue 18): `Accept: text/csv` or the XLSX media type asks for the answer as
 * a spreadsheet; anything else (JSON, `*\/*`, no header) gets JSON. Quality values decide between several.
 */
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { FileBody, SpreadsheetFormat } from "./export-answer.ts";
import { XLSX_MEDIA_TYPE } from "./xlsx-writer.ts";

/** The spreadsheet format an Accept header prefers to JSON, or null for JSON. */
export function acceptedFormat(accept: string | undefined): SpreadsheetFormat | null {
  if (!accept) return null;
  let best: { format: SpreadsheetFormat | null; q: number } = { format: null, q: 0 };
  for (const range of accept.split(",")) {
    const [type = "", ...params] = range.split(";").map((s) => s.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith("q="))?.slice(2) ?? 1);
    const format = type === "text/csv" ? "csv" : type === XLSX_MEDIA_TYPE ? "xlsx" : type === "application/json" || type === "*/*" || type === "application/*" ? null : undefined;
    if (format !== undefined && q > best.q) best = { format, q };
  }
  return best.format;
}

/** Sends a worker's file as it is, chunk by chunk. */
export function sendFile(reply: FastifyReply, file: FileBody): FastifyReply {
  const length = file.fileChunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  return reply
    .type(file.contentType)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .header("content-length", length)
    .send(Readable.from(file.fileChunks, { objectMode: false }));
}

/** The 200 response of a route that answers JSON, CSV or XLSX, for the OpenAPI document. */
export function spreadsheetResponses(json: z.ZodType, what: string) {
  return {
    description: `JSON by default; with Accept: text/csv ${what} as CSV (RFC 4180, UTF-8 with a byte-order mark); with Accept: ${XLSX_MEDIA_TYPE} a workbook with every table as a sheet`,
    content: {
      "application/json": { schema: json },
      "text/csv": { schema: z.string().describe("CSV text") },
      [XLSX_MEDIA_TYPE]: { schema: z.string().describe("XLSX workbook (binary)") },
    },
  };
}
