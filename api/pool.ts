/**
 * The solver pool: every solve runs on a piscina worker thread, never on the event loop.
 *
 * Each task has a time budget. The solver gets it as a cooperative deadline and returns its best answer by
 * then; should it not (a bug, a pathological model), the task is aborted `graceMs` later, piscina replaces
 * the worker, and only that request fails. A worker that throws or dies likewise fails only its own task.
 */
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { ModelError, QueueFullError, TaktError, TaskFailedError } from "../src/errors.ts";
import { BadRequestError } from "./request-validation.ts";
import type { TaskReply, TaskRequest, WorkerMessage } from "./task-protocol.ts";
import type { TaskKind } from "./tasks.ts";

export interface PoolOptions {
  /** Worker threads; default: the cores available. */
  threads?: number;
  /** Tasks that may wait for a thread before new ones are refused with 503; default 64. */
  maxQueue?: number;
  /** How long past its budget a task may run before it is killed; default 500 ms. */
  graceMs?: number;
  /** Threads for the LP tasks (capacity, bottleneck), besides `threads`; default 1. */
  lpThreads?: number;
  /** The worker module (tests swap in misbehaving ones); default api/worker. */
  workerUrl?: URL;
}

export interface RunOptions {
  /** Cooperative time budget in milliseconds. */
  budgetMs: number;
  /** Aborting asks the task to stop early and return its best answer (hard abort after graceMs). */
  signal?: AbortSignal | undefined;
  onProgress?: ((report: unknown) => void) | undefined;
}

export interface SolverPool {
  run<T = unknown>(kind: TaskKind, input: unknown, options: RunOptions): Promise<T>;
  readonly threads: number;
  /** Tasks waiting for a thread. */
  readonly queued: number;
  close(): Promise<void>;
}

/**
 * Where this module lives decides how workers start: compiled or bundled JS (bin/bundle.mjs) runs as is,
 * TypeScript (tests) needs tsx's loader.
 */
function workerExecArgv(workerUrl: URL): string[] | undefined {
  if (!workerUrl.pathname.endsWith(".ts")) return undefined;
  // Test runners do not hand their TypeScript loader on to worker threads, so name tsx explicitly.
  const tsx = createRequire(import.meta.url).resolve("tsx");
  return ["--import", pathToFileURL(tsx).href];
}

/**
 * The worker sits beside this module: worker.ts beside the sources (tests, through tsx), worker.js beside
 * tsc's build, worker.cjs beside bin/bundle.mjs's ES module bundles (it says why CommonJS).
 */
const WORKER_EXTENSION: Readonly<Record<string, string>> = { ".ts": ".ts", ".js": ".js", ".mjs": ".cjs" };

/** Threads of one kind of work and the piscina that runs tasks on them. */
interface Lane {
  readonly threads: number;
  readonly piscina: Piscina<TaskRequest, TaskReply>;
}

/**
 * Tasks that solve LPs with HiGHS run on threads of their own. HiGHS's WebAssembly memory grows on large
 * models, and growing detaches its old buffer: from then on V8 runs every typed-array loop in that thread
 * 25–40 % slower (measured: the MRP netting yardstick 58 → 76 ms after one 60,000-variable LP). Kept apart,
 * the searches' and MRP's threads stay fast.
 */
const LP_TASKS: ReadonlySet<string> = new Set<TaskKind>(["capacity", "bottleneck"]);

export function createSolverPool(options: PoolOptions = {}): SolverPool {
  const workerUrl = options.workerUrl ?? new URL(`./worker${WORKER_EXTENSION[extname(fileURLToPath(import.meta.url))] ?? ".js"}`, import.meta.url);
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const maxQueue = options.maxQueue ?? 64;
  const graceMs = options.graceMs ?? 500;
  const execArgv = workerExecArgv(workerUrl);
  const lane = (laneThreads: number, warm: boolean): Lane => ({
    threads: laneThreads,
    piscina: new Piscina<TaskRequest, TaskReply>({
      filename: fileURLToPath(workerUrl),
      // Warm threads: a planner's first request should not pay for starting them.
      minThreads: warm ? laneThreads : 0,
      maxThreads: laneThreads,
      maxQueue,
      idleTimeout: 60_000,
      ...(execArgv ? { execArgv } : {}),
    }),
  });
  const searches = lane(threads, true);
  // Started on the first LP task: most runs solve none, and a pool closed while a spare thread is still
  // loading its worker module is best avoided (see bin/bundle.mjs).
  const lp = lane(options.lpThreads ?? 1, false);

  async function run<T>(kind: TaskKind, input: unknown, { budgetMs, signal, onProgress }: RunOptions): Promise<T> {
    const { piscina, threads: laneThreads } = LP_TASKS.has(kind) ? lp : searches;
    const retryAfterSeconds = () => Math.max(1, Math.ceil(((piscina.queueSize / laneThreads + 1) * budgetMs) / 1000));
    if (piscina.queueSize >= maxQueue) throw new QueueFullError(retryAfterSeconds());
    const stopFlag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const hardAbort = new AbortController();
    let killer: NodeJS.Timeout | undefined;
    // The budget starts when the task reaches a thread, not when it enters the queue.
    port1.on("message", (message: WorkerMessage) => {
      if (message.type === "started") killer = setTimeout(() => hardAbort.abort(), budgetMs + graceMs);
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
      const request: TaskRequest = { kind, input, budgetMs, stopFlag, progressPort: port2 };
      const reply = await piscina.run(request, { signal: hardAbort.signal, transferList: [port2] });
      if (reply.ok) return reply.value as T;
      if (reply.error.code === "TAKT_ERR_BAD_REQUEST") throw new BadRequestError(reply.error.problems ?? []);
      if (reply.error.problems) throw new ModelError(reply.error.problems, reply.error.code);
      throw new TaktError(reply.error.code, reply.error.message);
    } catch (error) {
      if (error instanceof TaktError) throw error;
      if (error instanceof Error && error.message === "Task queue is at limit") throw new QueueFullError(retryAfterSeconds());
      if (hardAbort.signal.aborted) {
        const why = stopRequested
          ? `was asked to stop (cancelled, or its client disconnected) and had not within ${graceMs} ms`
          : `ran past its time budget of ${budgetMs} ms`;
        throw new TaskFailedError(`the ${kind} task ${why}; its thread was stopped`, { cause: error });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new TaskFailedError(`the ${kind} task failed in its worker: ${detail}`, { cause: error });
    } finally {
      clearTimeout(killer);
      signal?.removeEventListener("abort", requestStop);
      port1.close();
    }
  }

  return {
    run,
    threads,
    get queued() {
      return searches.piscina.queueSize + lp.piscina.queueSize;
    },
    close: async () => {
      await Promise.all([searches.piscina.destroy(), lp.piscina.destroy()]);
    },
  };
}
