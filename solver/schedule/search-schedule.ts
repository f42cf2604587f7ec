/**
 * One independent seeded search for a schedule request: check, compile (extending the calendars' horizon
 * when the plan does not fit in it), construct and improve. Pure and synchronous; the worker pool runs one
 * per seed and keeps the best with pickBest.
 */
import { ModelError } from "../../src/errors.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { checkScheduleRequest } from "./check-schedule-request.ts";
import { compileProblem, defaultSpanMinutes } from "./compile-problem.ts";
import type { SearchOptions, SearchResult } from "./search-problem.ts";
import { searchProblem } from "./search-problem.ts";
import type { ProblemSize } from "./search-budget.ts";

export interface ScheduleSearchResult extends SearchResult {
  /** The calendar span the schedule was computed on (toScheduleResponse compiles the same). */
  spanMinutes: number;
}

/** Extending the horizon this many times (×4 each) before calling a plan infeasible. */
const HORIZON_RETRIES = 3;

/** The size budgetFor needs, from a request. */
export function problemSizeOf(request: ScheduleRequest): ProblemSize {
  const routings = new Map(request.routings.map((r) => [r.item, r.operations.length]));
  return { operations: request.orders.reduce((n, o) => n + (routings.get(o.item) ?? 0), 0), calendars: true };
}

/**
 * Protecting confirmed orders (rush insertion's protect-confirmed, issue 15): the latest completion in minutes
 * of each order id that harms no one; the search then minimises Σ weight × minutes past it first.
 */
export type HarmLimits = Readonly<Record<string, number>>;

/**
 * @param harmLimits only with a reference (it sets the stability model they belong to)
 * @throws ModelError when the request's references are wrong or its frozen operations cannot be kept (the API answers 422).
 */
export function searchSchedule(request: ScheduleRequest, options: SearchOptions, harmLimits?: HarmLimits): ScheduleSearchResult {
  const problems = checkScheduleRequest(request);
  if (problems.length > 0) throw new ModelError(problems);
  const begin = options.clock();
  let spanMinutes = defaultSpanMinutes(request);
  const infeasible = (reason: string): ScheduleSearchResult => ({
    status: "infeasible",
    reason,
    objective: [],
    iterations: 0,
    bestFoundAtMs: 0,
    elapsedMs: options.clock() - begin,
    seed: options.seed,
    schedule: null,
    spanMinutes,
  });
  for (let attempt = 0; ; attempt++) {
    const compiled = compileProblem(request, spanMinutes);
    // Frozen operations that cannot be kept are the request's problem, not an infeasible plan.
    if (!compiled.ok && compiled.problems !== undefined) throw new ModelError(compiled.problems);
    if (!compiled.ok) return infeasible(compiled.reason);
    const { problem, orderOfJob } = compiled.compiled;
    if (harmLimits !== undefined && problem.stability !== null) {
      problem.stability.harmLimit = Float64Array.from(orderOfJob, (o) => harmLimits[request.orders[o]!.id] ?? Infinity);
    }
    const outcome = searchProblem(problem, options);
    if (outcome !== "horizon") return { ...outcome, spanMinutes };
    if (attempt >= HORIZON_RETRIES) {
      return infeasible(`the plan does not fit in ${Math.round(spanMinutes / 1440)} days of the resources' calendars after the plan start`);
    }
    spanMinutes *= 4;
  }
}
