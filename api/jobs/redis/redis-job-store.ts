/**
 * Job records, results and scenario batches in Redis: what the SQLite job store keeps, for the Redis
 * backend, where API nodes and solver workers on any machine share them. BullMQ only carries the job's id
 * through its queue; the record here is the job (status, input, progress, result), so its retention and
 * statuses (a cancelled job is not a BullMQ state) follow the same rules as with SQLite.
 *
 * Keys under the prefix P: `P:job:ID` (hash, redis-scripts.ts lists its fields), `P:result:ID` (a list of
 * the result's JSON text in parts of 1 MiB: a 350 MB plan never sits in one string, and a reply streams it
 * part by part), `P:index` and `P:client:NAME` (sorted sets of job ids by submission), `P:finished` (job ids
 * by finish time, for retention), `P:batch:ID` (hash) with `P:batch:ID:jobs` (its job ids in order),
 * `P:submitting` (job ids recorded but not yet known to be on the queue, by submission: recoverSubmissions in
 * redis-jobs.ts reads it); the BullMQ queue `solve` under the same prefix.
 */
import type { Redis } from "ioredis";
import type { ErrorResponse } from "../../errors.ts";
import type { JsonBody } from "../../json-body.ts";
import { interruptedTooOften } from "../job-execution.ts";
import type { JobFilter, JobResult, NewBatch } from "../job-backend.ts";
import type { BatchRecord, JobOptions, JobProgress, JobRecord, JobStatus, JobSummary, NewJob } from "../job-store.ts";
import { resultParts } from "../job-store.ts";
import type { KpiValue } from "../kpis.ts";
import { runScript } from "./redis-scripts.ts";

const SUMMARY_FIELDS = ["id", "kind", "status", "client", "options", "progress", "error", "batch", "scenario", "attempts", "createdAt", "startedAt", "finishedAt"] as const;
const RECORD_FIELDS = [...SUMMARY_FIELDS, "kpis", "resultBytes"] as const;
type Fields = Array<string | null>;

/** Job ids read per round trip when a listing filters by status or kind. */
const LIST_PAGE = 200;

export class RedisJobStore {
  readonly keys;

  constructor(
    readonly redis: Redis,
    readonly prefix: string,
    private readonly resultPartBytes = 1 << 20,
  ) {
    this.keys = {
      job: (id: string) => `${prefix}:job:${id}`,
      result: (id: string) => `${prefix}:result:${id}`,
      runResult: (id: string, token: string) => `${prefix}:result:${id}:${token}`,
      index: `${prefix}:index`,
      client: (client: string) => `${prefix}:client:${client}`,
      finished: `${prefix}:finished`,
      batch: (id: string) => `${prefix}:batch:${id}`,
      batchJobs: (id: string) => `${prefix}:batch:${id}:jobs`,
      seq: `${prefix}:seq`,
      /** Sorted set of job ids by submission, written with their records and cleared once BullMQ holds them. */
      submitting: `${prefix}:submitting`,
      /** Pub/sub: `{ type: "status", id }` and `{ type: "progress", id, progress }` (redis-jobs.ts relays them). */
      events: `${prefix}:events`,
      /** Pub/sub: the id of a running job a DELETE asks to stop. */
      cancel: `${prefix}:cancel`,
      /** The client's running jobs with their lease expiry, live workers with theirs, and each worker's slots (taktAdmit). */
      running: (client: string) => `${prefix}:running:${client}`,
      workers: `${prefix}:workers`,
      slots: `${prefix}:worker-slots`,
    };
  }

  /**
   * Stores jobs (and their batch) in one transaction, all `queued`, each marked as still being submitted
   * (`submitting`) until `submitted` clears the mark: a process that dies before it has queued them leaves
   * the mark for recoverSubmissions (redis-jobs.ts).
   */
  async insert(jobs: ReadonlyArray<NewJob>, batch?: NewBatch): Promise<void> {
    const last = await this.redis.incrby(this.keys.seq, jobs.length);
    const multi = this.redis.multi();
    if (batch) multi.hset(this.keys.batch(batch.id), { id: batch.id, kind: batch.kind, client: batch.client, options: JSON.stringify(batch.options), createdAt: batch.createdAt });
    jobs.forEach((job, i) => {
      const seq = last - jobs.length + 1 + i;
      multi.hset(this.keys.job(job.id), {
        id: job.id,
        kind: job.kind,
        status: "queued",
        client: job.client,
        input: job.inputJson,
        options: JSON.stringify(job.options),
        attempts: 0,
        createdAt: job.createdAt,
        ...(job.batch ? { batch: job.batch.id, scenario: job.batch.scenario } : {}),
      });
      multi.zadd(this.keys.index, seq, job.id).zadd(this.keys.client(job.client), seq, job.id).zadd(this.keys.submitting, seq, job.id);
      if (batch) multi.rpush(this.keys.batchJobs(batch.id), job.id);
    });
    await multi.exec();
  }

  /** Deletes jobs (and the batch) whose submission could not be queued. */
  async remove(ids: ReadonlyArray<string>, clients: ReadonlyArray<string>, batchId?: string): Promise<void> {
    const multi = this.redis.multi();
    ids.forEach((id, i) => {
      multi.del(this.keys.job(id), this.keys.result(id)).zrem(this.keys.index, id).zrem(this.keys.client(clients[i]!), id).zrem(this.keys.finished, id);
    });
    if (batchId !== undefined) multi.del(this.keys.batch(batchId), this.keys.batchJobs(batchId));
    multi.zrem(this.keys.submitting, ...ids);
    await multi.exec();
  }

  /** Clears the submission mark of jobs BullMQ now holds (or that need no queueing any more). */
  async submitted(ids: ReadonlyArray<string>): Promise<void> {
    if (ids.length > 0) await this.redis.zrem(this.keys.submitting, ...ids);
  }

  /**
   * The oldest `count` jobs still marked as being submitted, with their status and client (status undefined:
   * the record is gone). A mark outlives its submission only when the process died between the two writes.
   */
  async submitting(count: number): Promise<Array<{ id: string; kind?: string; status?: JobStatus; client?: string }>> {
    const ids = await this.redis.zrange(this.keys.submitting, 0, count - 1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.job(id), "kind", "status", "client");
    const replies = (await pipeline.exec()) ?? [];
    return ids.map((id, i) => {
      const [error, fields] = replies[i]!;
      if (error) throw error;
      const [kind, status, client] = fields as Fields;
      return { id, ...(kind == null ? {} : { kind }), ...(status == null ? {} : { status: status as JobStatus }), ...(client == null ? {} : { client }) };
    });
  }

  /** The job without input and result; a running one with its elapsed time as of `now`. */
  async get(id: string, now: number): Promise<JobSummary | undefined> {
    return (await this.getMany([id], now))[0]?.summary;
  }

  private async getMany(ids: ReadonlyArray<string>, now: number): Promise<Array<{ summary: JobSummary; record: JobRecord } | undefined>> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.keys.job(id), ...RECORD_FIELDS);
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, fields]) => {
      if (error) throw error;
      return toRecord(fields as Fields, now);
    });
  }

  /** Newest first; pages through the index when filtering by status or kind. */
  async list(filter: JobFilter, now: number): Promise<JobSummary[]> {
    const index = filter.client === undefined ? this.keys.index : this.keys.client(filter.client);
    const found: JobSummary[] = [];
    const page = filter.status || filter.kind ? LIST_PAGE : filter.limit;
    for (let start = 0; found.length < filter.limit; start += page) {
      const ids = await this.redis.zrevrange(index, start, start + page - 1);
      for (const job of await this.getMany(ids, now)) {
        if (!job || (filter.status && job.summary.status !== filter.status) || (filter.kind && job.summary.kind !== filter.kind)) continue;
        if (found.push(job.summary) === filter.limit) break;
      }
      if (ids.length < page) break;
    }
    return found;
  }

  async batch(id: string, now: number): Promise<BatchRecord | undefined> {
    const [batch, ids] = await Promise.all([this.redis.hgetall(this.keys.batch(id)), this.redis.lrange(this.keys.batchJobs(id), 0, -1)]);
    if (batch.id === undefined) return undefined;
    const jobs = (await this.getMany(ids, now)).flatMap((job) => (job ? [job.record] : []));
    return { id, kind: batch.kind!, client: batch.client!, options: JSON.parse(batch.options!) as JobOptions, createdAt: Number(batch.createdAt), jobs };
  }

  async result(id: string): Promise<JobResult | undefined> {
    const bytes = await this.redis.hget(this.keys.job(id), "resultBytes");
    if (bytes === null) return undefined;
    const key = this.keys.result(id);
    const redis = this.redis;
    return {
      byteLength: Number(bytes),
      async *parts() {
        for (let part = 0, read = 0; read < Number(bytes); part++) {
          const buffer = await redis.lindexBuffer(key, part);
          if (!buffer) throw new Error(`job ${id}: its result was deleted while being read`);
          read += buffer.byteLength;
          yield buffer;
        }
      },
    };
  }

  async inputJson(id: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.job(id), "input")) ?? undefined;
  }

  async saveKpis(id: string, kpis: Record<string, KpiValue>): Promise<void> {
    await this.redis.hset(this.keys.job(id), "kpis", JSON.stringify(kpis));
  }

  /** See taktCancel: the status the job had, or undefined when there is no such job. */
  async cancel(id: string, at: number): Promise<JobStatus | undefined> {
    const status = (await runScript(this.redis, "taktCancel", [this.keys.job(id), this.keys.finished], [at, id])) as string;
    return status === "" ? undefined : (status as JobStatus);
  }

  /** Makes the job this run's (see taktStart): its attempts including this one, or undefined when it must not run. */
  async start(id: string, token: string, at: number, maxAttempts: number, worker: string): Promise<number | undefined> {
    const args = [token, at, id, maxAttempts, JSON.stringify(interruptedTooOften(maxAttempts)), worker];
    const attempts = Number(await runScript(this.redis, "taktStart", [this.keys.job(id), this.keys.finished], args));
    return attempts < 0 ? undefined : attempts;
  }

  async requeue(id: string, token: string): Promise<void> {
    await runScript(this.redis, "taktRequeue", [this.keys.job(id)], [token]);
  }

  /** Stores the run's progress; tells whether a cancel was asked, or the run is no longer this one (`lost`). */
  async saveProgress(id: string, token: string, progress: JobProgress): Promise<"cancel" | "run" | "lost"> {
    const answer = Number(await runScript(this.redis, "taktProgress", [this.keys.job(id)], [token, JSON.stringify(progress)]));
    return answer < 0 ? "lost" : answer === 1 ? "cancel" : "run";
  }

  /** Writes the run's result parts under the run's own key (taktFinish makes them the job's); returns its length, bytes. */
  async writeResult(id: string, token: string, body: JsonBody): Promise<number> {
    const key = this.keys.runResult(id, token);
    let written = 0;
    await this.redis.del(key);
    for (const part of resultParts(body.jsonChunks, this.resultPartBytes)) {
      await this.redis.rpush(key, part);
      written += part.byteLength;
    }
    return written;
  }

  /** Records the end of this run (see taktFinish); false when the job is no longer this run's. */
  async finish(
    id: string,
    token: string,
    status: "done" | "failed" | "cancelled",
    at: number,
    outcome: { resultBytes?: number; kpis?: Record<string, KpiValue> | undefined; error?: ErrorResponse; progress?: JobProgress },
  ): Promise<boolean> {
    const keys = [this.keys.job(id), this.keys.finished, this.keys.runResult(id, token), this.keys.result(id)];
    const json = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));
    const args = [token, status, at, id, outcome.resultBytes ?? "", json(outcome.kpis), json(outcome.error), json(outcome.progress)];
    return Number(await runScript(this.redis, "taktFinish", keys, args)) === 1;
  }

  /** Fails a job that has not finished (BullMQ gave up on it); false when it had. */
  async fail(id: string, at: number, error: ErrorResponse): Promise<boolean> {
    return Number(await runScript(this.redis, "taktFail", [this.keys.job(id), this.keys.finished], [at, id, JSON.stringify(error)])) === 1;
  }

  /**
   * Deletes jobs that finished before `before`, and their batch once all of its jobs have: a comparison
   * never loses some of its scenarios (the SQLite store's rule).
   */
  async expire(before: number): Promise<number> {
    const candidates = await this.redis.zrangebyscore(this.keys.finished, "-inf", `(${before}`);
    const expired = new Set<string>();
    for (const id of candidates) {
      if (expired.has(id)) continue;
      const [batch] = await this.redis.hmget(this.keys.job(id), "batch");
      const group = batch ? await this.redis.lrange(this.keys.batchJobs(batch), 0, -1) : [id];
      const ends = await Promise.all(group.map((member) => this.redis.hmget(this.keys.job(member), "finishedAt", "client")));
      if (!ends.every(([finishedAt]) => finishedAt !== null && Number(finishedAt) < before)) continue;
      const multi = this.redis.multi();
      group.forEach((member, i) => {
        expired.add(member);
        multi.del(this.keys.job(member), this.keys.result(member)).zrem(this.keys.index, member).zrem(this.keys.finished, member);
        multi.zrem(this.keys.client(ends[i]![1]!), member);
      });
      if (batch) multi.del(this.keys.batch(batch), this.keys.batchJobs(batch));
      await multi.exec();
    }
    return expired.size;
  }
}

function toRecord(fields: Fields, now: number): { summary: JobSummary; record: JobRecord } | undefined {
  const [id, kind, status, client, options, progress, error, batch, scenario, attempts, createdAt, startedAt, finishedAt, kpis, resultBytes] = fields;
  if (id == null) return undefined;
  const jobStatus = status as JobStatus;
  const stored = progress == null ? undefined : (JSON.parse(progress) as JobProgress);
  // A running job's elapsed time is live; its report is the worker's latest persisted one.
  const live = jobStatus === "running" && startedAt != null ? { ...stored, elapsedMs: now - Number(startedAt) } : stored;
  const summary: JobSummary = {
    id,
    kind: kind!,
    status: jobStatus,
    client: client!,
    options: JSON.parse(options!) as JobOptions,
    ...(live === undefined ? {} : { progress: live }),
    ...(error == null ? {} : { error: JSON.parse(error) as ErrorResponse }),
    ...(batch == null ? {} : { batch }),
    ...(scenario == null ? {} : { scenario }),
    attempts: Number(attempts),
    createdAt: Number(createdAt),
    ...(startedAt == null || jobStatus === "queued" ? {} : { startedAt: Number(startedAt) }),
    ...(finishedAt == null ? {} : { finishedAt: Number(finishedAt) }),
  };
  const record: JobRecord = { ...summary, hasResult: resultBytes != null, ...(kpis == null ? {} : { kpis: JSON.parse(kpis) as Record<string, KpiValue> }) };
  return { summary, record };
}
