/**
 * A worker speaking the pool's protocol that misbehaves on request, to test that the pool contains it:
 * `spin` ignores its deadline, `hog` takes `megabytes` of heap and then ignores its deadline (the runaway of
 * issue 13, case 1), `crash` throws, `exit` kills its thread, `cooperate` stops at the deadline or when
 * asked and says how far it got, `thread` names the thread it ran on, `echo` answers at once.
 */
import { threadId } from "node:worker_threads";
import type { TaskReply, TaskRequest } from "../../api/task-protocol.ts";

export default function run(request: TaskRequest): TaskReply {
  const stop = new Int32Array(request.stopFlag);
  const deadline = Date.now() + request.budgetMs;
  request.progressPort.postMessage({ type: "started", deadlineEpochMs: deadline });
  const { mode, megabytes = 0 } = request.input as { mode: string; megabytes?: number };
  switch (mode) {
    case "spin":
      for (;;) {
        // busy forever: only the hard abort ends this
      }
    case "hog": {
      // Arrays of a million doubles, 8 MB each, on the JS heap, kept until the thread is stopped.
      const kept: number[][] = [];
      for (let mb = 0; mb < megabytes; mb += 8) kept.push(new Array<number>(1_000_000).fill(mb + 0.5));
      request.progressPort.postMessage({ type: "progress", report: { allocatedMegabytes: megabytes } });
      for (;;) {
        if (kept.length < 0) break; // never: keeps `kept` alive while spinning
      }
      return { ok: true, value: null };
    }
    case "crash":
      throw new Error("solver bug: index out of range");
    case "exit":
      return process.exit(7);
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
