/**
 * Running one job, wherever it runs: the local runner (job-runner.ts) and a BullMQ worker
 * (redis/redis-worker.ts) both run a job's capability this way and describe its failure this way, and differ
 * only in where they keep the outcome.
 */
import type { Answer, Capability } from "../capability.ts";
import { describeError } from "../errors.ts";
import type { ErrorResponse } from "../errors.ts";
import { jsonBodyByteLength, sharedText } from "../json-body.ts";
import type { SolverPool } from "../pool.ts";
import { TaktError } from "../../src/errors.ts";

/** What job code logs: fastify's logger (pino) fits, and so does a worker's own (cli/worker.ts). */
export interface JobLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** Largest stored result by default, bytes of JSON: a 100k-item MRP plan is ~350 MB. */
export const DEFAULT_MAX_RESULT_BYTES = 512 * 1024 * 1024;

/** How many starts a job gets: one interrupted this often is failed, so a job that kills its process cannot do so forever. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export interface JobRun {
  kind: string;
  /** The input's JSON text as stored (checked when the job was accepted). */
  inputJson: string;
  pool: SolverPool;
  signal: AbortSignal;
  onProgress: (report: unknown) => void;
  maxResultBytes: number;
}

/**
 * The job's answer, with its scenario KPIs (RunContext.batch). Throws for a kind this process cannot run
 * and for an answer over `maxResultBytes` (TAKT_ERR_RESULT_TOO_LARGE), as for any failure of the capability.
 */
export async function runJob(capabilities: ReadonlyMap<string, Capability>, run: JobRun): Promise<Answer> {
  const capability = capabilities.get(run.kind);
  if (!capability) throw new TaktError("TAKT_ERR_BAD_REQUEST", `this server has no capability "${run.kind}"`);
  const answer = await capability.run(sharedText(run.inputJson), { pool: run.pool, batch: true, signal: run.signal, onProgress: run.onProgress });
  const bytes = jsonBodyByteLength(answer.body);
  if (bytes > run.maxResultBytes) {
    throw new TaktError("TAKT_ERR_RESULT_TOO_LARGE", `the result is ${bytes} bytes, over the limit of ${run.maxResultBytes}`);
  }
  return answer;
}

/** What a failed job keeps: the error the synchronous route would answer; a bug is logged with its stack. */
export function jobFailure(error: unknown, id: string, log: Pick<JobLog, "error"> | undefined): ErrorResponse {
  const described = describeError(error);
  if (described.log) log?.error({ err: error, job: id }, `job ${id} failed: ${described.body.message}`);
  return described.body;
}

/** The error of a job interrupted `attempts` times (its process died under it each time). */
export function interruptedTooOften(attempts: number): ErrorResponse {
  const message = `the job was interrupted ${attempts} times (the service or its worker stopped while it ran); not retried again`;
  return describeError(new TaktError("TAKT_ERR_TASK_FAILED", message)).body;
}
