/**
 * One independent seeded search for a schedule request: check, compile (extending the calendars' horizon
 * when the plan does not fit in it), construct and improve. Pure and synchronous; the worker pool runs one
 * per seed and keeps the best with pickBest.
 */
import { ModelError } from "../../src/errors.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { checkScheduleRequest } from "./check-schedule-request.ts";
import { compileProblem, defaultSpanMinutes, longerSpan } from "./compile-problem.ts";
import type { SearchOptions, SearchResult } from "./search-problem.ts";
import { searchProblem } from "./search-problem.ts";
import type { ProblemSize } from "./search-budget.ts";

export interface ScheduleSearchResult extends SearchResult {
  /** The calendar span the schedule was computed on (toScheduleResponse compiles the same). */
  spanMinutes: number;
}

/** The size budgetFor needs, from a request. */
export function problemSizeOf(request: ScheduleRequest): ProblemSize {
  const routings = new Map(request.routings.map((r) => [r.item, r.operations.length]));
  return { operations: request.orders.reduce((n, o) => n + (routings.get(o.item) ?? 0), 0), calendars: true };
}

/** @throws ModelError when the request's references are wrong (the API answers 422). */
export function searchSchedule(request: ScheduleRequest, options: SearchOptions): ScheduleSearchResult {
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
  for (;;) {
    const compiled = compileProblem(request, spanMinutes);
    if (!compiled.ok) return infeasible(compiled.reason);
    const outcome = searchProblem(compiled.compiled.problem, options);
    if (outcome !== "horizon") return { ...outcome, spanMinutes };
    const longer = longerSpan(spanMinutes);
    if (longer === null) {
      return infeasible(`the plan does not fit in ${Math.round(spanMinutes / 1440)} days of the resources' calendars after the plan start (the MAX_HORIZON_DAYS limit)`);
    }
    spanMinutes = longer;
  }
}
