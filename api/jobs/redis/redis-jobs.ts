/**
 * The Redis JobBackend (`takt serve --redis URL`): jobs are recorded in Redis (redis-job-store.ts) and put on
 * the BullMQ queue `solve`, which solver workers on any machine take them from (redis-worker.ts); this API
 * node runs `workers` of them itself (0: an API-only node).
 *
 * Submitting records the jobs, then queues them; if queueing fails the records are deleted again and the
 * client gets a 503, so an accepted job (a 202) is one BullMQ holds. With Redis persisting every write (AOF,
 * `appendfsync everysec` or stricter; README, Scaling out) it survives a Redis restart too.
 *
 * An API process that dies between the two writes leaves records no worker would ever run. Each record is
 * therefore written with a mark (`P:submitting`) that is cleared once BullMQ holds the job, and every API node
 * sweeps the marks when it starts and every `recoverySweepMs` (recoverSubmissions): a job still `queued` is put
 * on the queue. BullMQ adds a job id only once, and a worker starts a job only from `queued` (taktStart), so
 * sweeping a submission still under way on another node, two nodes sweeping at once or a sweep run twice
 * queue and run each job once.
 *
 * Redis unreachable: every route answers 503 with Retry-After at once (redis-connection.ts), and the
 * service recovers by itself when Redis is back. Events: workers publish status changes and progress, and
 * this node relays them to its SSE streams; a stream's job is also re-read every few seconds, so a status
 * published while this node was disconnected is not missed.
 */
import { once } from "node:events";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Capability } from "../../capability.ts";
import type { SolverPool } from "../../pool.ts";
import { QueueFullError } from "../../../src/errors.ts";
import type { JobLog } from "../job-execution.ts";
import type { JobBackend, JobEvent, JobFilter, JobResult, NewBatch } from "../job-backend.ts";
import type { BatchRecord, JobStatus, JobSummary, NewJob } from "../job-store.ts";
import { FINISHED } from "../job-store.ts";
import type { KpiValue } from "../kpis.ts";
import { DEFAULT_REDIS_PREFIX, failFastConnection, waitingConnection, whileAvailable } from "./redis-connection.ts";
import type { RedisBackendOptions } from "./redis-connection.ts";
import { RedisJobStore } from "./redis-job-store.ts";
import type { QueuedJob, RedisWorkerOptions } from "./redis-worker.ts";
import { QUEUE_NAME, RedisWorker } from "./redis-worker.ts";

export interface RedisJobsOptions
  extends RedisBackendOptions,
    Pick<RedisWorkerOptions, "maxRunningPerClient" | "maxResultBytes" | "progressPersistMs" | "lockDurationMs" | "now"> {
  pool: SolverPool;
  capabilities: ReadonlyArray<Capability>;
  /** Jobs this API node runs itself; 0 for an API-only node. */
  workers: number;
  /** Jobs that may wait before submissions get 503; default 1000. */
  maxQueued?: number;
  /** How often this node re-queues submissions a crashed API process left unqueued, ms; default 60,000 (and once at start). */
  recoverySweepMs?: number;
  /** Finished jobs are deleted this long after they finish, ms; default 7 days. */
  retentionMs?: number;
  /** How long closing waits for this node's running jobs before re-queueing them, ms; default 5000. */
  shutdownGraceMs?: number;
  log?: JobLog;
}

/** How long starting waits for Redis before it serves anyway (503s until Redis is reachable), ms. */
const STARTUP_WAIT_MS = 5000;

/** How often the jobs followed by SSE streams are re-read, ms (a lost pub/sub message delays an event by at most this). */
const FOLLOW_POLL_MS = 2000;

/** Default interval of the sweep that re-queues submissions a crashed API process left unqueued, ms. */
const RECOVERY_SWEEP_MS = 60_000;

/** Submission marks one round of the sweep reads. */
const RECOVERY_PAGE = 500;

/** The BullMQ job standing for a Takt job: its id is the Takt job's, so adding it again changes nothing. */
function queueEntry(job: { id: string; kind: string; client: string }) {
  return { name: job.kind, data: { id: job.id, client: job.client }, opts: { removeOnComplete: true, removeOnFail: true, attempts: 1, jobId: job.id } };
}

/** What workers publish (redis-worker.ts). */
type Published = { type: "status"; job: JobSummary } | { type: "progress"; id: string; progress: NonNullable<JobSummary["progress"]> };

export class RedisJobs implements JobBackend {
  readonly now: () => number;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly store: RedisJobStore;
  private readonly queue: Queue<QueuedJob>;
  private readonly listeners = new Map<string, { status: JobStatus; callbacks: Set<(event: JobEvent) => void> }>();
  private readonly poll: NodeJS.Timeout;
  private sweep: NodeJS.Timeout | undefined;
  private readonly retentionMs: number;
  private lastExpiry = -Infinity;
  private worker: RedisWorker | undefined;

  constructor(private readonly options: RedisJobsOptions) {
    const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.redis = failFastConnection(options.url);
    this.redis.on("error", () => {}); // reported as 503s; ioredis reconnects by itself
    this.store = new RedisJobStore(this.redis, prefix);
    this.queue = new Queue<QueuedJob>(QUEUE_NAME, { connection: this.redis, prefix });
    this.queue.on("error", () => {});
    this.subscriber = waitingConnection(options.url);
    this.subscriber.on("error", () => {});
    void this.subscriber.subscribe(this.store.keys.events);
    this.subscriber.on("message", (_channel: string, message: string) => this.relay(JSON.parse(message) as Published));
    this.poll = setInterval(() => void this.refreshFollowed(), FOLLOW_POLL_MS);
    this.poll.unref();
  }

  async start(): Promise<void> {
    // A moment for the first connection, so the first requests do not get a 503; an unreachable Redis does not
    // keep the service from starting (its routes answer 503 until Redis is there).
    if (this.redis.status !== "ready") await Promise.race([once(this.redis, "ready").catch(() => undefined), new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS).unref())]);
    if (this.options.workers > 0) {
      this.worker = new RedisWorker({ ...this.options, concurrency: this.options.workers, now: this.now });
    }
    const sweep = () => this.recoverSubmissions().catch((error: unknown) => this.options.log?.warn({ err: error }, "job recovery sweep: Redis error (retried)"));
    await sweep();
    this.sweep = setInterval(() => void sweep(), this.options.recoverySweepMs ?? RECOVERY_SWEEP_MS);
    this.sweep.unref();
  }

  /**
   * Queues the jobs whose submission did not finish (the process died between recording and queueing them)
   * and clears their marks; a mark whose job is no longer queued (cancelled, started, gone) is just cleared.
   * Returns how many jobs it put on the queue (already there counts too: BullMQ keeps one job per id).
   */
  async recoverSubmissions(): Promise<number> {
    let queued = 0;
    for (;;) {
      const marked = await this.store.submitting(RECOVERY_PAGE);
      const waiting = marked.flatMap((job) => (job.status === "queued" ? [{ id: job.id, kind: job.kind!, client: job.client! }] : []));
      if (waiting.length > 0) await this.queue.addBulk(waiting.map(queueEntry));
      await this.store.submitted(marked.map((job) => job.id));
      queued += waiting.length;
      if (marked.length < RECOVERY_PAGE) return queued;
    }
  }

  async submit(jobs: ReadonlyArray<NewJob>, batch?: NewBatch): Promise<void> {
    await whileAvailable(this.redis, async () => {
      await this.expireOld();
      const maxQueued = this.options.maxQueued ?? 1000;
      const waiting = await this.queue.count();
      if (waiting + jobs.length > maxQueued) throw new QueueFullError(Math.max(5, Math.ceil(waiting / 10)));
      await this.store.insert(jobs, batch);
      try {
        await this.queue.addBulk(jobs.map(queueEntry));
      } catch (error) {
        await this.store.remove(jobs.map((job) => job.id), jobs.map((job) => job.client), batch?.id).catch(() => {});
        throw error;
      }
      // The jobs are accepted now; a mark left behind (Redis went away just here) is cleared by the next sweep.
      await this.store.submitted(jobs.map((job) => job.id)).catch(() => {});
    });
  }

  get(id: string): Promise<JobSummary | undefined> {
    return this.read(() => this.store.get(id, this.now()));
  }

  list(filter: JobFilter): Promise<JobSummary[]> {
    return this.read(() => this.store.list(filter, this.now()));
  }

  batch(id: string): Promise<BatchRecord | undefined> {
    return this.read(() => this.store.batch(id, this.now()));
  }

  result(id: string): Promise<JobResult | undefined> {
    return whileAvailable(this.redis, () => this.store.result(id));
  }

  inputJson(id: string): Promise<string | undefined> {
    return whileAvailable(this.redis, () => this.store.inputJson(id));
  }

  saveKpis(id: string, kpis: Record<string, KpiValue>): Promise<void> {
    return whileAvailable(this.redis, () => this.store.saveKpis(id, kpis));
  }

  async cancel(id: string): Promise<JobSummary | undefined> {
    return whileAvailable(this.redis, async () => {
      const was = await this.store.cancel(id, this.now());
      if (was === "queued") {
        // Its BullMQ job goes too; if a worker holds it already, taktStart sees `cancelled` and skips it.
        await this.queue.remove(id).catch(() => 0);
      }
      if (was === "running") await this.redis.publish(this.store.keys.cancel, id);
      const job = await this.store.get(id, this.now());
      if (job && was === "queued") await this.redis.publish(this.store.keys.events, JSON.stringify({ type: "status", job }));
      return job;
    });
  }

  subscribe(job: Pick<JobSummary, "id" | "status">, listener: (event: JobEvent) => void): () => void {
    const { id } = job;
    let followed = this.listeners.get(id);
    if (!followed) this.listeners.set(id, (followed = { status: job.status, callbacks: new Set() }));
    const { callbacks } = followed;
    callbacks.add(listener);
    return () => {
      callbacks.delete(listener);
      if (callbacks.size === 0) this.listeners.delete(id);
    };
  }

  async close(): Promise<void> {
    clearInterval(this.poll);
    clearInterval(this.sweep);
    await this.worker?.close(this.options.shutdownGraceMs);
    for (const [id, followed] of this.listeners) {
      const job = await this.store.get(id, this.now()).catch(() => undefined);
      if (job) for (const listener of followed.callbacks) listener({ type: "shutdown", job });
    }
    this.listeners.clear();
    await this.queue.close().catch(() => {});
    this.subscriber.disconnect();
    this.redis.disconnect();
  }

  /** Reads after deleting what is past the retention (at most once a clock minute, as the SQLite runner does). */
  private read<T>(work: () => Promise<T>): Promise<T> {
    return whileAvailable(this.redis, async () => {
      await this.expireOld();
      return work();
    });
  }

  private async expireOld(): Promise<void> {
    const now = this.now();
    if (now - this.lastExpiry < 60_000) return;
    this.lastExpiry = now;
    await this.store.expire(now - this.retentionMs);
  }

  private relay(message: Published): void {
    if (message.type === "status") return this.emitStatus(message.job);
    for (const listener of this.listeners.get(message.id)?.callbacks ?? []) listener(message);
  }

  private emitStatus(job: JobSummary): void {
    const followed = this.listeners.get(job.id);
    if (!followed || followed.status === job.status) return;
    followed.status = job.status;
    for (const listener of followed.callbacks) listener({ type: "status", job });
    if (FINISHED.has(job.status)) this.listeners.delete(job.id);
  }

  private async refreshFollowed(): Promise<void> {
    for (const id of this.listeners.keys()) {
      const job = await this.store.get(id, this.now()).catch(() => undefined);
      if (job) this.emitStatus(job);
    }
  }
}
