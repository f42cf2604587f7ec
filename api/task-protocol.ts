/**
 * The typed messages between the main thread and a solver worker. Plain data only: class identity does
 * not survive structured cloning, so domain errors travel as `{ code, problems }` and are rebuilt by the pool.
 */
import type { MessagePort } from "node:worker_threads";
import type { ErrorCode } from "../src/errors.ts";
import type { Problem } from "../src/problem.ts";

export interface TaskRequest {
  kind: string;
  input: unknown;
  /** Cooperative budget in milliseconds, counted from when the task reaches a thread. */
  budgetMs: number;
  /** Int32Array(1) over a SharedArrayBuffer; 1 = the caller asked to stop early (keep the best so far). */
  stopFlag: SharedArrayBuffer;
  /** The worker says `started` on it when the task reaches a thread, then sends progress reports. */
  progressPort: MessagePort;
}

export type WorkerMessage = { type: "started" } | { type: "progress"; report: unknown };

export type TaskReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; problems?: Problem[] } };

/** What a task handler gets besides its input: time, cancellation and a progress channel. */
export interface TaskContext {
  /** Cooperative deadline as epoch milliseconds. */
  readonly deadlineEpochMs: number;
  /** Monotonic milliseconds (performance.now of the worker). */
  clock(): number;
  /** Milliseconds left before the cooperative deadline (may be negative). */
  remainingMs(): number;
  /** True once the deadline passed or the caller asked to stop. */
  shouldStop(): boolean;
  progress(report: unknown): void;
}

export type TaskHandler = (input: never, context: TaskContext) => unknown;
