/**
 * `/v1/scenarios`: a base input and named variations, one job each, compared by the KPIs of their kind
 * once all have finished (scenarios.ts says how a variation is built).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Principal } from "../auth.ts";
import { principalOf } from "../auth.ts";
import type { Capability } from "../capability.ts";
import { ErrorResponse } from "../errors.ts";
import { TaktError } from "../../src/errors.ts";
import { checkInputSize, kindEnum, mayAccess } from "./job-routes.ts";
import type { JobRunner } from "./job-runner.ts";
import { JobIdParams, JobOptionsSchema, ScenarioBatch, ScenarioBatchAccepted } from "./job-schemas.ts";
import type { BatchRecord, JobStore } from "./job-store.ts";
import { kpiExtractors } from "./kpis.ts";
import { compareScenarios, expandScenarios, ScenarioVariation } from "./scenarios.ts";

export interface ScenarioRoutesOptions {
  store: JobStore;
  runner: JobRunner;
  capabilities: ReadonlyArray<Capability>;
  maxInputBytes?: number;
}

/** The request of POST /v1/scenarios, for kinds `kinds`; the CLI reads the same shape from a file. */
export function scenarioBatchRequest(kinds: ReadonlyArray<string>) {
  return z.object({
    kind: kindEnum(kinds).describe("The capability every scenario runs"),
    base: z.looseObject({}).describe("The capability's request body every variation starts from"),
    variations: z.array(ScenarioVariation).max(100).default([]),
    options: JobOptionsSchema.optional(),
  });
}
export type ScenarioBatchRequest = z.infer<ReturnType<typeof scenarioBatchRequest>>;

/** The capabilities a batch can compare: registered ones with KPIs. */
export function comparableCapabilities(capabilities: ReadonlyArray<Capability>): Capability[] {
  return capabilities.filter((c) => kpiExtractors[c.command] !== undefined);
}

/** Validates and queues a batch (base first); returns its id and the scenario → job ids. */
export function submitBatch(runner: JobRunner, capability: Capability, request: ScenarioBatchRequest, client: string, maxInputBytes: number) {
  const scenarios = expandScenarios(capability, request.base, request.variations);
  scenarios.forEach((scenario, i) => checkInputSize(scenario.input, maxInputBytes, i === 0 ? "the base" : `variations[${i - 1}] after patching`));
  const id = randomUUID();
  const createdAt = runner.now();
  const options = request.options ?? {};
  const jobs = scenarios.map((scenario, position) => ({
    id: randomUUID(),
    kind: capability.command,
    client,
    input: scenario.input,
    options,
    batch: { id, scenario: scenario.name, position },
    createdAt,
  }));
  runner.submit(jobs, { id, kind: capability.command, client, options, createdAt });
  return { id, scenarios: jobs.map((job) => ({ name: job.batch.scenario, job: job.id })) };
}

/** The wire form of a batch: each scenario's state and, when all have finished, the comparison. */
export function describeBatch(batch: BatchRecord, runner: JobRunner, store: JobStore, capability: Capability | undefined): z.infer<typeof ScenarioBatch> {
  const jobs = batch.jobs.map((job) => runner.withLiveProgress(job));
  const comparison =
    capability &&
    compareScenarios(
      batch.kind,
      jobs,
      jobs.map((job) => store.input(job.id)),
      (input) => capability.request.parse(input),
    );
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
  const { store, runner } = options;
  const comparable = comparableCapabilities(options.capabilities);
  if (comparable.length === 0) return;
  const byCommand = new Map(comparable.map((c) => [c.command, c]));
  const maxInputBytes = options.maxInputBytes ?? 16 * 1024 * 1024;
  const tags = ["scenarios"];

  const find = (id: string, principal: Principal): BatchRecord => {
    runner.expireOld();
    const batch = store.batch(id);
    if (!batch || !mayAccess(principal, batch.client)) throw new TaktError("TAKT_ERR_JOB_NOT_FOUND", `no scenario batch "${id}" (finished batches expire after the retention period)`);
    return batch;
  };

  app.post("/v1/scenarios", {
    schema: {
      tags,
      summary: "Run a batch of what-if scenarios",
      description:
        "Runs the base and every variation as jobs and compares their KPIs. A variation is the base with `patch` applied — a JSON merge patch (RFC 7386) in which " +
        'arrays of objects with an `id` (routings and products: `item`) can be patched by id, e.g. `{ "resources": { "CGL": { "units": 2 } } }`, `null` removing — ' +
        "then `scaleDemand` multiplying every order, demand and product quantity. A patch key naming an element the base lacks is a 422 (TAKT_ERR_PATCH_TARGET) naming it; " +
        "a base or patched input that does not match the kind's request schema is a 400 (`base.…`, `variations[i].input.…`).\n\nCLI: `takt scenarios FILE.json`",
      body: scenarioBatchRequest([...byCommand.keys()]),
      response: { 202: ScenarioBatchAccepted, 400: ErrorResponse, 413: ErrorResponse, 422: ErrorResponse, 503: ErrorResponse },
    },
    handler: async (request, reply) => {
      const body = request.body as ScenarioBatchRequest;
      runner.expireOld();
      const accepted = submitBatch(runner, byCommand.get(body.kind)!, body, principalOf(request).client, maxInputBytes);
      const location = `/v1/scenarios/${accepted.id}`;
      return reply.code(202).header("location", location).send({ id: accepted.id, status: "queued" as const, location, scenarios: accepted.scenarios });
    },
  });

  app.get("/v1/scenarios/:id", {
    schema: {
      tags,
      summary: "Get a scenario batch: each scenario's status and, when all are finished, the KPI comparison",
      params: JobIdParams,
      response: { 200: ScenarioBatch, 404: ErrorResponse },
    },
    handler: async (request) => {
      const batch = find((request.params as { id: string }).id, principalOf(request));
      return describeBatch(batch, runner, store, byCommand.get(batch.kind));
    },
  });

  app.delete("/v1/scenarios/:id", {
    schema: { tags, summary: "Cancel every unfinished scenario of a batch", params: JobIdParams, response: { 200: ScenarioBatch, 404: ErrorResponse } },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const principal = principalOf(request);
      for (const job of find(id, principal).jobs) runner.cancel(job.id);
      const batch = find(id, principal);
      return describeBatch(batch, runner, store, byCommand.get(batch.kind));
    },
  });
}
