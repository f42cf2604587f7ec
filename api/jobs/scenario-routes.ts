/**
 * `/v1/scenarios`: a base input and named variations, one job each, compared by the KPIs of their kind
 * once all have finished (scenarios.ts says how a variation is built).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import type { Principal } from "../auth.ts";
import { principalOf } from "../auth.ts";
import type { Capability } from "../capability.ts";
import { bodyText, keepBodiesAsBytes, validatedOnWorker } from "../capability-routes.ts";
import { ErrorResponse } from "../errors.ts";
import type { JsonBody } from "../json-body.ts";
import type { SolverPool } from "../pool.ts";
import { TaktError } from "../../src/errors.ts";
import { MAX_JOB_INPUT_BYTES } from "../../src/limits.ts";
import { mayAccess, SUBMIT_BUDGET_MS } from "./job-routes.ts";
import { JobIdParams, ScenarioBatch, ScenarioBatchAccepted, scenarioBatchRequest } from "./job-schemas.ts";
import type { JobBackend } from "./job-backend.ts";
import { readAllParts } from "./job-backend.ts";
import type { BatchRecord } from "./job-store.ts";
import type { AcceptedBatch } from "./job-tasks.ts";
import type { KpiValue } from "./kpis.ts";
import { kpiExtractors } from "./kpis.ts";
import { compareScenarios } from "./scenarios.ts";

export interface ScenarioRoutesOptions {
  jobs: JobBackend;
  pool: SolverPool;
  capabilities: ReadonlyArray<Capability>;
  maxInputBytes?: number;
}

/** The capabilities a batch can compare: registered ones with KPIs. */
export function comparableCapabilities(capabilities: ReadonlyArray<Capability>): Capability[] {
  return capabilities.filter((c) => kpiExtractors[c.command] !== undefined);
}

/** Checks a batch on a worker (job-tasks.ts) and queues its jobs, base first; returns its id and the scenario → job ids. */
export async function submitBatch(backend: JobBackend, pool: SolverPool, body: JsonBody, kinds: string[], client: string, maxInputBytes: number) {
  const accepted = await pool.run<AcceptedBatch>("scenario-inputs", { body, kinds, maxInputBytes }, { budgetMs: SUBMIT_BUDGET_MS });
  const id = randomUUID();
  const createdAt = backend.now();
  const { kind, options } = accepted;
  const jobs = accepted.scenarios.map((scenario, position) => ({
    id: randomUUID(),
    kind,
    client,
    inputJson: scenario.inputJson,
    options,
    batch: { id, scenario: scenario.name, position },
    createdAt,
  }));
  await backend.submit(jobs, { id, kind, client, options, createdAt });
  return { id, scenarios: jobs.map((job) => ({ name: job.batch.scenario, job: job.id })) };
}

/**
 * The batch with the KPIs of every result: stored with the results, except for results stored before they
 * were, whose KPIs a worker reads once (job-tasks.ts) and the store then keeps.
 */
export async function withKpis(batch: BatchRecord, jobs: JobBackend, pool: SolverPool): Promise<BatchRecord> {
  const missing = batch.jobs.filter((job) => job.hasResult && job.kpis === undefined && kpiExtractors[job.kind] !== undefined);
  if (missing.length === 0) return batch;
  for (const job of missing) {
    const result = (await jobs.result(job.id))!;
    const input = { jsonChunks: [Buffer.from((await jobs.inputJson(job.id))!, "utf8")] };
    const kpis = await pool.run<Record<string, KpiValue>>("stored-kpis", { kind: job.kind, input, result: { jsonChunks: await readAllParts(result) } }, { budgetMs: SUBMIT_BUDGET_MS });
    await jobs.saveKpis(job.id, kpis);
  }
  return (await jobs.batch(batch.id))!;
}

/** The wire form of a batch: each scenario's state and, when all have finished, the comparison. */
export function describeBatch(batch: BatchRecord): z.infer<typeof ScenarioBatch> {
  const { jobs } = batch;
  const comparison = compareScenarios(batch.kind, jobs);
  return {
    id: batch.id,
    kind: batch.kind,
    ...(batch.options.label === undefined ? {} : { label: batch.options.label }),
    createdAt: new Date(batch.createdAt).toISOString(),
    status: comparison ? "done" : "pending",
    scenarios: jobs.map((job) => ({
      name: job.scenario ?? job.id,
      job: job.id,
      status: job.status,
      ...(job.progress ? { progress: job.progress } : {}),
      ...(job.error ? { error: job.error } : {}),
    })),
    comparison: comparison ?? null,
  };
}

export function scenarioRoutes(app: FastifyInstance, options: ScenarioRoutesOptions): void {
  const { jobs, pool } = options;
  const kinds = comparableCapabilities(options.capabilities).map((c) => c.command);
  if (kinds.length === 0) return;
  const maxInputBytes = options.maxInputBytes ?? MAX_JOB_INPUT_BYTES;
  const tags = ["scenarios"];

  const find = async (id: string, principal: Principal): Promise<BatchRecord> => {
    const batch = await jobs.batch(id);
    if (!batch || !mayAccess(principal, batch.client)) throw new TaktError("TAKT_ERR_JOB_NOT_FOUND", `no scenario batch "${id}" (finished batches expire after the retention period)`);
    return batch;
  };

  // The body stays bytes: a worker expands and checks the batch (job-tasks.ts).
  void app.register(async (scope) => {
    keepBodiesAsBytes(scope, app.initialConfig.bodyLimit!);
    scope.post("/v1/scenarios", {
    schema: {
      tags,
      operationId: "submitScenarios",
      summary: "Run a batch of what-if scenarios",
      description:
        "Runs the base and every variation as jobs and compares their KPIs. A variation is the base with `patch` applied — a JSON merge patch (RFC 7386) in which " +
        'arrays of objects with an `id` (routings and products: `item`) can be patched by id, e.g. `{ "resources": { "CGL": { "units": 2 } } }`, `null` removing — ' +
        "then `scaleDemand` multiplying every order, demand and product quantity. A patch key naming an element the base lacks is a 422 (TAKT_ERR_PATCH_TARGET) naming it; " +
        "a base or patched input that does not match the kind's request schema is a 400 (`base.…`, `variations[i].input.…`).\n\nCLI: `takt scenarios FILE.json`",
      body: scenarioBatchRequest(kinds),
      response: { 202: ScenarioBatchAccepted, 400: ErrorResponse, 413: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse },
    },
    ...validatedOnWorker,
    handler: async (request, reply) => {
      const accepted = await submitBatch(jobs, pool, bodyText(request.body), kinds, principalOf(request).client, maxInputBytes);
      const location = `/v1/scenarios/${accepted.id}`;
      return reply.code(202).header("location", location).send({ id: accepted.id, status: "queued" as const, location, scenarios: accepted.scenarios });
    },
    });
  });

  app.get("/v1/scenarios/:id", {
    schema: {
      tags,
      operationId: "getScenarioBatch",
      summary: "Get a scenario batch: each scenario's status and, when all are finished, the KPI comparison",
      params: JobIdParams,
      response: { 200: ScenarioBatch, 404: ErrorResponse },
    },
    handler: async (request) => describeBatch(await withKpis(await find((request.params as { id: string }).id, principalOf(request)), jobs, pool)),
  });

  app.delete("/v1/scenarios/:id", {
    schema: { tags, operationId: "cancelScenarioBatch", summary: "Cancel every unfinished scenario of a batch", params: JobIdParams, response: { 200: ScenarioBatch, 404: ErrorResponse } },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const principal = principalOf(request);
      for (const job of (await find(id, principal)).jobs) await jobs.cancel(job.id);
      return describeBatch(await withKpis(await find(id, principal), jobs, pool));
    },
  });
}
