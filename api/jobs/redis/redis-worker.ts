/**
 * A solver node of the Redis backend: a BullMQ worker taking jobs from the `solve` queue and running them
 * on this process's pool (`takt worker --redis URL`, or an API node's `--workers N`).
 *
 * Crashes: BullMQ holds a lock on every job it runs and renews it while the process lives. A worker killed
 * mid-job (kill -9) stops renewing; after `lockDurationMs` another worker's stalled-job check moves the job
 * back to the queue and it runs again there (a solve depends only on its stored input). Each start counts an
 * attempt; a job started `maxAttempts` times and interrupted every time ends `failed` (taktStart), with
 * BullMQ's own `maxStalledCount` set to match as a backstop. A run that lost its job can no longer write to
 * it (every write checks the run's token).
 *
 * Fairness across workers: before a job starts, its client must hold fewer running jobs than its share,
 * half the live workers' slots (taktAdmit); otherwise the job steps aside into BullMQ's delayed set for a
 * moment and the worker takes the next one, so a batch of fifty cannot starve a colleague's single job.
 *
 * Cancel: a DELETE marks the record and publishes the id; the worker running it aborts the search, which
 * returns its best plan so far. The mark is also read every `progressPersistMs`, in case the message was lost.
 */
import { randomUUID } from "node:crypto";
import { DelayedError, Worker } from "bullmq";
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Capability } from "../../capability.ts";
import type { SolverPool } from "../../pool.ts";
import { QueueFullError } from "../../../src/errors.ts";
import type { JobLog } from "../job-execution.ts";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RESULT_BYTES, interruptedTooOften, jobFailure, runJob } from "../job-execution.ts";
import type { JobProgress } from "../job-store.ts";
import { DEFAULT_REDIS_PREFIX, waitingConnection } from "./redis-connection.ts";
import type { RedisBackendOptions } from "./redis-connection.ts";
import { RedisJobStore } from "./redis-job-store.ts";
import { runScript } from "./redis-scripts.ts";

export const QUEUE_NAME = "solve";

/** What a BullMQ job carries: the Takt job it stands for (its id is also the BullMQ job id). */
export interface QueuedJob {
  id: string;
  client: string;
}

export interface RedisWorkerOptions extends RedisBackendOptions {
  pool: SolverPool;
  capabilities: ReadonlyArray<Capability>;
  /** Jobs this worker runs at once. */
  concurrency: number;
  /** Jobs one client may run at once across all workers; default half the live workers' slots, at least 1. */
  maxRunningPerClient?: number;
  /** Starts after which an interrupted job is failed; default 3. */
  maxAttempts?: number;
  maxResultBytes?: number;
  /** How often running jobs' progress is stored (and their cancel mark and lease checked), ms; default 2000. */
  progressPersistMs?: number;
  /** How long a dead worker's job stays locked before another takes it over, ms; default 30,000 (BullMQ's). */
  lockDurationMs?: number;
  log?: JobLog;
  /** Epoch-millisecond clock stamping the records' starts and ends (tests inject the API node's); default Date.now. Leases use the real clock. */
  now?: () => number;
}

/** How long a job whose client is at its share waits in BullMQ's delayed set before it is tried again, ms. */
const ADMIT_RETRY_MS = 250;

interface Running {
  job: Job<QueuedJob>;
  client: string;
  token: string;
  controller: AbortController;
  startedAt: number;
  report?: unknown;
}

export class RedisWorker {
  readonly id = randomUUID();
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly store: RedisJobStore;
  private readonly worker: Worker<QueuedJob>;
  private readonly capabilities: ReadonlyMap<string, Capability>;
  private readonly running = new Map<string, Running>();
  private readonly timer: NodeJS.Timeout;
  private readonly registered: Promise<void>;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;

  constructor(private readonly options: RedisWorkerOptions) {
    const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.redis = waitingConnection(options.url);
    this.subscriber = waitingConnection(options.url);
    // Redis going away is logged once per retry by the BullMQ worker below ("error"); these reconnect by themselves.
    for (const connection of [this.redis, this.subscriber]) connection.on("error", () => {});
    this.store = new RedisJobStore(this.redis, prefix);
    this.capabilities = new Map(options.capabilities.map((c) => [c.command, c]));
    this.leaseMs = options.lockDurationMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.now = options.now ?? Date.now;
    void this.subscriber.subscribe(this.store.keys.cancel);
    this.subscriber.on("message", (_channel: string, id: string) => this.running.get(id)?.controller.abort());
    this.worker = new Worker<QueuedJob>(QUEUE_NAME, (job, token) => this.process(job, token!), {
      connection: waitingConnection(options.url),
      prefix,
      concurrency: options.concurrency,
      lockDuration: this.leaseMs,
      stalledInterval: this.leaseMs,
      maxStalledCount: this.maxAttempts,
    });
    // BullMQ fails a job by itself when it stalled more than maxStalledCount times: the record says so too.
    this.worker.on("failed", (job) => {
      if (job) void this.settle(job.data.id, () => this.store.fail(job.data.id, this.now(), interruptedTooOften(this.maxAttempts)));
    });
    this.worker.on("error", (error) => options.log?.warn({ err: error }, "job worker: Redis error (reconnecting)"));
    // Leases are renewed three times per lease at least, so a live worker's never lapse between renewals.
    this.timer = setInterval(() => void this.heartbeat().catch(() => {}), Math.min(options.progressPersistMs ?? 2000, this.leaseMs / 3));
    this.timer.unref();
    // A failed first registration is retried by the timer; ready() does not wait for the retry.
    this.registered = this.heartbeat().catch(() => {});
  }

  /** Resolves once this worker is connected to its queue and its slots count in every client's share. */
  async ready(): Promise<void> {
    await Promise.all([this.worker.waitUntilReady(), this.registered]);
  }

  /** Registers this worker's slots (the fairness share counts live slots) and stores its jobs' progress. */
  private async heartbeat(): Promise<void> {
    // Leases are compared across workers: the real clock, never an injected one.
    const now = Date.now();
    const keys = this.store.keys;
    await this.redis.multi().zadd(keys.workers, now + this.leaseMs, this.id).hset(keys.slots, this.id, this.options.concurrency).exec();
    for (const [id, run] of this.running) {
      await this.redis.zadd(keys.running(run.client), now + this.leaseMs, id);
      const state = await this.store.saveProgress(id, run.token, this.progress(run));
      if (state !== "run") run.controller.abort();
    }
  }

  private progress(run: Running): JobProgress {
    return { elapsedMs: this.now() - run.startedAt, ...(run.report === undefined ? {} : { report: run.report }) };
  }

  private async process(job: Job<QueuedJob>, token: string): Promise<void> {
    const { id, client } = job.data;
    const keys = this.store.keys;
    const real = Date.now();
    const admitted = await runScript(this.redis, "taktAdmit", [keys.running(client), keys.workers, keys.slots], [real, id, real + this.leaseMs, this.options.maxRunningPerClient ?? 0]);
    if (Number(admitted) !== 1) {
      await job.moveToDelayed(real + ADMIT_RETRY_MS, token);
      throw new DelayedError();
    }
    const now = this.now();
    const run: Running = { job, client, token, controller: new AbortController(), startedAt: now };
    try {
      if ((await this.store.start(id, token, now, this.maxAttempts, this.id)) === undefined) return void (await this.publishStatus(id));
      this.running.set(id, run);
      await this.publishStatus(id);
      await this.execute(id, run);
    } finally {
      this.running.delete(id);
      await this.redis.zrem(keys.running(client), id);
    }
  }

  private async execute(id: string, run: Running): Promise<void> {
    const [kind, inputJson] = await this.redis.hmget(this.store.keys.job(id), "kind", "input");
    let finished: Promise<boolean>;
    try {
      const answer = await runJob(this.capabilities, {
        kind: kind!,
        inputJson: inputJson!,
        pool: this.options.pool,
        signal: run.controller.signal,
        onProgress: (report) => {
          run.report = report;
          void this.redis.publish(this.store.keys.events, JSON.stringify({ type: "progress", id, progress: this.progress(run) }));
        },
        maxResultBytes: this.options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
      });
      const resultBytes = await this.store.writeResult(id, run.token, answer.body);
      const status = run.controller.signal.aborted ? "cancelled" : "done";
      finished = this.store.finish(id, run.token, status, this.now(), { resultBytes, kpis: answer.kpis, progress: this.progress(run) });
    } catch (error) {
      if (error instanceof QueueFullError) {
        // This node's pool is busy with synchronous requests: back to the queue without counting the attempt.
        await this.store.requeue(id, run.token);
        await run.job.moveToDelayed(Date.now() + 1000, run.token);
        throw new DelayedError();
      }
      const status = run.controller.signal.aborted ? "cancelled" : "failed";
      finished = this.store.finish(id, run.token, status, this.now(), { error: jobFailure(error, id, this.options.log), progress: this.progress(run) });
    }
    await this.settle(id, () => finished);
  }


  /** Records an end (if it is still this worker's to record) and tells the API nodes. */
  private async settle(id: string, record: () => Promise<boolean>): Promise<void> {
    if (await record()) await this.publishStatus(id);
  }

  /** Publishes the job as this worker just left it (only this worker changes it meanwhile), so API nodes relay every status in order. */
  private async publishStatus(id: string): Promise<void> {
    const job = await this.store.get(id, this.now());
    if (job) await this.redis.publish(this.store.keys.events, JSON.stringify({ type: "status", job }));
  }

  /**
   * Stops taking jobs and gives running ones `graceMs` to finish; those still running then go back to the
   * queue without counting an attempt (another worker takes them), as a graceful restart does with SQLite.
   */
  async close(graceMs = 5000): Promise<void> {
    clearInterval(this.timer);
    const closing = this.worker.close();
    const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([closing, grace]);
    for (const [id, run] of this.running) {
      // The record first: once it is queued, whatever this run still returns is not recorded.
      await this.store.requeue(id, run.token).catch(() => {});
      await run.job.moveToWait(run.token).catch(() => {});
    }
    await this.worker.close(true);
    await this.redis.multi().zrem(this.store.keys.workers, this.id).hdel(this.store.keys.slots, this.id).exec().catch(() => {});
    this.subscriber.disconnect();
    this.redis.disconnect();
  }
}
