/**
 * `/v1/jobs`: any capability as an asynchronous job (the convention of planning services such as Timefold's):
 * POST → 202 + Location, GET the status and result, DELETE to stop early, GET …/events for server-sent events.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { Principal } from "../auth.ts";
import { principalOf } from "../auth.ts";
import type { Capability } from "../capability.ts";
import { bodyText, keepBodiesAsBytes, validatedOnWorker } from "../capability-routes.ts";
import { ErrorResponse } from "../errors.ts";
import type { SolverPool } from "../pool.ts";
import type { FileBody } from "../spreadsheet/export-answer.ts";
import { acceptedFormat, sendFile, spreadsheetResponses } from "../spreadsheet/negotiate.ts";
import { TaktError } from "../../src/errors.ts";
import { MAX_JOB_INPUT_BYTES } from "../../src/limits.ts";
import { JobAccepted, JobIdParams, JobList, JobListQuery, jobRequest, JobSchema, toWire, wireTextAround } from "./job-schemas.ts";
import type { JobBackend } from "./job-backend.ts";
import { readAllParts } from "./job-backend.ts";
import type { JobSummary } from "./job-store.ts";
import { FINISHED } from "./job-store.ts";
import type { AcceptedJob } from "./job-tasks.ts";
import { parseInput } from "./parse-input.ts";

export interface JobRoutesOptions {
  jobs: JobBackend;
  /** Checks submissions, and writes results as spreadsheets (Accept: text/csv or XLSX). */
  pool: SolverPool;
  capabilities: ReadonlyArray<Capability>;
  /** Largest accepted job input (bytes of JSON); default MAX_JOB_INPUT_BYTES (16 MiB). */
  maxInputBytes?: number;
}

/** Time a worker has to check a submission (job-tasks.ts). */
export const SUBMIT_BUDGET_MS = 60_000;

/**
 * Largest stored result GET /v1/jobs/:id turns into a spreadsheet: the worker parses it whole (a 64 MiB plan
 * takes some 500 MB as objects). A 100k-item MRP plan is bigger: POST /v1/mrp with the Accept header writes
 * it from the plan's arrays instead.
 */
export const JOB_EXPORT_MAX_BYTES = 64 * 1024 * 1024;

/** Whether `principal` may see a job or batch of `client`: its own, or any for an admin (and everyone without tokens). */
export function mayAccess(principal: Principal, client: string): boolean {
  return principal.admin || principal.client === client;
}

export function jobNotFound(id: string): TaktError {
  return new TaktError("TAKT_ERR_JOB_NOT_FOUND", `no job "${id}" (finished jobs expire after the retention period)`);
}

/**
 * Answers a job (the documented Job schema) with its stored result, which is never parsed: the envelope's
 * JSON text is written around the result's bytes, streamed part by part as the client reads, so a 350 MB
 * plan neither blocks the event loop nor sits in memory whole.
 */
export async function sendJob(reply: FastifyReply, jobs: JobBackend, job: JobSummary): Promise<FastifyReply | z.infer<typeof JobSchema>> {
  const result = await jobs.result(job.id);
  if (!result) return toWire(job);
  const { head, tail } = wireTextAround(job);
  const [headBytes, tailBytes] = [Buffer.from(head, "utf8"), Buffer.from(tail, "utf8")];
  const text = (async function* () {
    yield headBytes;
    yield* result.parts();
    yield tailBytes;
  })();
  return reply
    .type("application/json; charset=utf-8")
    .header("content-length", headBytes.byteLength + result.byteLength + tailBytes.byteLength)
    .send(Readable.from(text, { objectMode: false }));
}

export function jobRoutes(app: FastifyInstance, options: JobRoutesOptions): void {
  const { jobs, pool } = options;
  const capabilities = new Map(options.capabilities.map((c) => [c.command, c]));
  const kinds = [...capabilities.keys()];
  const maxInputBytes = options.maxInputBytes ?? MAX_JOB_INPUT_BYTES;
  const errors = { 400: ErrorResponse, 404: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse };
  const tags = ["jobs"];

  // Another client's job answers as if it did not exist: its id tells nothing.
  const find = async (id: string, principal: Principal): Promise<JobSummary> => {
    const job = await jobs.get(id);
    if (!job || !mayAccess(principal, job.client)) throw jobNotFound(id);
    return job;
  };

  // The body stays bytes: a worker checks it (job-tasks.ts).
  void app.register(async (scope) => {
    keepBodiesAsBytes(scope, app.initialConfig.bodyLimit!);
    scope.post("/v1/jobs", {
    schema: {
      tags,
      operationId: "submitJob",
      summary: "Submit a job",
      description:
        "Runs a capability asynchronously. `input` is that capability's request body and is checked now (400 with paths `input.…`), so a malformed job never enters the queue; " +
        "problems only the solver finds (a 422 on the synchronous route) end the job `failed` with them. A full queue is a 503 with Retry-After. " +
        "Jobs survive restarts. The job belongs to the client its bearer token names (without tokens: `x-client-id`, else the address), which alone sees and cancels it (and admins).\n\nCLI: `takt jobs submit KIND FILE.json --url …`",
      body: jobRequest(kinds),
      response: { 202: JobAccepted, ...errors },
    },
    ...validatedOnWorker,
    handler: async (request, reply) => {
      const accepted = await pool.run<AcceptedJob>("job-input", { body: bodyText(request.body), kinds, maxInputBytes }, { budgetMs: SUBMIT_BUDGET_MS });
      if (!accepted.checked) parseInput(capabilities.get(accepted.kind)!, JSON.parse(accepted.inputJson), ["input"]);
      const id = randomUUID();
      await jobs.submit([{ id, kind: accepted.kind, client: principalOf(request).client, inputJson: accepted.inputJson, options: accepted.options, createdAt: jobs.now() }]);
      const location = `/v1/jobs/${id}`;
      return reply.code(202).header("location", location).send({ id, status: "queued" as const, location });
    },
    });
  });

  app.get("/v1/jobs", {
    schema: { tags, operationId: "listJobs", summary: "List jobs", description: "Newest first, without inputs and results: the caller's own jobs (an admin's: everyone's).", querystring: JobListQuery, response: { 200: JobList, 400: ErrorResponse } },
    handler: async (request) => {
      const query = request.query as z.infer<typeof JobListQuery>;
      const principal = principalOf(request);
      const found = await jobs.list({
        limit: query.limit,
        ...(query.status ? { status: query.status } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(principal.admin ? {} : { client: principal.client }),
      });
      return { jobs: found.map(toWire) };
    },
  });

  app.get("/v1/jobs/:id", {
    schema: {
      tags,
      operationId: "getJob",
      summary: "Get a job: status, progress and, when finished, the result",
      description:
        "With Accept: text/csv or the XLSX media type, a finished schedule, insert (`?option=`), capacity or MRP job with a result answers that result as a " +
        `spreadsheet, as its route would (results up to ${JOB_EXPORT_MAX_BYTES} bytes; larger is a 406); otherwise, and for other kinds, the job as JSON.`,
      params: JobIdParams,
      querystring: z.object({ option: z.string().min(1).max(100).optional().describe("Insert jobs as spreadsheets: the option to export; default the first") }),
      response: { 200: spreadsheetResponses(JobSchema, "the result's main table"), 404: ErrorResponse, 406: ErrorResponse },
    },
    handler: async (request, reply) => {
      const job = await find((request.params as { id: string }).id, principalOf(request));
      const format = acceptedFormat(request.headers.accept);
      // JSON reads the stored result once, in sendJob (large results are streamed, never held twice).
      if (format === null || !capabilities.get(job.kind)?.spreadsheet) return sendJob(reply, jobs, job);
      const result = await jobs.result(job.id);
      if (!result) return sendJob(reply, jobs, job);
      if (result.byteLength > JOB_EXPORT_MAX_BYTES) {
        throw new TaktError("TAKT_ERR_NOT_ACCEPTABLE", `the result is ${result.byteLength} bytes; stored results become spreadsheets up to ${JOB_EXPORT_MAX_BYTES}: POST the input to ${capabilities.get(job.kind)!.url} with this Accept header instead`);
      }
      const { option } = request.query as { option?: string };
      const input = { answerJson: { jsonChunks: await readAllParts(result) }, modelJson: (await jobs.inputJson(job.id)) ?? "{}", option };
      return sendFile(reply, await options.pool.run<FileBody>("export", { input, format }, { budgetMs: 60_000 }));
    },
  });

  app.delete("/v1/jobs/:id", {
    schema: {
      tags,
      operationId: "cancelJob",
      summary: "Cancel a job",
      description:
        "A queued job is cancelled without running. A running one is asked to stop: a search returns its best plan so far, and the job ends `cancelled` WITH that result " +
        "(this call answers at once; GET the job or follow its events for the end). A finished job is left as it is.",
      params: JobIdParams,
      response: { 200: JobSchema, 404: ErrorResponse },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      await find(id, principalOf(request));
      return sendJob(reply, jobs, (await jobs.cancel(id))!);
    },
  });

  app.get("/v1/jobs/:id/events", {
    schema: {
      tags,
      operationId: "followJob",
      summary: "Follow a job as server-sent events",
      description:
        "A `text/event-stream`: `event: status` with the job (no result) now and at every change, `event: progress` with `{ elapsedMs, report }` while it runs; " +
        "the stream closes after the final status (done, failed, cancelled), or with `event: shutdown` when the service stops (the job resumes after the restart).",
      params: JobIdParams,
      response: {
        200: { description: "Server-sent events until the job finishes", content: { "text/event-stream": { schema: z.string().describe("event: status|progress|shutdown, data: JSON") } } },
        404: ErrorResponse,
      },
    },
    handler: async (request, reply) => {
      const job = await find((request.params as { id: string }).id, principalOf(request));
      // The headers the hooks gave the reply (CORS for an allowed origin) go out too: a hijacked reply sends only what is written here.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-request-id": request.id });
      const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send("status", toWire(job));
      if (FINISHED.has(job.status)) return void raw.end();
      // Proxies drop connections that stay silent; a comment line every 15 s keeps it open.
      const heartbeat = setInterval(() => raw.write(": keep-alive\n\n"), 15_000);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        raw.end();
      };
      const unsubscribe = jobs.subscribe(job, (event) => {
        if (event.type === "progress") return void send("progress", event.progress);
        send(event.type, toWire(event.job));
        if (event.type === "shutdown" || FINISHED.has(event.job.status)) end();
      });
      request.raw.on("close", end);
    },
  });
}
