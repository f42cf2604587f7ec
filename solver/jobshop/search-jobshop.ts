/**
 * Benchmark mode: one seeded search on a (flexible) job-shop instance, with the job shop's own disjunctive-
 * graph search (elite-search.ts: N6 tabu search, reassignments, an elite pool with relinking), and the
 * `takt jobshop` answer `{ instance, makespan, status, elapsedMs, operations }` (everything 0-based).
 * The result has the scheduling engine's SearchResult shape (objective [makespan, sum of job completions, 0]),
 * so the worker pool picks among parallel searches as it does for plant schedules.
 */
import { createRandom } from "../random.ts";
import type { SearchOptions, SearchResult } from "../schedule/search-problem.ts";
import { JobShopGraph } from "./disjunctive-graph.ts";
import { eliteSearch } from "./elite-search.ts";
import type { JobShopInstance } from "./instance.ts";
import { jobShopLowerBound } from "./jobshop-bound.ts";

export interface JobShopResponse {
  instance: string;
  makespan: number;
  status: SearchResult["status"];
  elapsedMs: number;
  operations: Array<{ job: number; index: number; machine: number; start: number; end: number }>;
}

/** Least time between two progress reports, ms. */
const PROGRESS_INTERVAL_MS = 250;

/** Counts iterations and work against the budget; polls the deadline and the cancel once per iteration. */
class BudgetMeter {
  iterations = 0;
  private units = 0;
  stoppedBy: "budget" | "deadline" | "cancel" | null = null;

  constructor(
    private readonly options: SearchOptions,
    private readonly deadline: number,
  ) {}

  get stopped(): boolean {
    return this.stoppedBy !== null;
  }

  iterate(workUnits: number): boolean {
    if (this.stoppedBy !== null) return false;
    const { budget, clock, shouldStop } = this.options;
    if (this.units >= budget.workUnits || (budget.maxIterations !== undefined && this.iterations >= budget.maxIterations)) this.stoppedBy = "budget";
    else if (clock() >= this.deadline) this.stoppedBy = "deadline";
    else if (shouldStop?.() === true) this.stoppedBy = "cancel";
    if (this.stoppedBy !== null) return false;
    this.units += workUnits;
    this.iterations++;
    return true;
  }
}

export function searchJobShop(instance: JobShopInstance, options: SearchOptions): SearchResult {
  const { clock, seed } = options;
  const begin = clock();
  const meter = new BudgetMeter(options, options.deadlineAt ?? begin + options.budget.deadlineMs);
  const graph = new JobShopGraph(instance);
  const lowerBound = jobShopLowerBound(instance);
  let bestMakespan = Infinity;
  let bestFoundAt = begin;
  let reportedAt = -Infinity;
  const best = eliteSearch(graph, {
    random: createRandom(seed),
    meter,
    lowerBound,
    onImprove: (g) => {
      if (g.makespan >= bestMakespan) return;
      bestMakespan = g.makespan;
      bestFoundAt = clock();
      if (options.onProgress && bestFoundAt - reportedAt >= PROGRESS_INTERVAL_MS) {
        reportedAt = bestFoundAt;
        options.onProgress({ iterations: meter.iterations, bestObjective: [bestMakespan], elapsedMs: bestFoundAt - begin });
      }
    },
  });
  graph.restore(best);
  const machine = Array.from(graph.machine);
  const start = Array.from(graph.head);
  const end = start.map((s, o) => s + graph.time[o]!);
  const optimal = graph.makespan <= lowerBound;
  return {
    status: optimal ? "optimal" : meter.stoppedBy === "deadline" || meter.stoppedBy === "cancel" ? "timedout" : "feasible",
    objective: [graph.makespan, graph.completionSum(), 0],
    iterations: meter.iterations,
    bestFoundAtMs: bestFoundAt - begin,
    elapsedMs: clock() - begin,
    seed,
    schedule: { machine, start, end, changeover: new Array<number>(graph.opCount).fill(0) },
  };
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
