/**
 * Benchmark mode: one seeded search on a (flexible) job-shop instance with the scheduling engine, and the
 * `takt jobshop` answer `{ instance, makespan, status, elapsedMs, operations }` (everything 0-based).
 */
import { searchProblem } from "../schedule/search-problem.ts";
import type { SearchOptions, SearchResult } from "../schedule/search-problem.ts";
import type { ProblemSize } from "../schedule/search-budget.ts";
import type { JobShopInstance } from "./instance.ts";
import { jobShopProblem } from "./jobshop-problem.ts";

export interface JobShopResponse {
  instance: string;
  makespan: number;
  status: SearchResult["status"];
  elapsedMs: number;
  operations: Array<{ job: number; index: number; machine: number; start: number; end: number }>;
}

export function jobShopSize(instance: JobShopInstance): ProblemSize {
  return { operations: instance.jobs.reduce((n, job) => n + job.length, 0), calendars: false };
}

export function searchJobShop(instance: JobShopInstance, options: SearchOptions): SearchResult {
  const outcome = searchProblem(jobShopProblem(instance), options);
  // Without calendars there is no horizon to run out of, and without rules no maximum wait.
  if (outcome === "horizon" || "maxWait" in outcome) throw new Error("a job shop has no calendars and no maximum waits");
  return outcome;
}

export function toJobShopResponse(instance: JobShopInstance, best: SearchResult, stats: { elapsedMs: number }): JobShopResponse {
  const schedule = best.schedule!;
  const operations: JobShopResponse["operations"] = [];
  let op = 0;
  instance.jobs.forEach((job, j) => {
    job.forEach((_, k) => {
      operations.push({ job: j, index: k, machine: schedule.machine[op]!, start: schedule.start[op]!, end: schedule.end[op]! });
      op++;
    });
  });
  return { instance: instance.name, makespan: best.objective[0]!, status: best.status, elapsedMs: stats.elapsedMs, operations };
}
