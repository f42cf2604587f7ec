/**
 * One POST route per capability, documented from the capability's schemas. A capability that can take
 * its request as JSON text (`runJson`) gets it unparsed: its route sits in a scope whose body parser keeps
 * the bytes, and the worker parses and validates them. Its schema still documents the route.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Capability } from "./capability.ts";
import { ErrorResponse } from "./errors.ts";
import { isJsonBody, jsonBodyByteLength, jsonBodyStream } from "./json-body.ts";
import type { SolverPool } from "./pool.ts";
import type { FileBody } from "./spreadsheet/export-answer.ts";
import { acceptedFormat, sendFile, spreadsheetResponses } from "./spreadsheet/negotiate.ts";

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

/** Objects go through the serializer; JSON text from a worker is streamed as it is. */
function send(reply: FastifyReply, result: unknown): unknown {
  if (!isJsonBody(result)) return result;
  return reply.type("application/json; charset=utf-8").header("content-length", jsonBodyByteLength(result)).send(jsonBodyStream(result));
}

function addRoute(scope: FastifyInstance, capability: Capability, pool: SolverPool): void {
  const { runJson, spreadsheet } = capability;
  scope.post(capability.url, {
    schema: {
      summary: capability.summary,
      description: `${capability.description}\n\nCLI: \`takt ${capability.command} FILE.json\``,
      tags: ["v1"],
      body: capability.request,
      ...(spreadsheet?.query ? { querystring: spreadsheet.query } : {}),
      response: { 200: spreadsheet ? spreadsheetResponses(capability.response, spreadsheet.what) : capability.response, ...errorResponses },
    },
    // The worker validates what runJson receives.
    ...(runJson ? { validatorCompiler: () => (data: unknown) => ({ value: data }) } : {}),
    handler: async (request, reply) => {
      const context = { pool, signal: clientGone(reply) };
      // A request without a content type has no parsed body: the worker answers it as empty JSON text.
      const text = () => ({ jsonChunks: Buffer.isBuffer(request.body) ? [request.body] : [] });
      const format = spreadsheet ? acceptedFormat(request.headers.accept) : null;
      if (format === null) return send(reply, runJson ? await runJson(text(), context) : await capability.run(request.body, context));
      const run = { budgetMs: 120_000, signal: context.signal };
      // A large MRP plan is written as tables straight from its arrays; other answers from the answer.
      if (runJson) return sendFile(reply, await pool.run<FileBody>("mrp-export", { request: text(), format }, run));
      const answer = await capability.run(request.body, context);
      const { option } = (request.query ?? {}) as { option?: string };
      return sendFile(reply, await pool.run<FileBody>("export", { input: { answer, model: request.body, option }, format }, run));
    },
  });
}

export async function registerCapabilityRoutes(app: FastifyInstance, capabilities: ReadonlyArray<Capability>, pool: SolverPool): Promise<void> {
  for (const capability of capabilities.filter((c) => !c.runJson)) addRoute(app, capability, pool);
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    for (const capability of capabilities.filter((c) => c.runJson)) addRoute(scope, capability, pool);
  });
}
