/**
 * The solver pool: every solve runs on a piscina worker thread, never on the event loop.
 *
 * Each task has a time budget. The solver gets it as a cooperative deadline and returns its best answer by
 * then; should it not (a bug, a pathological model), the task is aborted `graceMs` later: piscina terminates
 * its thread and starts a new one, so the pool keeps its thread count, and only that request fails
 * (TaskStoppedError). Every thread has a heap limit (`threadMemoryMb`): a task that needs more fails with
 * TaskMemoryError, its thread is replaced, and the host's memory is not at stake. A worker that throws or dies
 * fails only its own task (TaskFailedError: a bug).
 *
 * Work for jobs (`batch`) never takes every thread of a lane: at most `threads − 1` (at least 1) of its tasks
 * run at once, the rest wait here, so a synchronous request finds a thread free or waits for at most
 * another synchronous task.
 */
import { availableParallelism, totalmem } from "node:os";
import { extname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { ModelError, QueueFullError, TaktError, TaskFailedError, TaskMemoryError, TaskStoppedError } from "../src/errors.ts";
import { BadRequestError } from "./request-validation.ts";
import type { TaskReply, TaskRequest, WorkerMessage } from "./task-protocol.ts";
import type { TaskKind } from "./tasks.ts";

export interface PoolOptions {
  /** Worker threads for searches, MRP and validation; default: the cores available. */
  threads?: number;
  /** Tasks that may wait for a thread before new ones are refused with 503; default 64. */
  maxQueue?: number;
  /** How long past its deadline a task may run before its thread is stopped; default 500 ms. */
  graceMs?: number;
  /** Threads for the LP tasks (capacity, bottleneck), besides `threads`, started on demand; default 2 (one stays free of jobs). */
  lpThreads?: number;
  /** Heap limit of each thread, MB; default half the machine's memory shared by all threads, between 512 and 4,096. */
  threadMemoryMb?: number;
  /** Keep a thread of every lane free of jobs' tasks (see the header); default true. A CLI batch with nobody else to serve turns it off. */
  reserveForRequests?: boolean;
  /** The worker module (tests swap in misbehaving ones); default api/worker. */
  workerUrl?: URL;
}

export interface RunOptions {
  /** Cooperative time budget in milliseconds, counted from `budgetFrom`, else from when the task reaches a thread. */
  budgetMs: number;
  /** Epoch ms the budget counts from: the request's arrival, when the answer is due within a time limit. */
  budgetFrom?: number | undefined;
  /** Aborting asks the task to stop early and return its best answer (hard abort after graceMs). */
  signal?: AbortSignal | undefined;
  onProgress?: ((report: unknown) => void) | undefined;
  /** Called once the worker has parsed the request and says what the caller needs of it. */
  onParsed?: ((info: unknown) => void) | undefined;
  /** Work for a job: runs on at most threads − 1 of the lane's threads (see the header). */
  batch?: boolean | undefined;
}

export interface SolverPool {
  run<T = unknown>(kind: TaskKind, input: unknown, options: RunOptions): Promise<T>;
  /** Search threads (the lane of searches, MRP and validation). */
  readonly threads: number;
  /** Search threads a job's tasks may use at once. */
  readonly batchThreads: number;
  /** Tasks waiting for a thread (jobs' tasks waiting for their share included). */
  readonly queued: number;
  /** Threads alive now, over both lanes (a stopped thread is replaced at once on the search lane). */
  liveThreads(): number;
  /**
   * Resolves once every search thread has loaded the worker: a request's time limit counts from its arrival,
   * so the first one should not pay for starting threads (the app waits for this before it is ready).
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where this module lives decides how workers start: the build (bin/build.mjs) runs as is, TypeScript
 * (tests) needs tsx's loader.
 */
function workerExecArgv(workerUrl: URL): string[] | undefined {
  if (!workerUrl.pathname.endsWith(".ts")) return undefined;
  // Test runners do not hand their TypeScript loader on to worker threads, so name tsx explicitly.
  const tsx = createRequire(import.meta.url).resolve("tsx");
  return ["--import", pathToFileURL(tsx).href];
}

/**
 * The worker sits beside this module: worker.ts beside the sources (tests, through tsx), worker.cjs beside
 * the build's ES module bundles (bin/build.mjs says why CommonJS).
 */
const WORKER_EXTENSION: Readonly<Record<string, string>> = { ".ts": ".ts", ".mjs": ".cjs" };

/** Jobs' tasks that may run at once on a lane; the others wait in line. */
class BatchShare {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(readonly size: number) {}

  get queued(): number {
    return this.waiting.length;
  }

  async acquire(): Promise<void> {
    if (this.running < this.size) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** Threads of one kind of work, the piscina that runs tasks on them, and the share jobs may take. */
interface Lane {
  readonly threads: number;
  readonly piscina: Piscina<TaskRequest, TaskReply>;
  readonly batch: BatchShare;
}

/**
 * Tasks that solve LPs with HiGHS run on threads of their own. HiGHS's WebAssembly memory grows on large
 * models, and growing detaches its old buffer: from then on V8 runs every typed-array loop in that thread
 * 25–40 % slower (measured: the MRP netting yardstick 58 → 76 ms after one 60,000-variable LP). Kept apart,
 * the searches' and MRP's threads stay fast.
 */
const LP_TASKS: ReadonlySet<string> = new Set<TaskKind>(["capacity", "bottleneck"]);

const MB = 1024 * 1024;

export function createSolverPool(options: PoolOptions = {}): SolverPool {
  const workerUrl = options.workerUrl ?? new URL(`./worker${WORKER_EXTENSION[extname(fileURLToPath(import.meta.url))] ?? ".cjs"}`, import.meta.url);
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const lpThreads = options.lpThreads ?? 2;
  const maxQueue = options.maxQueue ?? 64;
  const graceMs = options.graceMs ?? 500;
  const threadMemoryMb = options.threadMemoryMb ?? Math.min(4096, Math.max(512, Math.floor(totalmem() / MB / 2 / (threads + lpThreads))));
  const execArgv = workerExecArgv(workerUrl);
  const lane = (laneThreads: number, warm: boolean): Lane => ({
    threads: laneThreads,
    batch: new BatchShare(options.reserveForRequests === false ? laneThreads : Math.max(1, laneThreads - 1)),
    piscina: new Piscina<TaskRequest, TaskReply>({
      filename: fileURLToPath(workerUrl),
      // Warm threads: a planner's first request should not pay for starting them.
      minThreads: warm ? laneThreads : 0,
      maxThreads: laneThreads,
      maxQueue,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: threadMemoryMb },
      ...(execArgv ? { execArgv } : {}),
    }),
  });
  const searches = lane(threads, true);
  // Started on the first LP task: most runs solve none, and a pool closed while a spare thread is still
  // loading its worker module is best avoided (see bin/build.mjs).
  const lp = lane(lpThreads, false);

  async function runOnThread<T>(kind: TaskKind, input: unknown, laneOf: Lane, { budgetMs, budgetFrom, signal, onProgress, onParsed }: RunOptions): Promise<T> {
    const { piscina, threads: laneThreads } = laneOf;
    const retryAfterSeconds = () => Math.max(1, Math.ceil(((piscina.queueSize / laneThreads + 1) * budgetMs) / 1000));
    if (piscina.queueSize >= maxQueue) throw new QueueFullError(retryAfterSeconds());
    const stopFlag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const hardAbort = new AbortController();
    let killer: NodeJS.Timeout | undefined;
    let budgetShown = budgetMs;
    let startedAt = Date.now();
    // The thread is stopped a grace period after the deadline the worker reports: when the task reaches a
    // thread, and again when the task moves it (a search learns its time limit from its request).
    const armKiller = (deadlineEpochMs: number) => {
      clearTimeout(killer);
      killer = setTimeout(() => hardAbort.abort(), Math.max(0, deadlineEpochMs - Date.now()) + graceMs);
    };
    port1.on("message", (message: WorkerMessage) => {
      if (message.type === "started") startedAt = Date.now();
      if (message.type === "deadline") budgetShown = Math.round(message.deadlineEpochMs - (budgetFrom ?? startedAt));
      if (message.type === "started" || message.type === "deadline") armKiller(message.deadlineEpochMs);
      else if (message.type === "parsed") onParsed?.(message.info);
      else onProgress?.(message.report);
    });
    let stopRequested = false;
    const requestStop = () => {
      stopRequested = true;
      Atomics.store(new Int32Array(stopFlag), 0, 1);
      setTimeout(() => hardAbort.abort(), graceMs).unref();
    };
    if (signal?.aborted) requestStop();
    else signal?.addEventListener("abort", requestStop, { once: true });
    try {
      const request: TaskRequest = { kind, input, budgetMs, budgetFrom, stopFlag, progressPort: port2 };
      const reply = await piscina.run(request, { signal: hardAbort.signal, transferList: [port2] });
      if (reply.ok) return reply.value as T;
      if (reply.error.code === "TAKT_ERR_BAD_REQUEST") throw new BadRequestError(reply.error.problems ?? []);
      if (reply.error.problems) throw new ModelError(reply.error.problems, reply.error.code);
      throw new TaktError(reply.error.code, reply.error.message);
    } catch (error) {
      if (error instanceof TaktError) throw error;
      if (error instanceof Error && error.message === "Task queue is at limit") throw new QueueFullError(retryAfterSeconds());
      if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
        throw new TaskMemoryError(`the ${kind} task needed more than the ${threadMemoryMb} MB a solver thread may use; its thread was replaced`, { cause: error });
      }
      if (hardAbort.signal.aborted) {
        const why = stopRequested
          ? `was asked to stop (cancelled, or its client disconnected) and had not within ${graceMs} ms`
          : `ran past its time budget of ${budgetShown} ms`;
        throw new TaskStoppedError(`the ${kind} task ${why}; its thread was stopped and replaced`, { cause: error });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new TaskFailedError(`the ${kind} task failed in its worker: ${detail}`, { cause: error });
    } finally {
      clearTimeout(killer);
      signal?.removeEventListener("abort", requestStop);
      port1.close();
    }
  }

  async function run<T>(kind: TaskKind, input: unknown, runOptions: RunOptions): Promise<T> {
    const laneOf = LP_TASKS.has(kind) ? lp : searches;
    if (!runOptions.batch) return runOnThread<T>(kind, input, laneOf, runOptions);
    await laneOf.batch.acquire();
    try {
      return await runOnThread<T>(kind, input, laneOf, runOptions);
    } finally {
      laneOf.batch.release();
    }
  }

  return {
    run,
    threads,
    batchThreads: searches.batch.size,
    get queued() {
      return searches.piscina.queueSize + lp.piscina.queueSize + searches.batch.queued + lp.batch.queued;
    },
    liveThreads: () => searches.piscina.threads.length + lp.piscina.threads.length,
    // One task per thread at once: each holds its thread a moment, so every thread gets one.
    warm: async () => {
      await Promise.all(Array.from({ length: threads }, () => run("warm", {}, { budgetMs: 60_000 })));
    },
    close: async () => {
      await Promise.all([searches.piscina.destroy(), lp.piscina.destroy()]);
    },
  };
}
