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
    batchThreads: 1,
    queued: 0,
    liveThreads: () => 2,
    warm: async () => {},
    run(_kind, _input, options) {
      seen.push(options);
      return Promise.reject(new Error("not run: recording only"));
    },
    close: async () => {},
  };
}

// The main thread never reads the request: any text will do.
const request = { jsonChunks: [Buffer.from("{}")] };

describe("capabilities pass the caller's abort signal to the pool", () => {
  for (const capability of capabilities) {
    it(capability.command, async () => {
      const pool = recordingPool();
      const signal = new AbortController().signal;
      await expect(capability.run(request, { pool, signal })).rejects.toThrow("recording only");
      expect(pool.seen.length).toBeGreaterThan(0);
      for (const options of pool.seen) expect(options.signal).toBe(signal);
    });
  }
});
