/**
 * The durable job store: one SQLite database (better-sqlite3, synchronous, WAL) holding every job with its
 * input, options, progress, result or error, and the scenario batches that group jobs. A file path keeps
 * jobs across restarts; `:memory:` is for tests and the CLI. Timestamps are epoch milliseconds.
 *
 * The store knows nothing about running jobs: JobRunner decides, the store records.
 *
 * Results are JSON text kept as bytes, cut into parts of 1 MiB (table `job_results`), never as
 * one string or one buffer: a 100k-item MRP plan is ~350 MB, past what a JS string comfortably holds, and a
 * single blob would have to be assembled in memory to be written and read back whole to be served (SQLite
 * caps one value at 1 GB besides). Parts are written a few at a time with the event loop free in between,
 * become visible when `finish` sets the job's `result_bytes`, and are read one at a time as a reply streams.
 * Databases from before (schema version 0) keep their results as text in `jobs.result`; those are served as
 * they are, so opening an old file migrates nothing but the schema.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ErrorResponse } from "../errors.ts";
import type { JsonBody } from "../json-body.ts";
import type { KpiValue } from "./kpis.ts";

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

/** A job without its (possibly large) input and result: what listings and status reads return. */
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

/** A job of a batch with its scenario KPIs, for comparisons. */
export interface JobRecord extends JobSummary {
  /** The KPIs of its result, stored when it finished (absent without a result, or for a result stored before they were). */
  kpis?: Record<string, KpiValue>;
  hasResult: boolean;
}

/** A stored result, read lazily. */
export interface StoredResult {
  /** Length of the JSON text, bytes (UTF-8). */
  byteLength: number;
  /**
   * The text in order, each part read from the database when the iteration reaches it. Throws if the job is
   * deleted (expired) before the last part is read.
   */
  parts(): Generator<Buffer>;
}

export interface NewJob {
  id: string;
  kind: string;
  client: string;
  /** The input's JSON text, as a worker checked it (job-tasks.ts). */
  inputJson: string;
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
  result TEXT, -- results of schema version 0, as text; later ones are bytes in job_results (MIGRATIONS)
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

/**
 * Schema changes after the first version, in order; `PRAGMA user_version` counts those applied. Each runs in
 * the transaction that bumps the version, so a file is never left half-migrated.
 * 1: results as byte parts (`job_results`), their total length in `jobs.result_bytes` (NULL: no result in parts).
 * 2: `jobs.kpis`, the scenario KPIs of a result, stored when the job finishes (NULL: none, or stored before).
 */
const MIGRATIONS = [
  `ALTER TABLE jobs ADD COLUMN result_bytes INTEGER;
   CREATE TABLE job_results (job TEXT NOT NULL, part INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (job, part));`,
  `ALTER TABLE jobs ADD COLUMN kpis TEXT;`,
];

/** Result parts written per transaction before the event loop gets a turn: 4 MiB at the default part size holds the event loop ~20 ms; the total write time hardly depends on it. */
const PARTS_PER_TRANSACTION = 4;

export interface JobStoreOptions {
  /** Size of a stored result part, bytes: small enough to read while a reply streams, large enough to keep rows few. Default 1 MiB. */
  resultPartBytes?: number;
}

const SUMMARY_COLUMNS = "id, kind, status, client, options, progress, error, batch, scenario, attempts, created_at, started_at, finished_at";

function toSummary(row: JobRow): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    client: row.client,
    options: JSON.parse(row.options) as JobOptions,
    ...(row.progress === null ? {} : { progress: JSON.parse(row.progress) as JobProgress }),
    ...(row.error === null ? {} : { error: JSON.parse(row.error) as ErrorResponse }),
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
  private readonly resultPartBytes: number;

  /** Opens (creating it and its folder when needed) the database at `path`; `:memory:` for a throw-away store. */
  constructor(path: string, options: JobStoreOptions = {}) {
    this.resultPartBytes = options.resultPartBytes ?? 1 << 20;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(SCHEMA);
    this.migrate();
  }

  private migrate(): void {
    // IMMEDIATE takes the write lock before reading the version, so two processes opening one file migrate once.
    this.db
      .transaction(() => {
        const version = this.db.pragma("user_version", { simple: true }) as number;
        for (let v = version; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]!);
        if (version < MIGRATIONS.length) this.db.pragma(`user_version = ${MIGRATIONS.length}`);
      })
      .immediate();
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
          job.inputJson,
          JSON.stringify(job.options),
          job.batch?.id ?? null,
          job.batch?.scenario ?? null,
          job.batch?.position ?? null,
          job.createdAt,
        );
      }
    })();
  }

  /** The job without its result (see `result`). */
  get(id: string): JobSummary | undefined {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
    return row && toSummary(row);
  }

  /** The job's result as stored, JSON text in bytes, or undefined when it has none. Reads no part yet. */
  result(id: string): StoredResult | undefined {
    const row = this.db
      .prepare("SELECT result_bytes AS parts, length(CAST(result AS BLOB)) AS legacy FROM jobs WHERE id = ?")
      .get(id) as { parts: number | null; legacy: number | null } | undefined;
    if (row?.parts != null) {
      const byteLength = row.parts;
      return { byteLength, parts: () => this.readParts(id, byteLength) };
    }
    // A version-0 row: its text, read as bytes, in one part (it was stored under a 64 MiB limit).
    if (row?.legacy != null) return { byteLength: row.legacy, parts: () => this.readLegacy(id) };
    return undefined;
  }

  private *readParts(id: string, byteLength: number): Generator<Buffer> {
    const select = this.db.prepare("SELECT bytes FROM job_results WHERE job = ? AND part = ?").pluck();
    for (let part = 0, read = 0; read < byteLength; part++) {
      const bytes = select.get(id, part) as Buffer | undefined;
      if (!bytes) throw new Error(`job ${id}: its result was deleted while being read`);
      read += bytes.byteLength;
      yield bytes;
    }
  }

  private *readLegacy(id: string): Generator<Buffer> {
    const bytes = this.db.prepare("SELECT CAST(result AS BLOB) FROM jobs WHERE id = ?").pluck().get(id) as Buffer | null | undefined;
    if (!bytes) throw new Error(`job ${id}: its result was deleted while being read`);
    yield bytes;
  }

  /**
   * Writes a result's parts, PARTS_PER_TRANSACTION at a time, letting the event loop run between
   * transactions (a 350 MB plan written in one go would stall every request for a second or more). The
   * parts stay invisible until `finish` records `resultBytes`; a crash in between leaves parts that the
   * job's next run, `finish` without a result or the job's expiry deletes. Returns the text's length, bytes.
   */
  async writeResult(id: string, body: JsonBody): Promise<number> {
    const insert = this.db.prepare("INSERT INTO job_results (job, part, bytes) VALUES (?, ?, ?)");
    const parts = resultParts(body.jsonChunks, this.resultPartBytes);
    let next = parts.next();
    let part = 0;
    let written = 0;
    this.deleteResultParts(id);
    while (!next.done) {
      if (part > 0) await new Promise((resolve) => setImmediate(resolve));
      this.db.transaction(() => {
        for (let n = 0; !next.done && n < PARTS_PER_TRANSACTION; n++, next = parts.next()) {
          insert.run(id, part++, next.value);
          written += next.value.byteLength;
        }
      })();
    }
    return written;
  }

  private deleteResultParts(id: string): void {
    this.db.prepare("DELETE FROM job_results WHERE job = ?").run(id);
  }

  /** The input as stored, JSON text: for a worker to parse (capabilities take their requests as text). */
  inputJson(id: string): string | undefined {
    const row = this.db.prepare("SELECT input FROM jobs WHERE id = ?").get(id) as { input: string } | undefined;
    return row?.input;
  }

  /** Newest first. */
  list(filter: { status?: JobStatus; kind?: string; client?: string; limit: number }): JobSummary[] {
    const where: string[] = [];
    const args: Array<string | number> = [];
    if (filter.client !== undefined) (where.push("client = ?"), args.push(filter.client));
    if (filter.status) (where.push("status = ?"), args.push(filter.status));
    if (filter.kind) (where.push("kind = ?"), args.push(filter.kind));
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, filter.limit) as JobRow[]).map(toSummary);
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

  /**
   * Records the end of a job. `resultBytes`: the length `writeResult` returned, making its parts the job's
   * result; without it, any parts written for the job are deleted.
   */
  finish(
    id: string,
    status: "done" | "failed" | "cancelled",
    at: number,
    outcome: { resultBytes?: number; kpis?: Record<string, KpiValue> | undefined; error?: ErrorResponse; progress?: JobProgress },
  ): void {
    this.db.transaction(() => {
      if (outcome.resultBytes === undefined) this.deleteResultParts(id);
      this.db
        .prepare("UPDATE jobs SET status = ?, finished_at = ?, result_bytes = ?, kpis = ?, error = ?, progress = coalesce(?, progress) WHERE id = ?")
        .run(
          status,
          at,
          outcome.resultBytes ?? null,
          outcome.resultBytes === undefined || outcome.kpis === undefined ? null : JSON.stringify(outcome.kpis),
          outcome.error === undefined ? null : JSON.stringify(outcome.error),
          outcome.progress === undefined ? null : JSON.stringify(outcome.progress),
          id,
        );
    })();
  }

  /** Stores the KPIs of a result kept from before they were stored with results. */
  saveKpis(id: string, kpis: Record<string, KpiValue>): void {
    this.db.prepare("UPDATE jobs SET kpis = ? WHERE id = ?").run(JSON.stringify(kpis), id);
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
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, kpis, (result_bytes IS NOT NULL OR result IS NOT NULL) AS has_result FROM jobs WHERE batch = ? ORDER BY position`)
      .all(id) as Array<JobRow & { kpis: string | null; has_result: number }>;
    const jobs = rows.map((row): JobRecord => ({ ...toSummary(row), hasResult: row.has_result === 1, ...(row.kpis === null ? {} : { kpis: JSON.parse(row.kpis) as Record<string, KpiValue> }) }));
    return { id: batch.id, kind: batch.kind, client: batch.client, options: JSON.parse(batch.options) as JobOptions, createdAt: batch.created_at, jobs };
  }

  /**
   * Deletes jobs that finished before `before`, and batches left without jobs. A batch's jobs go together,
   * once the last of them is old enough, so a comparison never loses some of its scenarios.
   */
  expire(before: number): number {
    return this.db.transaction(() => {
      const expired = this.db
        .prepare(
          `SELECT id FROM jobs WHERE finished_at < ? AND (batch IS NULL OR NOT EXISTS (
             SELECT 1 FROM jobs AS other WHERE other.batch = jobs.batch AND (other.finished_at IS NULL OR other.finished_at >= ?)))`,
        )
        .pluck()
        .all(before, before) as string[];
      const deleteJob = this.db.prepare("DELETE FROM jobs WHERE id = ?");
      for (const id of expired) {
        this.deleteResultParts(id);
        deleteJob.run(id);
      }
      this.db.prepare("DELETE FROM batches WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.batch = batches.id)").run();
      return expired.length;
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** The chunks regrouped into parts of `size` bytes (the last may be shorter); a part within one chunk is not copied. */
export function* resultParts(chunks: ReadonlyArray<Uint8Array>, size: number): Generator<Buffer> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const take = () => {
    const part = pending.length === 1 ? Buffer.from(pending[0]!.buffer, pending[0]!.byteOffset, pending[0]!.byteLength) : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return part;
  };
  for (const chunk of chunks) {
    for (let offset = 0; offset < chunk.byteLength; ) {
      const piece = chunk.subarray(offset, offset + size - pendingBytes);
      pending.push(piece);
      pendingBytes += piece.byteLength;
      offset += piece.byteLength;
      if (pendingBytes === size) yield take();
    }
  }
  if (pendingBytes > 0) yield take();
}
