/**
 * Independent seeded searches on the pool (seeds seed, seed+1, …), the best kept by pickBest: the issue's
 * "run independent searches on the worker pool and keep the best". With the same seed and number of
 * workers the answer is the same, because each search's budget is deterministic work, not wall time.
 *
 * A request in JSON text (searchRequestText) is parsed only on the threads: the first search says what the
 * request asks for (workers, seed, time limit) as soon as it has parsed it, and the others start then, on
 * the same text in shared memory.
 */
import { performance } from "node:perf_hooks";
import { pickBest } from "../solver/schedule/pick-best.ts";
import type { SearchResult } from "../solver/schedule/search-problem.ts";
import type { RunContext } from "./capability.ts";
import type { JsonBody } from "./json-body.ts";
import { sharedJsonBody } from "./json-body.ts";
import type { ScheduleSearchResult } from "../solver/schedule/search-schedule.ts";
import type { ScheduleSearchAnswer, SearchedRequest, SearchParsed } from "./schedule-tasks.ts";
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

/** Searches with inputs known up front (the job-shop benchmark mode). */
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

/** What searchRequestText found: nothing to search (an insert or review that brings its plan), or the best search. */
export type TextSearchOutcome =
  | { planGiven: true }
  | { planGiven: false; best: ScheduleSearchAnswer & { result: ScheduleSearchResult }; elapsedMs: number; workers: number };

/** Time a search has to parse and check the request before it learns its time limit. */
const PARSE_BUDGET_MS = 60_000;

/**
 * The searches of a request in JSON text (see the header). Interactive requests count the time limit from
 * their arrival (context.receivedAt); jobs from each search's start, with as many searches by default as
 * jobs may use threads.
 */
export async function searchRequestText(body: JsonBody, as: SearchedRequest, respond: boolean, context: RunContext): Promise<TextSearchOutcome> {
  const started = performance.now();
  const { pool, signal, onProgress, batch } = context;
  const text = sharedJsonBody(body);
  const budgetFrom = batch ? undefined : (context.receivedAt ?? Date.now());
  const others: Array<Promise<ScheduleSearchAnswer>> = [];
  let parsed: SearchParsed | undefined;
  const search = (index: number, budgetMs: number, onParsed?: (info: unknown) => void) =>
    pool.run<ScheduleSearchAnswer>("schedule-search", { body: text, as, index, respond, kpis: batch === true }, {
      budgetMs,
      budgetFrom,
      signal,
      batch,
      onParsed,
      onProgress: onProgress && ((report: unknown) => onProgress({ seed: (parsed?.seed ?? 0) + index, ...(report as object) })),
    });
  let firstFailed = false;
  // Once, when the first search has parsed the request: from its message, or at the latest from its answer.
  // Never after it failed (its message may arrive after its failure: they travel on different ports).
  const startOthers = (info: SearchParsed) => {
    if (parsed !== undefined || firstFailed) return;
    parsed = info;
    if (info.planGiven) return;
    const workers = info.workers ?? (batch ? pool.batchThreads : pool.threads);
    for (let index = 1; index < workers; index++) {
      // Like the first, each parses the request before it learns its deadline (and sets it: scheduleSearch).
      // A budget of the time limit from the arrival had a search started late stopped while parsing (a 503).
      const other = search(index, PARSE_BUDGET_MS);
      // Handled below (all of them, or all settled when the first fails); it may fail before that is reached.
      other.catch(() => undefined);
      others.push(other);
    }
  };
  const first = await search(0, PARSE_BUDGET_MS, (info) => startOthers(info as SearchParsed)).catch(async (error: unknown) => {
    firstFailed = true;
    await Promise.allSettled(others);
    throw error;
  });
  startOthers(first.parsed);
  if (first.parsed.planGiven) return { planGiven: true };
  const answers = [first, ...(await Promise.all(others))].filter((answer): answer is ScheduleSearchAnswer & { result: ScheduleSearchResult } => answer.result !== undefined);
  const best = pickBest(answers.map((answer) => answer.result));
  return { planGiven: false, best: answers.find((answer) => answer.result === best)!, elapsedMs: performance.now() - started, workers: answers.length };
}
