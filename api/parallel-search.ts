/**
 * Independent seeded searches on the pool (seeds seed, seed+1, …), the best kept by pickBest: the issue's
 * "run independent searches on the worker pool and keep the best". With the same seed and number of
 * workers the answer is the same, because each search's budget is deterministic work, not wall time.
 */
import { performance } from "node:perf_hooks";
import { pickBest } from "../solver/schedule/pick-best.ts";
import type { SearchResult } from "../solver/schedule/search-problem.ts";
import type { RunContext } from "./capability.ts";
import type { TaskKind } from "./tasks.ts";

export interface ParallelSearchOptions {
  seed: number;
  workers: number;
  timeLimitSeconds: number;
}

export interface ParallelSearchOutcome<R> {
  best: R;
  elapsedMs: number;
  workers: number;
}

/** Slack past the search's own safety deadline before the pool asks it to stop. */
const COOPERATIVE_SLACK_MS = 1000;

export async function parallelSearch<R extends SearchResult>(
  kind: TaskKind,
  input: (seed: number) => unknown,
  options: ParallelSearchOptions,
  { pool, signal, onProgress }: RunContext,
): Promise<ParallelSearchOutcome<R>> {
  const started = performance.now();
  const seeds = Array.from({ length: options.workers }, (_, i) => options.seed + i);
  const results = await Promise.all(
    seeds.map((seed) =>
      pool.run<R>(kind, input(seed), {
        budgetMs: options.timeLimitSeconds * 1000 + COOPERATIVE_SLACK_MS,
        signal,
        onProgress: onProgress && ((report: unknown) => onProgress({ seed, ...(report as object) })),
      }),
    ),
  );
  return { best: pickBest(results), elapsedMs: performance.now() - started, workers: seeds.length };
}
