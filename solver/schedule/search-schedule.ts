/**
 * One independent seeded search for a schedule request: check, compile (extending the calendars' horizon
 * when the plan does not fit in it), construct and improve. Pure and synchronous; the worker pool runs one
 * per seed and keeps the best with pickBest.
 */
import { ModelError } from "../../src/errors.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { checkScheduleRequest } from "./check-schedule-request.ts";
import { compileProblem, defaultSpanMinutes } from "./compile-problem.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import { DONE, FIXED } from "./problem.ts";
import { formatDateTime } from "../../src/time.ts";
import type { SearchOptions, SearchResult } from "./search-problem.ts";
import { searchProblem } from "./search-problem.ts";
import type { ProblemSize } from "./search-budget.ts";

export interface ScheduleSearchResult extends SearchResult {
  /** The calendar span the schedule was computed on (toScheduleResponse compiles the same). */
  spanMinutes: number;
  /** Orders (request.orders' indices) left out because no plan found keeps their maximum waits, with the reason. */
  excluded: Array<[order: number, reason: string]>;
}

/** Extending the horizon this many times (×4 each) before calling a plan infeasible. */
const HORIZON_RETRIES = 3;

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
  const excluded = new Map<number, string>();
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
    excluded: [...excluded],
  });
  for (let attempt = 0; ; ) {
    const compiled = compileProblem(request, spanMinutes, [], new Set(), { excluded });
    if (!compiled.ok) return infeasible(compiled.reason);
    const outcome = searchProblem(compiled.compiled.problem, options);
    if (outcome === "horizon") {
      if (attempt++ >= HORIZON_RETRIES) {
        return infeasible(`the plan does not fit in ${Math.round(spanMinutes / 1440)} days of the resources' calendars after the plan start`);
      }
      spanMinutes *= 4;
    } else if ("maxWait" in outcome) {
      // Each round leaves one more order out, so this ends.
      const { job, op } = outcome.maxWait;
      excluded.set(compiled.compiled.orderOfJob[job]!, maxWaitReason(request, compiled.compiled, op));
    } else return { ...outcome, spanMinutes, excluded: [...excluded] };
  }
}

/** Why an order cannot keep the maximum wait of operation op. */
function maxWaitReason(request: ScheduleRequest, compiled: CompiledRequest, op: number): string {
  const p = compiled.problem;
  const routing = request.routings.find((r) => r.item === request.orders[compiled.orderOfJob[p.opJob[op]!]!]!.item)!;
  const operation = routing.operations[compiled.step[op]!]!;
  const before = routing.operations[compiled.step[op]! - 1]!;
  const why = `operation "${operation.id}" cannot start within its maximum wait of ${operation.maxWaitMinutes} minutes after "${before.id}" ends`;
  // The slices of the previous operation end just before op's first slice.
  const pred = p.rules!.partFirst[op]! - 1;
  if (p.opState[pred] === DONE) return `${why}: "${before.id}" is done (ended ${formatDateTime(p.doneEnd[pred]!)}) and nothing can hold it back`;
  if (p.opState[pred] === FIXED) return `${why}: "${before.id}" is running or frozen and cannot be held back`;
  return `${why}: its resources are not free in time in any plan found`;
}
