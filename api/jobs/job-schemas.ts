/**
 * Wire schemas of the job and scenario routes (documented in the OpenAPI document). Times on the wire are
 * ISO 8601 UTC instants: unlike factory-local plan times, they are real moments of the service's life.
 */
import { z } from "zod";
import { MAX_VARIATIONS } from "../../src/limits.ts";
import { ErrorResponse } from "../errors.ts";
import type { JobSummary } from "./job-store.ts";
import { JOB_STATUSES } from "./job-store.ts";
import { ScenarioComparison, ScenarioVariation } from "./scenarios.ts";

export const JobStatusSchema = z
  .enum(JOB_STATUSES)
  .meta({ id: "JobStatus", description: "queued → running → done | failed | cancelled (a queued job may be cancelled before it runs)" });

/** Capability commands as a zod enum (the body schema's `kind`), so an unknown kind is a 400 listing the known ones. */
export function kindEnum(commands: ReadonlyArray<string>) {
  const [first, ...rest] = commands;
  if (first === undefined) throw new TypeError("no capabilities to run as jobs");
  return z.enum([first, ...rest]);
}

export const JobOptionsSchema = z
  .object({ label: z.string().max(200).optional().describe("Free text shown in listings, e.g. the study the job belongs to") })
  .meta({ id: "JobOptions" });

const JobProgressSchema = z
  .object({
    elapsedMs: z.number().describe("Milliseconds since the job started (final run time once finished)"),
    report: z.unknown().optional().describe("The solver's latest progress report, e.g. a search's best objective so far"),
  })
  .meta({ id: "JobProgress" });

const instant = z.string().describe("ISO 8601 UTC instant");

export const JobSummarySchema = z
  .object({
    id: z.string(),
    kind: z.string().describe("The capability: its CLI command name (schedule, capacity, mrp, …)"),
    status: JobStatusSchema,
    client: z.string().describe("Who submitted it: the client its bearer token names (without tokens: the x-client-id header, else the client address)"),
    label: z.string().optional(),
    progress: JobProgressSchema.optional(),
    error: ErrorResponse.optional().describe("Failed jobs: the error the synchronous route would have answered (e.g. a 422 with problems)"),
    batch: z.string().optional().describe("The scenario batch that created the job"),
    scenario: z.string().optional().describe("Its scenario name in the batch"),
    attempts: z.number().int().describe("Times the job was started; above 1 when a restart interrupted it"),
    createdAt: instant,
    startedAt: instant.optional(),
    finishedAt: instant.optional(),
  })
  .meta({ id: "JobSummary" });

export const JobSchema = JobSummarySchema.extend({
  result: z
    .unknown()
    .optional()
    .describe("done, or cancelled while running: the capability's response, exactly as its synchronous route returns it (a cancelled search: its best plan so far)"),
}).meta({ id: "Job", description: "A job with its result once there is one" });

/** The request of POST /v1/jobs, for kinds `kinds`. */
export function jobRequest(kinds: ReadonlyArray<string>) {
  return z.object({
    kind: kindEnum(kinds).describe("The capability to run"),
    input: z.unknown().describe("The capability's request body"),
    options: JobOptionsSchema.optional(),
  });
}

/** The request of POST /v1/scenarios, for kinds `kinds`; the CLI reads the same shape from a file. */
export function scenarioBatchRequest(kinds: ReadonlyArray<string>) {
  return z.object({
    kind: kindEnum(kinds).describe("The capability every scenario runs"),
    base: z.looseObject({}).describe("The capability's request body every variation starts from"),
    variations: z.array(ScenarioVariation).max(MAX_VARIATIONS).default([]),
    options: JobOptionsSchema.optional(),
  });
}
export type ScenarioBatchRequest = z.infer<ReturnType<typeof scenarioBatchRequest>>;

export const JobList = z.object({ jobs: z.array(JobSummarySchema).describe("Newest first") }).meta({ id: "JobList" });

export const JobAccepted = z
  .object({ id: z.string(), status: z.literal("queued"), location: z.string().describe("Where to GET the job (also the Location header)") })
  .meta({ id: "JobAccepted" });

export const JobIdParams = z.object({ id: z.string().min(1).max(100).describe("A job or batch id (a UUID)") });

export const JobListQuery = z.object({
  status: JobStatusSchema.optional(),
  kind: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ScenarioBatchAccepted = z
  .object({
    id: z.string(),
    status: z.literal("queued"),
    location: z.string(),
    scenarios: z.array(z.object({ name: z.string(), job: z.string() })).describe("The base first, then the variations in order"),
  })
  .meta({ id: "ScenarioBatchAccepted" });

export const ScenarioBatch = z
  .object({
    id: z.string(),
    kind: z.string(),
    label: z.string().optional(),
    createdAt: instant,
    status: z.enum(["pending", "done"]).describe("done once every scenario has finished (done, failed or cancelled)"),
    scenarios: z.array(
      z.object({ name: z.string(), job: z.string(), status: JobStatusSchema, progress: JobProgressSchema.optional(), error: ErrorResponse.optional() }),
    ),
    comparison: ScenarioComparison.nullable().describe("null until every scenario has finished"),
  })
  .meta({ id: "ScenarioBatch" });

/** A job's wire fields before and after `result` (the order responses have always had). */
function wireFields(job: JobSummary) {
  const { id, kind, status, client, options, progress, error, batch, scenario, attempts, createdAt, startedAt, finishedAt } = job;
  const before = { id, kind, status, client, ...(progress === undefined ? {} : { progress }), ...(error === undefined ? {} : { error }) };
  const after = {
    ...(batch === undefined ? {} : { batch }),
    ...(scenario === undefined ? {} : { scenario }),
    attempts,
    ...(options.label === undefined ? {} : { label: options.label }),
    createdAt: new Date(createdAt).toISOString(),
    ...(startedAt === undefined ? {} : { startedAt: new Date(startedAt).toISOString() }),
    ...(finishedAt === undefined ? {} : { finishedAt: new Date(finishedAt).toISOString() }),
  };
  return { before, after };
}

/** The wire form of a stored job, without its result (wireTextAround puts that in). */
export function toWire(job: JobSummary): z.infer<typeof JobSchema> {
  const { before, after } = wireFields(job);
  return { ...before, ...after };
}

/**
 * The job's JSON text around a result that is already JSON text, so a stored result is sent as it lies,
 * never parsed: `head` + the result's text + `tail` is, byte for byte, what the route answered when it
 * parsed the result and let the response serializer (JSON.stringify) write the job with it.
 */
export function wireTextAround(job: JobSummary): { head: string; tail: string } {
  const { before, after } = wireFields(job);
  // Both halves are non-empty objects (id; attempts): cut their braces and join them at the result.
  return { head: `${JSON.stringify(before).slice(0, -1)},"result":`, tail: `,${JSON.stringify(after).slice(1)}` };
}
