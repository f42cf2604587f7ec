/**
 * What the job and scenario routes need from wherever jobs are kept and run: one interface, two
 * implementations. SqliteJobs (sqlite-jobs.ts) is the default, embedded store with the local pool;
 * RedisJobs (redis/redis-jobs.ts) puts jobs on a BullMQ queue in Redis for solver workers on any machine.
 * Routes see the same semantics from both: ownership (the client a job belongs to), statuses, cancel with the
 * best plan so far, retention, results streamed without parsing, progress events.
 *
 * Every read returns a running job with its live progress and deletes jobs past the retention first.
 */
import type { JobOptions, JobProgress, JobStatus, JobSummary, BatchRecord, NewJob } from "./job-store.ts";
import type { KpiValue } from "./kpis.ts";

/** `shutdown`: this service is stopping; the job (re-queued if it was running) continues after the restart. */
export type JobEvent =
  | { type: "status"; job: JobSummary }
  | { type: "progress"; id: string; progress: JobProgress }
  | { type: "shutdown"; job: JobSummary };

export interface NewBatch {
  id: string;
  kind: string;
  client: string;
  options: JobOptions;
  createdAt: number;
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  client?: string;
  limit: number;
}

/** A stored result, read lazily: its JSON text in parts, each read when the iteration reaches it. */
export interface JobResult {
  /** Length of the JSON text, bytes (UTF-8). */
  byteLength: number;
  /** Throws if the job is deleted (expired) before the last part is read. */
  parts(): Iterable<Buffer> | AsyncIterable<Buffer>;
}

export interface JobBackend {
  /** The clock submissions are stamped with (epoch ms), so retention follows one clock. */
  now(): number;
  /** Accepts jobs (and their batch) whole or not at all: QueueFullError (503) when the queue is full or the store unreachable. */
  submit(jobs: ReadonlyArray<NewJob>, batch?: NewBatch): Promise<void>;
  /** The job without its result. */
  get(id: string): Promise<JobSummary | undefined>;
  /** Newest first. */
  list(filter: JobFilter): Promise<JobSummary[]>;
  /** The batch with its jobs in scenario order. */
  batch(id: string): Promise<BatchRecord | undefined>;
  result(id: string): Promise<JobResult | undefined>;
  /** The input as stored, JSON text. */
  inputJson(id: string): Promise<string | undefined>;
  /** Keeps the KPIs of a result stored before KPIs were stored with results. */
  saveKpis(id: string, kpis: Record<string, KpiValue>): Promise<void>;
  /**
   * A queued job never runs; a running one is asked to stop and ends `cancelled` with the best answer it
   * returns; a finished one is left alone. Returns the job as it stands.
   */
  cancel(id: string): Promise<JobSummary | undefined>;
  /** Listens to one job's events until it finishes; returns the unsubscribe function. */
  subscribe(job: Pick<JobSummary, "id" | "status">, listener: (event: JobEvent) => void): () => void;
  /** Called when the app is ready: recovers what a previous process left, starts work. */
  start(): Promise<void>;
  /** Called before the pool closes: stops taking work; running jobs finish or go back to the queue. */
  close(): Promise<void>;
}

/** A stored result's parts, all in memory: for a worker that reads it whole (spreadsheet export, stored KPIs). */
export async function readAllParts(result: JobResult): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const part of result.parts()) parts.push(part);
  return parts;
}
