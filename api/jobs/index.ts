/**
 * Jobs and scenario batches on an app: their backend (the embedded SQLite store and local runner by
 * default, Redis and BullMQ with `redis`) and their routes, started (recovering what a previous process left
 * unfinished) and stopped with the app.
 */
import type { FastifyInstance } from "fastify";
import type { Capability } from "../capability.ts";
import type { SolverPool } from "../pool.ts";
import type { JobBackend } from "./job-backend.ts";
import { JobRunner } from "./job-runner.ts";
import { jobRoutes } from "./job-routes.ts";
import { JobStore } from "./job-store.ts";
import { scenarioRoutes } from "./scenario-routes.ts";
import { SqliteJobs } from "./sqlite-jobs.ts";
import { lockJobStore } from "./store-lock.ts";
import type { RedisBackendOptions } from "./redis/redis-connection.ts";
import { RedisJobs } from "./redis/redis-jobs.ts";

export interface JobsOptions {
  /** SQLite database file; default `:memory:` (jobs do not survive the process). `takt serve` passes a file. */
  databasePath?: string;
  /** Hours a finished job (and its result) is kept; default 168 (7 days). */
  retentionHours?: number;
  /** Jobs running at once; default the threads jobs may use (one fewer than the pool has, at least 1). */
  maxRunning?: number;
  /** Jobs one client may run at once; default half of maxRunning, at least 1. */
  maxRunningPerClient?: number;
  /** Jobs that may wait before submissions get 503; default 1000. */
  maxQueued?: number;
  /** Largest job input, bytes of JSON; default MAX_JOB_INPUT_BYTES, 16 MiB (the body limit also applies). */
  maxInputBytes?: number;
  /** Largest stored result, bytes of JSON; default 512 MiB. */
  maxResultBytes?: number;
  /** How often running jobs' progress is written to the database, ms; default 2000. */
  progressPersistMs?: number;
  /** How long shutting down waits for running jobs before re-queueing them, ms; default 5000. */
  shutdownGraceMs?: number;
  /** Epoch-millisecond clock, for tests; default Date.now. */
  now?: () => number;
  /** Keep and run jobs through Redis and BullMQ instead of SQLite (redis/redis-jobs.ts); `databasePath` is then unused. */
  redis?: RedisBackendOptions & {
    /** Jobs this process runs itself (0: API only); default maxRunning's default, the threads jobs may use. */
    workers?: number;
    /** How long a dead worker's job stays locked before another takes it over, ms; default 30,000. */
    lockDurationMs?: number;
    /** How often this process re-queues submissions a crashed API process left unqueued, ms; default 60,000 (and at start). */
    recoverySweepMs?: number;
  };
}

/** Throws JobStoreLockedError when another server holds the database file (store-lock.ts). */
export function registerJobs(app: FastifyInstance, options: JobsOptions & { pool: SolverPool; capabilities: ReadonlyArray<Capability> }): void {
  const jobs = options.redis ? redisJobs(app, options, options.redis) : sqliteJobs(app, options);
  const routeOptions = {
    jobs,
    pool: options.pool,
    capabilities: options.capabilities,
    ...(options.maxInputBytes === undefined ? {} : { maxInputBytes: options.maxInputBytes }),
  };
  jobRoutes(app, routeOptions);
  scenarioRoutes(app, routeOptions);
  // preClose runs before the pool is destroyed (onClose), so running jobs can finish or be re-queued cleanly.
  app.addHook("preClose", () => jobs.close());
  app.addHook("onReady", () => jobs.start());
}

type RegisterOptions = Parameters<typeof registerJobs>[1];

/** The settings both backends take, as given (each backend has the same defaults for those left out). */
function commonLimits(options: JobsOptions) {
  return {
    ...(options.maxRunningPerClient === undefined ? {} : { maxRunningPerClient: options.maxRunningPerClient }),
    ...(options.maxQueued === undefined ? {} : { maxQueued: options.maxQueued }),
    ...(options.maxResultBytes === undefined ? {} : { maxResultBytes: options.maxResultBytes }),
    ...(options.shutdownGraceMs === undefined ? {} : { shutdownGraceMs: options.shutdownGraceMs }),
    ...(options.progressPersistMs === undefined ? {} : { progressPersistMs: options.progressPersistMs }),
    ...(options.retentionHours === undefined ? {} : { retentionMs: options.retentionHours * 3600_000 }),
    ...(options.now === undefined ? {} : { now: options.now }),
  };
}

function redisJobs(app: FastifyInstance, options: RegisterOptions, redis: NonNullable<JobsOptions["redis"]>): JobBackend {
  return new RedisJobs({
    ...redis,
    pool: options.pool,
    capabilities: options.capabilities,
    workers: redis.workers ?? options.maxRunning ?? options.pool.batchThreads,
    log: app.log,
    ...commonLimits(options),
  });
}

function sqliteJobs(app: FastifyInstance, options: RegisterOptions): JobBackend {
  const databasePath = options.databasePath ?? ":memory:";
  const unlock = databasePath === ":memory:" ? () => {} : lockJobStore(databasePath);
  const store = new JobStore(databasePath);
  const runner = new JobRunner({
    store,
    pool: options.pool,
    capabilities: options.capabilities,
    log: app.log,
    ...(options.maxRunning === undefined ? {} : { maxRunning: options.maxRunning }),
    ...commonLimits(options),
  });
  app.addHook("onClose", async () => {
    store.close();
    unlock();
  });
  return new SqliteJobs(store, runner);
}
