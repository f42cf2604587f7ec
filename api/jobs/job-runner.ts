/**
 * Runs queued jobs on the solver pool through their capability's `run`, one AbortController per running
 * job (DELETE aborts it: a search stops early and returns its best plan so far).
 *
 * Back-pressure and fairness: at most `maxQueued` jobs wait (more → QueueFullError, 503 with Retry-After);
 * at most `maxRunning` run at once (default: the threads jobs may use, one fewer than the pool has, and the
 * pool keeps a thread of every lane free of jobs' tasks besides, so synchronous requests still find a
 * thread); one client runs at most `maxRunningPerClient` of them, and a free slot goes to the waiting
 * client with the fewest running jobs (oldest job first among equals), so a batch of fifty cannot starve a
 * colleague's single job.
 *
 * A job runs as batch work (RunContext.batch): its answer comes with its scenario KPIs, extracted on the
 * worker that answered and stored with the result, so comparing scenarios never parses a result.
 *
 * Restarts: queued AND running jobs are re-queued when the runner starts. The input is stored and a solve
 * depends only on it (searches take their seed from the input; a time-limited search may land on another
 * plan of its quality), so re-running answers exactly the question the client's 202 accepted; marking the
 * jobs failed would only push the same retry onto every client.
 * A job that has already been started `maxAttempts` times is marked failed instead, so a job that kills the
 * process cannot crash it forever. A graceful shutdown re-queues its running jobs without counting an attempt.
 */
import type { FastifyBaseLogger } from "fastify";
import type { Answer, Capability } from "../capability.ts";
import type { SolverPool } from "../pool.ts";
import { QueueFullError } from "../../src/errors.ts";
import type { JobEvent, NewBatch } from "./job-backend.ts";
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RESULT_BYTES, interruptedTooOften, jobFailure, runJob } from "./job-execution.ts";
import type { JobProgress, JobStore, JobSummary, NewJob } from "./job-store.ts";
import { FINISHED } from "./job-store.ts";

export interface JobRunnerOptions {
  store: JobStore;
  pool: SolverPool;
  capabilities: ReadonlyArray<Capability>;
  /** Jobs running at once; default the threads jobs may use (pool.batchThreads). */
  maxRunning?: number;
  /** Jobs one client may run at once; default half of maxRunning, at least 1. */
  maxRunningPerClient?: number;
  /** Jobs that may wait; beyond it, submissions get 503 with Retry-After. Default 1000. */
  maxQueued?: number;
  /** Starts after which an interrupted job is failed rather than re-queued; default 3. */
  maxAttempts?: number;
  /** Largest stored result (bytes of JSON); a larger one fails the job (TAKT_ERR_RESULT_TOO_LARGE). Default 512 MiB. */
  maxResultBytes?: number;
  /** How often running jobs' progress is written to the store, ms; default 2000. */
  progressPersistMs?: number;
  /** How long close() waits for running jobs before re-queueing them, ms; default 5000. */
  shutdownGraceMs?: number;
  /** Finished jobs are deleted this long after they finish, ms; default 7 days. */
  retentionMs?: number;
  /** Epoch-millisecond clock; default Date.now (tests inject one). */
  now?: () => number;
  log?: Pick<FastifyBaseLogger, "error">;
}

interface Waiting {
  id: string;
  client: string;
}

interface Running {
  client: string;
  controller: AbortController;
  startedAt: number;
  report?: unknown;
  done: Promise<void>;
}

/**
 * The next job to start: among waiting jobs whose client is under its limit, the one whose client runs
 * fewest jobs; the oldest among those. Returns its index in `queue`, or -1.
 */
export function pickNext(queue: ReadonlyArray<Waiting>, runningPerClient: ReadonlyMap<string, number>, maxPerClient: number): number {
  let best = -1;
  let bestRunning = Infinity;
  for (let i = 0; i < queue.length; i++) {
    const running = runningPerClient.get(queue[i]!.client) ?? 0;
    if (running < maxPerClient && running < bestRunning) {
      best = i;
      bestRunning = running;
    }
  }
  return best;
}

export class JobRunner {
  private readonly store: JobStore;
  private readonly pool: SolverPool;
  private readonly capabilities: ReadonlyMap<string, Capability>;
  private readonly maxRunning: number;
  private readonly maxRunningPerClient: number;
  private readonly maxQueued: number;
  private readonly maxAttempts: number;
  private readonly maxResultBytes: number;
  private readonly shutdownGraceMs: number;
  /** The runner's clock (epoch ms): submissions are stamped with it so retention follows one clock. */
  readonly now: () => number;
  private readonly retentionMs: number;
  private lastExpiry = -Infinity;
  private readonly log: JobRunnerOptions["log"];
  private readonly queue: Waiting[] = [];
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Map<string, Set<(event: JobEvent) => void>>();
  /** Jobs a shutdown gave up on: whatever they return later is not recorded. */
  private readonly abandoned = new Set<string>();
  private readonly persistTimer: NodeJS.Timeout;
  /** Recent run times, for the Retry-After estimate. */
  private meanRunMs = 10_000;
  private closed = false;

  constructor(options: JobRunnerOptions) {
    this.store = options.store;
    this.pool = options.pool;
    this.capabilities = new Map(options.capabilities.map((c) => [c.command, c]));
    this.maxRunning = options.maxRunning ?? options.pool.batchThreads;
    this.maxRunningPerClient = options.maxRunningPerClient ?? Math.max(1, Math.ceil(this.maxRunning / 2));
    this.maxQueued = options.maxQueued ?? 1000;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.maxResultBytes = options.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES;
    this.shutdownGraceMs = options.shutdownGraceMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.log = options.log;
    this.persistTimer = setInterval(() => this.persistProgress(), options.progressPersistMs ?? 2000);
    this.persistTimer.unref();
  }

  /** Re-queues what a previous process left queued or running (see the header), then starts work. */
  recover(): void {
    for (const { id, attempts } of this.store.running()) {
      if (attempts >= this.maxAttempts) {
        this.store.finish(id, "failed", this.now(), { error: interruptedTooOften(attempts) });
      } else {
        this.store.requeue(id, true);
      }
    }
    this.queue.push(...this.store.queued());
    this.expireOld();
    this.pump();
  }

  /**
   * Deletes jobs finished longer than the retention ago. Called before reads and submissions rather than on
   * a timer, so an idle service does no work and a test's clock decides; runs at most once a clock minute.
   */
  expireOld(): void {
    const now = this.now();
    if (now - this.lastExpiry < 60_000) return;
    this.lastExpiry = now;
    this.store.expire(now - this.retentionMs);
  }

  /** Accepts jobs whole or not at all: 503 (QueueFullError) when they would overfill the queue. */
  submit(jobs: ReadonlyArray<NewJob>, batch?: NewBatch): void {
    if (this.closed) throw new QueueFullError(5);
    if (this.queue.length + jobs.length > this.maxQueued) throw new QueueFullError(this.retryAfterSeconds());
    this.store.insert(jobs, batch);
    this.queue.push(...jobs.map((job) => ({ id: job.id, client: job.client })));
    this.pump();
  }

  /**
   * Cancels a job: a queued one never runs; a running one is asked to stop and ends `cancelled` with the
   * best answer it returns. A finished job is left as it is. Returns the job as it stands, or undefined.
   */
  cancel(id: string): JobSummary | undefined {
    const index = this.queue.findIndex((waiting) => waiting.id === id);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.store.finish(id, "cancelled", this.now(), {});
      this.emitStatus(id);
    }
    this.running.get(id)?.controller.abort();
    return this.get(id);
  }

  /**
   * The job, without its result (JobStore.result reads that), with its live progress (the store's copy of a
   * running job's progress may be a few seconds old).
   */
  get(id: string): JobSummary | undefined {
    const job = this.store.get(id);
    const live = job && this.liveProgress(id);
    return job && live ? { ...job, progress: live } : job;
  }

  withLiveProgress<T extends { id: string; progress?: JobProgress }>(job: T): T {
    const live = this.liveProgress(job.id);
    return live ? { ...job, progress: live } : job;
  }

  /** Listens to one job's events until it finishes; returns the unsubscribe function. */
  subscribe(id: string, listener: (event: JobEvent) => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Stops starting jobs, gives running ones `shutdownGraceMs` to finish, and re-queues the rest for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.persistTimer);
    const grace = new Promise<void>((resolve) => setTimeout(resolve, this.shutdownGraceMs).unref());
    await Promise.race([Promise.all([...this.running.values()].map((r) => r.done)), grace]);
    for (const id of this.running.keys()) {
      this.abandoned.add(id);
      this.store.requeue(id, false);
    }
    this.running.clear();
    for (const [id, set] of this.listeners) for (const listener of set) listener({ type: "shutdown", job: this.store.get(id)! });
    this.listeners.clear();
  }

  private liveProgress(id: string): JobProgress | undefined {
    const running = this.running.get(id);
    if (!running) return undefined;
    return { elapsedMs: this.now() - running.startedAt, ...(running.report === undefined ? {} : { report: running.report }) };
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.maxRunning) {
      const counts = new Map<string, number>();
      for (const { client } of this.running.values()) counts.set(client, (counts.get(client) ?? 0) + 1);
      const index = pickNext(this.queue, counts, this.maxRunningPerClient);
      if (index < 0) return;
      const [next] = this.queue.splice(index, 1);
      this.start(next!);
    }
  }

  private start({ id, client }: Waiting): void {
    const startedAt = this.now();
    const controller = new AbortController();
    this.store.markRunning(id, startedAt);
    const entry: Running = { client, controller, startedAt, done: Promise.resolve() };
    this.running.set(id, entry);
    this.emitStatus(id);
    entry.done = this.execute(id, entry);
  }

  private async execute(id: string, entry: Running): Promise<void> {
    let outcome: { status: "done" | "failed" | "cancelled"; resultBytes?: number; kpis?: Answer["kpis"]; error?: unknown };
    try {
      const answer = await runJob(this.capabilities, {
        kind: this.store.get(id)!.kind,
        inputJson: this.store.inputJson(id)!,
        pool: this.pool,
        signal: entry.controller.signal,
        onProgress: (report: unknown) => {
          entry.report = report;
          this.emit(id, { type: "progress", id, progress: this.liveProgress(id)! });
        },
        maxResultBytes: this.maxResultBytes,
      });
      const resultBytes = await this.store.writeResult(id, answer.body);
      outcome = { status: entry.controller.signal.aborted ? "cancelled" : "done", resultBytes, kpis: answer.kpis };
    } catch (error) {
      if (error instanceof QueueFullError && !this.abandoned.has(id)) {
        // The pool is busy with synchronous requests: wait for our turn instead of failing the job.
        this.running.delete(id);
        this.store.requeue(id, false);
        this.queue.unshift({ id, client: entry.client });
        setTimeout(() => this.pump(), 1000).unref();
        return;
      }
      outcome = { status: entry.controller.signal.aborted ? "cancelled" : "failed", error };
    }
    if (this.abandoned.has(id)) return;
    const progress = this.liveProgress(id)!;
    this.running.delete(id);
    this.meanRunMs = 0.8 * this.meanRunMs + 0.2 * progress.elapsedMs;
    this.store.finish(id, outcome.status, this.now(), {
      ...(outcome.resultBytes === undefined ? {} : { resultBytes: outcome.resultBytes, kpis: outcome.kpis }),
      ...(outcome.error === undefined ? {} : { error: jobFailure(outcome.error, id, this.log) }),
      progress,
    });
    this.emitStatus(id);
    this.pump();
  }

  private persistProgress(): void {
    for (const id of this.running.keys()) this.store.saveProgress(id, this.liveProgress(id)!);
  }

  private emitStatus(id: string): void {
    const job = this.store.get(id);
    if (job) this.emit(id, { type: "status", job });
  }

  private emit(id: string, event: JobEvent): void {
    for (const listener of this.listeners.get(id) ?? []) listener(event);
    if (event.type === "status" && FINISHED.has(event.job.status)) this.listeners.delete(id);
  }

  private retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(((this.queue.length / this.maxRunning + 1) * this.meanRunMs) / 1000));
  }
}
