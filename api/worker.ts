/**
 * The thread side of the solver pool: one thin function. It looks up the task handler, gives it time and
 * cancellation, and turns domain errors into plain data. Anything else it lets fly: the pool reports it.
 */
import { setPriority } from "node:os";
import { performance } from "node:perf_hooks";
import { ModelError, TaktError } from "../src/errors.ts";
import { BadRequestError } from "./request-validation.ts";
import type { TaskContext, TaskHandler, TaskReply, TaskRequest, WorkerMessage } from "./task-protocol.ts";
import { taskHandlers } from "./tasks.ts";

const PROGRESS_INTERVAL_MS = 200;

/**
 * Solver threads run at a lower priority than the event loop: with every core busy solving, the main thread
 * still gets a core as soon as a request arrives, so /health and new requests are answered while the solvers
 * run. Linux sets a thread's own priority this way (elsewhere it would be the whole process's: left alone).
 */
const SOLVER_NICE = 5;
if (process.platform === "linux") {
  try {
    setPriority(SOLVER_NICE);
  } catch {
    // Not allowed here (a sandbox): the threads run at the process's priority.
  }
}

export default async function runTask(request: TaskRequest): Promise<TaskReply> {
  const handler = (taskHandlers as Record<string, TaskHandler | undefined>)[request.kind];
  if (!handler) throw new TypeError(`unknown solver task "${request.kind}"`);
  const stop = new Int32Array(request.stopFlag);
  const port = request.progressPort;
  const budgetFrom = request.budgetFrom ?? Date.now();
  let deadlineEpochMs = budgetFrom + request.budgetMs;
  const post = (message: WorkerMessage) => port.postMessage(message);
  post({ type: "started", deadlineEpochMs });
  let lastProgress = 0;
  const context: TaskContext = {
    budgetFrom,
    get deadlineEpochMs() {
      return deadlineEpochMs;
    },
    setDeadline(epochMs, answerMs = 0) {
      deadlineEpochMs = epochMs;
      post({ type: "deadline", deadlineEpochMs: epochMs + answerMs });
    },
    clock: () => performance.now(),
    remainingMs: () => deadlineEpochMs - Date.now(),
    shouldStop: () => Atomics.load(stop, 0) === 1 || Date.now() >= deadlineEpochMs,
    progress: (report) => {
      // Searches report every improvement; the caller needs a few updates a second, not thousands.
      const now = Date.now();
      if (now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      post({ type: "progress", report });
    },
    parsed: (info) => post({ type: "parsed", info }),
  };
  try {
    // JSON text (json-body.ts) lies in shared memory: posted as it is, it is shared, neither copied nor
    // transferred (a transfer would slow every later task on this thread: see newChunk in json-writer.ts).
    return { ok: true, value: await handler(request.input as never, context) };
  } catch (error) {
    if (error instanceof ModelError || error instanceof BadRequestError) return { ok: false, error: { code: error.code, message: error.message, problems: error.problems } };
    if (error instanceof TaktError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  } finally {
    port.close();
  }
}
