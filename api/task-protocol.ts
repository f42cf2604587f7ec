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
  /** Cooperative budget in milliseconds, counted from `budgetFrom`, else from when the task reaches a thread. */
  budgetMs: number;
  /** Epoch milliseconds the budget counts from: when the request arrived, for an answer due within its time limit. */
  budgetFrom?: number | undefined;
  /** Int32Array(1) over a SharedArrayBuffer; 1 = the caller asked to stop early (keep the best so far). */
  stopFlag: SharedArrayBuffer;
  /** The worker says `started` on it when the task reaches a thread, then sends the messages below. */
  progressPort: MessagePort;
}

/**
 * `started` carries the cooperative deadline (epoch ms), `deadline` a new one with the time the task then
 * still needs to write its answer: the pool stops the thread a grace period after that. A task moves its
 * deadline once it knows its time limit (it is in the request, which only the worker parses); `parsed` tells
 * the caller what it needs of the request (a search's workers and seed).
 */
export type WorkerMessage =
  | { type: "started"; deadlineEpochMs: number }
  | { type: "deadline"; deadlineEpochMs: number }
  | { type: "parsed"; info: unknown }
  | { type: "progress"; report: unknown };

export type TaskReply =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: ErrorCode; message: string; problems?: Problem[] } };

/** What a task handler gets besides its input: time, cancellation and a channel to its caller. */
export interface TaskContext {
  /** Epoch milliseconds the task's budget counts from (the request's arrival, or the task's start). */
  readonly budgetFrom: number;
  /** Cooperative deadline as epoch milliseconds. */
  readonly deadlineEpochMs: number;
  /**
   * Moves the deadline: a task that learnt its time limit from its request. The pool's hard stop moves to a
   * grace period after `epochMs + answerMs`, the time the task keeps after its deadline to write its answer.
   */
  setDeadline(epochMs: number, answerMs?: number): void;
  /** Monotonic milliseconds (performance.now of the worker). */
  clock(): number;
  /** Milliseconds left before the cooperative deadline (may be negative). */
  remainingMs(): number;
  /** True once the deadline passed or the caller asked to stop. */
  shouldStop(): boolean;
  progress(report: unknown): void;
  /** Tells the caller what the request says, once it is parsed (RunOptions.onParsed). */
  parsed(info: unknown): void;
}

export type TaskHandler = (input: never, context: TaskContext) => unknown;
