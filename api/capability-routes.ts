/**
 * One POST route per capability, documented from the capability's schemas. The routes take their bodies as
 * bytes (their scope's body parser keeps them unparsed): a worker parses and validates them, and answers with
 * JSON text that is streamed back as it is. The event loop neither parses nor serializes a plan. With an
 * Accept header asking for a spreadsheet, a worker writes the answer's tables instead (issue 18).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Capability } from "./capability.ts";
import { ErrorResponse } from "./errors.ts";
import type { JsonBody } from "./json-body.ts";
import { jsonBodyByteLength, jsonBodyStream } from "./json-body.ts";
import type { SolverPool } from "./pool.ts";
import type { FileBody } from "./spreadsheet/export-answer.ts";
import { acceptedFormat, sendFile, spreadsheetResponses } from "./spreadsheet/negotiate.ts";

/** A capability's own errors (openapi.ts adds those every route may give). 422 and 503 come from its solver thread. */
const errorResponses = { 400: ErrorResponse, 422: ErrorResponse, 500: ErrorResponse, 503: ErrorResponse };

/**
 * Aborts when the client disconnects before its answer is sent, so an abandoned solve stops early.
 * (Fastify's request.signal follows the request stream, which closes as soon as the body has been read.)
 */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableEnded) controller.abort();
  });
  return controller.signal;
}

/** JSON text from a worker, streamed as it is. */
export function sendJsonBody(reply: FastifyReply, body: JsonBody): FastifyReply {
  const length = jsonBodyByteLength(body);
  reply.type("application/json; charset=utf-8");
  // A small answer goes as one buffer (a copy of a few KiB), so the compression plugin sees its size and
  // leaves answers under its threshold alone; a large one streams chunk by chunk, never joined.
  if (length <= SMALL_ANSWER_BYTES) return reply.send(Buffer.concat(body.jsonChunks, length));
  return reply.header("content-length", length).send(jsonBodyStream(body));
}

/** Answers up to this size are sent as one buffer rather than streamed. */
const SMALL_ANSWER_BYTES = 64 * 1024;

/** Request bytes as JSON text; a request without a content type has no body, which the worker answers as empty text. */
export function bodyText(body: unknown): JsonBody {
  return { jsonChunks: body instanceof Uint8Array ? [body] : [] };
}

/** A body over the limit: Fastify's own 413, which errors.ts maps. */
function tooLarge(limit: number): Error {
  return Object.assign(new Error(`the request body is larger than the limit of ${limit} bytes`), { statusCode: 413 });
}

/**
 * Keeps JSON request bodies as bytes in `scope` (other types stay refused, 415, as everywhere), written as
 * they arrive into shared memory: the text then reaches the solver threads without a copy (cloning a 74 MB
 * body into a worker's message held the event loop for 150 ms), and no concatenated copy of the chunks is
 * made either. A worker parses them with the one JSON reader (parse-json.ts).
 */
export function keepBodiesAsBytes(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("application/json", (request, payload, done) => {
    const declared = Number(request.headers["content-length"]);
    if (declared > bodyLimit) return done(tooLarge(bodyLimit), undefined);
    let bytes = new Uint8Array(new SharedArrayBuffer(Number.isSafeInteger(declared) && declared > 0 ? declared : 64 * 1024));
    let length = 0;
    let refused = false;
    payload.on("data", (chunk: Buffer) => {
      if (refused) return;
      if (length + chunk.byteLength > bodyLimit) {
        refused = true;
        return done(tooLarge(bodyLimit), undefined);
      }
      if (length + chunk.byteLength > bytes.byteLength) {
        const bigger = new Uint8Array(new SharedArrayBuffer(Math.min(bodyLimit, Math.max(2 * bytes.byteLength, length + chunk.byteLength))));
        bigger.set(bytes.subarray(0, length));
        bytes = bigger;
      }
      bytes.set(chunk, length);
      length += chunk.byteLength;
    });
    payload.on("end", () => refused || done(null, bytes.subarray(0, length)));
    payload.on("error", (error) => done(error, undefined));
  });
}

/** The schema documents the route; the worker validates (a route validator would parse on the event loop). */
export const validatedOnWorker = { validatorCompiler: () => (data: unknown) => ({ value: data }) };

function addRoute(scope: FastifyInstance, capability: Capability, pool: SolverPool): void {
  const { spreadsheet } = capability;
  scope.post(capability.url, {
    schema: {
      operationId: capability.command,
      summary: capability.summary,
      description: `${capability.description}\n\nCLI: \`takt ${capability.command} FILE.json\``,
      tags: ["v1"],
      body: capability.request,
      ...(spreadsheet?.query ? { querystring: spreadsheet.query } : {}),
      // 406: more columns than a worksheet holds.
      response: spreadsheet ? { 200: spreadsheetResponses(capability.response, spreadsheet.what), ...errorResponses, 406: ErrorResponse } : { 200: capability.response, ...errorResponses },
    },
    ...validatedOnWorker,
    handler: async (request, reply) => {
      // The time limit counts from the request's arrival, its upload included.
      const context = { pool, signal: clientGone(reply), receivedAt: Date.now() - reply.elapsedTime };
      const text = bodyText(request.body);
      const format = spreadsheet ? acceptedFormat(request.headers.accept) : null;
      if (format === null) return sendJsonBody(reply, (await capability.run(text, context)).body);
      const run = { budgetMs: 120_000, signal: context.signal };
      // A large MRP plan is written as tables straight from its arrays; other answers from the answer's text.
      if (spreadsheet?.fromPlan) return sendFile(reply, await pool.run<FileBody>("mrp-export", { request: text, format }, run));
      const answer = await capability.run(text, context);
      const { option } = (request.query ?? {}) as { option?: string };
      return sendFile(reply, await pool.run<FileBody>("export", { input: { answerJson: answer.body, modelJson: text, option }, format }, run));
    },
  });
}

export async function registerCapabilityRoutes(app: FastifyInstance, capabilities: ReadonlyArray<Capability>, pool: SolverPool): Promise<void> {
  await app.register(async (scope) => {
    keepBodiesAsBytes(scope, app.initialConfig.bodyLimit!);
    for (const capability of capabilities) addRoute(scope, capability, pool);
  });
}
