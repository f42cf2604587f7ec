/**
 * Every capability hands its caller's abort signal to the pool, so a client that hangs up or a job that is
 * cancelled stops the solve (cooperatively, or by the pool replacing the thread) instead of leaving it to
 * run to its budget for nobody.
 */
import { describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import type { RunOptions, SolverPool } from "../../api/pool.ts";

/** A pool that records the options of every task it is given and refuses to run it. */
function recordingPool(): SolverPool & { readonly seen: RunOptions[] } {
  const seen: RunOptions[] = [];
  return {
    seen,
    threads: 2,
    queued: 0,
    run(_kind, _input, options) {
      seen.push(options);
      return Promise.reject(new Error("not run: recording only"));
    },
    close: async () => {},
  };
}

// Only `options` is read before a task is handed to the pool.
const request = { options: { seed: 1, timeLimitSeconds: 1, workers: 2 } } as never;

describe("capabilities pass the caller's abort signal to the pool", () => {
  for (const capability of capabilities) {
    const entries = [["run", capability.run] as const, ...(capability.runJson ? [["runJson", capability.runJson] as const] : [])];
    for (const [name, run] of entries) {
      it(`${capability.command}: ${name}`, async () => {
        const pool = recordingPool();
        const signal = new AbortController().signal;
        await expect(run(name === "runJson" ? ({ jsonChunks: [] } as never) : request, { pool, signal })).rejects.toThrow("recording only");
        expect(pool.seen.length).toBeGreaterThan(0);
        for (const options of pool.seen) expect(options.signal).toBe(signal);
      });
    }
  }
});
