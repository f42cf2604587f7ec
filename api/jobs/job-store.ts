/**
 * The durable job store: one SQLite database (better-sqlite3, synchronous, WAL) holding every job with its
 * input, options, progress, result or error, and the scenario batches that group jobs. A file path keeps
 * jobs across restarts; `:memory:` is for tests and the CLI. Timestamps are epoch milliseconds.
 *
 * The store knows nothing about running jobs: JobRunner decides, the store records.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ErrorResponse } from "../errors.ts";

export const JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const FINISHED: ReadonlySet<JobStatus> = new Set(["done", "failed", "cancelled"]);

/** What a running job last reported: time since it started and the solver's latest progress report. */
export interface JobProgress {
  elapsedMs: number;
  /** The solver's own report (for searches: iterations, best objective so far); absent until it sends one. */
  report?: unknown;
}

export interface JobOptions {
  /** Free text shown in listings, e.g. the study the job belongs to. */
  label?: string | undefined;
}

/** A job without its (possibly large) input and result: what listings return. */
export interface JobSummary {
  id: string;
  kind: string;
  status: JobStatus;
  client: string;
  options: JobOptions;
  progress?: JobProgress;
  error?: ErrorResponse;
  /** Scenario batch and scenario name, for jobs a batch created. */
  batch?: string;
  scenario?: string;
  /** Times the job was started; more than 1 means a restart interrupted it. */
  attempts: number;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
}

export interface JobRecord extends JobSummary {
  result?: unknown;
}

export interface NewJob {
  id: string;
  kind: string;
  client: string;
  input: unknown;
  options: JobOptions;
  batch?: { id: string; scenario: string; position: number };
  createdAt: number;
}

export interface BatchRecord {
  id: string;
  kind: string;
  client: string;
  options: JobOptions;
  createdAt: number;
  /** The batch's jobs in scenario order (the base first). */
  jobs: JobRecord[];
}

interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  client: string;
  options: string;
  progress: string | null;
  error: string | null;
  result?: string | null;
  batch: string | null;
  scenario: string | null;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  client TEXT NOT NULL,
  input TEXT NOT NULL,
  options TEXT NOT NULL,
  progress TEXT,
  result TEXT,
  error TEXT,
  batch TEXT,
  scenario TEXT,
  position INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, seq);
CREATE INDEX IF NOT EXISTS jobs_by_batch ON jobs (batch, position);
CREATE INDEX IF NOT EXISTS jobs_by_finish ON jobs (finished_at);
CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  client TEXT NOT NULL,
  options TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
`;

const SUMMARY_COLUMNS = "id, kind, status, client, options, progress, error, batch, scenario, attempts, created_at, started_at, finished_at";

function toRecord(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    client: row.client,
    options: JSON.parse(row.options) as JobOptions,
    ...(row.progress === null ? {} : { progress: JSON.parse(row.progress) as JobProgress }),
    ...(row.error === null ? {} : { error: JSON.parse(row.error) as ErrorResponse }),
    ...(row.result === null || row.result === undefined ? {} : { result: JSON.parse(row.result) as unknown }),
    ...(row.batch === null ? {} : { batch: row.batch }),
    ...(row.scenario === null ? {} : { scenario: row.scenario }),
    attempts: row.attempts,
    createdAt: row.created_at,
    ...(row.started_at === null ? {} : { startedAt: row.started_at }),
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
  };
}

export class JobStore {
  private readonly db: Database.Database;

  /** Opens (creating it and its folder when needed) the database at `path`; `:memory:` for a throw-away store. */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(SCHEMA);
  }

  /** Inserts jobs (and their batch) in one transaction: a batch is accepted whole or not at all. */
  insert(jobs: ReadonlyArray<NewJob>, batch?: { id: string; kind: string; client: string; options: JobOptions; createdAt: number }): void {
    const insertJob = this.db.prepare(
      "INSERT INTO jobs (id, kind, status, client, input, options, batch, scenario, position, created_at) VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)",
    );
    const insertBatch = this.db.prepare("INSERT INTO batches (id, kind, client, options, created_at) VALUES (?, ?, ?, ?, ?)");
    this.db.transaction(() => {
      if (batch) insertBatch.run(batch.id, batch.kind, batch.client, JSON.stringify(batch.options), batch.createdAt);
      for (const job of jobs) {
        insertJob.run(
          job.id,
          job.kind,
          job.client,
          JSON.stringify(job.input),
          JSON.stringify(job.options),
          job.batch?.id ?? null,
          job.batch?.scenario ?? null,
          job.batch?.position ?? null,
          job.createdAt,
        );
      }
    })();
  }

  get(id: string): JobRecord | undefined {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS}, result FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row && toRecord(row);
  }

  input(id: string): unknown {
    const text = this.inputJson(id);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  /** The input as stored, JSON text: for a worker to parse (Capability.runJson). */
  inputJson(id: string): string | undefined {
    const row = this.db.prepare("SELECT input FROM jobs WHERE id = ?").get(id) as { input: string } | undefined;
    return row?.input;
  }

  /** Newest first. */
  list(filter: { status?: JobStatus; kind?: string; limit: number }): JobSummary[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (filter.status) (where.push("status = ?"), args.push(filter.status));
    if (filter.kind) (where.push("kind = ?"), args.push(filter.kind));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit) as JobRow[]).map(toRecord);
  }

  /** Queued jobs in submission order, with their client (the runner's queue after a restart). */
  queued(): Array<{ id: string; client: string }> {
    return this.db.prepare("SELECT id, client FROM jobs WHERE status = 'queued' ORDER BY seq").all() as Array<{ id: string; client: string }>;
  }

  markRunning(id: string, at: number): void {
    this.db.prepare("UPDATE jobs SET status = 'running', started_at = ?, attempts = attempts + 1 WHERE id = ?").run(at, id);
  }

  saveProgress(id: string, progress: JobProgress): void {
    this.db.prepare("UPDATE jobs SET progress = ? WHERE id = ? AND status = 'running'").run(JSON.stringify(progress), id);
  }

  /** `resultJson`: the result as JSON text, stored as is. */
  finish(id: string, status: "done" | "failed" | "cancelled", at: number, outcome: { resultJson?: string; error?: ErrorResponse; progress?: JobProgress }): void {
    this.db
      .prepare("UPDATE jobs SET status = ?, finished_at = ?, result = ?, error = ?, progress = coalesce(?, progress) WHERE id = ?")
      .run(
        status,
        at,
        outcome.resultJson ?? null,
        outcome.error === undefined ? null : JSON.stringify(outcome.error),
        outcome.progress === undefined ? null : JSON.stringify(outcome.progress),
        id,
      );
  }

  /**
   * Puts a running job back in the queue. `countAttempt: false` when the job did not fail but the service
   * stopped under it, so a graceful restart does not count towards the attempts limit.
   */
  requeue(id: string, countAttempt: boolean): void {
    this.db
      .prepare(`UPDATE jobs SET status = 'queued', started_at = NULL, progress = NULL${countAttempt ? "" : ", attempts = max(0, attempts - 1)"} WHERE id = ?`)
      .run(id);
  }

  /** Jobs a crash left `running`, in submission order. */
  running(): Array<{ id: string; attempts: number }> {
    return this.db.prepare("SELECT id, attempts FROM jobs WHERE status = 'running' ORDER BY seq").all() as Array<{ id: string; attempts: number }>;
  }

  batch(id: string): BatchRecord | undefined {
    const batch = this.db.prepare("SELECT id, kind, client, options, created_at FROM batches WHERE id = ?").get(id) as
      | { id: string; kind: string; client: string; options: string; created_at: number }
      | undefined;
    if (!batch) return undefined;
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS}, result FROM jobs WHERE batch = ? ORDER BY position`).all(id) as JobRow[];
    return { id: batch.id, kind: batch.kind, client: batch.client, options: JSON.parse(batch.options) as JobOptions, createdAt: batch.created_at, jobs: rows.map(toRecord) };
  }

  /**
   * Deletes jobs that finished before `before`, and batches left without jobs. A batch's jobs go together,
   * once the last of them is old enough, so a comparison never loses some of its scenarios.
   */
  expire(before: number): number {
    return this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `DELETE FROM jobs WHERE finished_at < ? AND (batch IS NULL OR NOT EXISTS (
             SELECT 1 FROM jobs AS other WHERE other.batch = jobs.batch AND (other.finished_at IS NULL OR other.finished_at >= ?)))`,
        )
        .run(before, before);
      this.db.prepare("DELETE FROM batches WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.batch = batches.id)").run();
      return changes;
    })();
  }

  close(): void {
    this.db.close();
  }
}
