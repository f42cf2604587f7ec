/**
 * A worker speaking the pool's protocol that misbehaves on request, to test that the pool contains it:
 * `spin` ignores its deadline, `crash` throws, `exit` kills its thread, `cooperate` stops at the deadline
 * or when asked and says how far it got, `thread` names the thread it ran on, `echo` answers at once.
 */
import { threadId } from "node:worker_threads";
import type { TaskReply, TaskRequest } from "../../api/task-protocol.ts";

export default function run(request: TaskRequest): TaskReply {
  const stop = new Int32Array(request.stopFlag);
  const deadline = Date.now() + request.budgetMs;
  request.progressPort.postMessage({ type: "started", deadlineEpochMs: deadline });
  const mode = (request.input as { mode: string }).mode;
  switch (mode) {
    case "spin":
      for (;;) {
        // busy forever: only the hard abort ends this
      }
    case "crash":
      throw new Error("solver bug: index out of range");
    case "exit":
      process.exit(7);
    case "cooperate": {
      let iterations = 0;
      while (Atomics.load(stop, 0) === 0 && Date.now() < deadline) {
        iterations++;
        if (iterations % 100_000 === 0) request.progressPort.postMessage({ type: "progress", report: { iterations } });
      }
      return { ok: true, value: { iterations, stoppedEarly: Atomics.load(stop, 0) === 1 } };
    }
    case "thread":
      return { ok: true, value: { threadId } };
    default:
      return { ok: true, value: { echo: request.input } };
  }
}
