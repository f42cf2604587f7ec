/**
 * `/v1/jobs`: any capability as an asynchronous job (the convention of planning services such as Timefold's):
 * POST → 202 + Location, GET the status and result, DELETE to stop early, GET …/events for server-sent events.
 */
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Capability } from "../capability.ts";
import { bodyText, keepBodiesAsBytes, validatedOnWorker } from "../capability-routes.ts";
import { ErrorResponse } from "../errors.ts";
import type { SolverPool } from "../pool.ts";
import { TaktError } from "../../src/errors.ts";
import { MAX_JOB_INPUT_BYTES } from "../../src/limits.ts";
import type { JobRunner } from "./job-runner.ts";
import { JobAccepted, JobIdParams, JobList, JobListQuery, jobRequest, JobSchema, toWire, wireTextAround } from "./job-schemas.ts";
import type { JobStore, JobSummary } from "./job-store.ts";
import { FINISHED } from "./job-store.ts";
import type { AcceptedJob } from "./job-tasks.ts";
import { parseInput } from "./parse-input.ts";

export interface JobRoutesOptions {
  store: JobStore;
  runner: JobRunner;
  pool: SolverPool;
  capabilities: ReadonlyArray<Capability>;
  /** Largest accepted job input (bytes of JSON); default MAX_JOB_INPUT_BYTES (16 MiB). */
  maxInputBytes?: number;
}

/** Time a worker has to check a submission (job-tasks.ts). */
export const SUBMIT_BUDGET_MS = 60_000;

/** Who a job belongs to, for fairness: the `x-client-id` header when given, else the peer address. */
export function clientOf(request: FastifyRequest): string {
  const header = request.headers["x-client-id"];
  return (Array.isArray(header) ? header[0] : header)?.slice(0, 100) || request.ip;
}

export function jobNotFound(id: string): TaktError {
  return new TaktError("TAKT_ERR_JOB_NOT_FOUND", `no job "${id}" (finished jobs expire after the retention period)`);
}

/**
 * Answers a job (the documented Job schema) with its stored result, which is never parsed: the envelope's
 * JSON text is written around the result's bytes, streamed part by part as the client reads, so a 350 MB
 * plan neither blocks the event loop nor sits in memory whole.
 */
export function sendJob(reply: FastifyReply, store: JobStore, job: JobSummary): FastifyReply | z.infer<typeof JobSchema> {
  const result = store.result(job.id);
  if (!result) return toWire(job);
  const { head, tail } = wireTextAround(job);
  const [headBytes, tailBytes] = [Buffer.from(head, "utf8"), Buffer.from(tail, "utf8")];
  const text = (function* () {
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
  const { store, runner, pool } = options;
  const capabilities = new Map(options.capabilities.map((c) => [c.command, c]));
  const kinds = [...capabilities.keys()];
  const maxInputBytes = options.maxInputBytes ?? MAX_JOB_INPUT_BYTES;
  const errors = { 400: ErrorResponse, 404: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse };
  const tags = ["jobs"];

  const find = (id: string): JobSummary => {
    runner.expireOld();
    const job = runner.get(id);
    if (!job) throw jobNotFound(id);
    return job;
  };

  // The body stays bytes: a worker checks it (job-tasks.ts).
  void app.register(async (scope) => {
    keepBodiesAsBytes(scope, app.initialConfig.bodyLimit!);
    scope.post("/v1/jobs", {
    schema: {
      tags,
      summary: "Submit a job",
      description:
        "Runs a capability asynchronously. `input` is that capability's request body and is checked now (400 with paths `input.…`), so a malformed job never enters the queue; " +
        "problems only the solver finds (a 422 on the synchronous route) end the job `failed` with them. A full queue is a 503 with Retry-After. " +
        "Jobs survive restarts. Send `x-client-id` to be scheduled fairly as one client across addresses.\n\nCLI: `takt jobs submit KIND FILE.json --url …`",
      body: jobRequest(kinds),
      response: { 202: JobAccepted, ...errors },
    },
    ...validatedOnWorker,
    handler: async (request, reply) => {
      const accepted = await pool.run<AcceptedJob>("job-input", { body: bodyText(request.body), kinds, maxInputBytes }, { budgetMs: SUBMIT_BUDGET_MS });
      if (!accepted.checked) parseInput(capabilities.get(accepted.kind)!, JSON.parse(accepted.inputJson), ["input"]);
      runner.expireOld();
      const id = randomUUID();
      runner.submit([{ id, kind: accepted.kind, client: clientOf(request), inputJson: accepted.inputJson, options: accepted.options, createdAt: runner.now() }]);
      const location = `/v1/jobs/${id}`;
      return reply.code(202).header("location", location).send({ id, status: "queued" as const, location });
    },
    });
  });

  app.get("/v1/jobs", {
    schema: { tags, summary: "List jobs", description: "Newest first, without inputs and results.", querystring: JobListQuery, response: { 200: JobList, 400: ErrorResponse } },
    handler: async (request) => {
      const query = request.query as z.infer<typeof JobListQuery>;
      runner.expireOld();
      const jobs = store.list({ limit: query.limit, ...(query.status ? { status: query.status } : {}), ...(query.kind ? { kind: query.kind } : {}) });
      return { jobs: jobs.map((job) => toWire(runner.withLiveProgress(job))) };
    },
  });

  app.get("/v1/jobs/:id", {
    schema: { tags, summary: "Get a job: status, progress and, when finished, the result", params: JobIdParams, response: { 200: JobSchema, 404: ErrorResponse } },
    handler: async (request, reply) => sendJob(reply, store, find((request.params as { id: string }).id)),
  });

  app.delete("/v1/jobs/:id", {
    schema: {
      tags,
      summary: "Cancel a job",
      description:
        "A queued job is cancelled without running. A running one is asked to stop: a search returns its best plan so far, and the job ends `cancelled` WITH that result " +
        "(this call answers at once; GET the job or follow its events for the end). A finished job is left as it is.",
      params: JobIdParams,
      response: { 200: JobSchema, 404: ErrorResponse },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      find(id);
      return sendJob(reply, store, runner.cancel(id)!);
    },
  });

  app.get("/v1/jobs/:id/events", {
    schema: {
      tags,
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
      const job = find((request.params as { id: string }).id);
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
      const unsubscribe = runner.subscribe(job.id, (event) => {
        if (event.type === "progress") return void send("progress", event.progress);
        send(event.type, toWire(event.job));
        if (event.type === "shutdown" || FINISHED.has(event.job.status)) end();
      });
      request.raw.on("close", end);
    },
  });
}
