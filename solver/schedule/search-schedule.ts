/**
 * One independent seeded search for a schedule request: check, compile (extending the calendars' horizon
 * when the plan does not fit in it), construct and improve. Pure and synchronous; the worker pool runs one
 * per seed and keeps the best with pickBest.
 */
import { ModelError } from "../../src/errors.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { checkScheduleRequest } from "./check-schedule-request.ts";
import { compileProblem, defaultSpanMinutes, longerSpan } from "./compile-problem.ts";
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

/** A search's result with the problem it solved: what its response is built from without compiling again. */
export interface ScheduleSearch {
  result: ScheduleSearchResult;
  /** Null when the request compiled to no problem (infeasible, or stopped while compiling). */
  compiled: CompiledRequest | null;
}

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
  return runScheduleSearch(request, options, harmLimits).result;
}

/**
 * searchSchedule, keeping the compiled problem. Its safety deadline (budget.deadlineMs) counts from here,
 * so checking and compiling count against the time limit too; so does `shouldStop`, polled throughout.
 */
export function runScheduleSearch(request: ScheduleRequest, options: SearchOptions, harmLimits?: HarmLimits): ScheduleSearch {
  const begin = options.clock();
  const timed: SearchOptions = { ...options, deadlineAt: options.deadlineAt ?? begin + options.budget.deadlineMs };
  const stopNow = () => options.clock() >= timed.deadlineAt! || options.shouldStop?.() === true;
  const problems = checkScheduleRequest(request);
  if (problems.length > 0) throw new ModelError(problems);
  let spanMinutes = defaultSpanMinutes(request);
  const excluded = new Map<number, string>();
  const noPlan = (status: "infeasible" | "timedout", reason: string): ScheduleSearch => ({
    result: { status, reason, objective: [], iterations: 0, bestFoundAtMs: 0, elapsedMs: options.clock() - begin, seed: options.seed, schedule: null, spanMinutes, excluded: [...excluded] },
    compiled: null,
  });
  for (;;) {
    const compiled = compileProblem(request, spanMinutes, [], new Set(), { excluded, shouldStop: stopNow });
    // Frozen operations that cannot be kept are the request's problem, not an infeasible plan.
    if (!compiled.ok && compiled.problems !== undefined) throw new ModelError(compiled.problems);
    if (!compiled.ok) return compiled.stopped ? noPlan("timedout", `the time ran out while the problem was compiled`) : noPlan("infeasible", compiled.reason);
    const { problem, orderOfJob } = compiled.compiled;
    if (harmLimits !== undefined && problem.stability !== null) {
      problem.stability.harmLimit = Float64Array.from(orderOfJob, (o) => harmLimits[request.orders[o]!.id] ?? Infinity);
    }
    const outcome = searchProblem(problem, timed);
    if (outcome === "horizon") {
      const longer = longerSpan(spanMinutes);
      if (longer === null) {
        return noPlan("infeasible", `the plan does not fit in ${Math.round(spanMinutes / 1440)} days of the resources' calendars after the plan start (the MAX_HORIZON_DAYS limit)`);
      }
      spanMinutes = longer;
    } else if ("maxWait" in outcome) {
      // Each round leaves one more order out, so this ends.
      const { job, op } = outcome.maxWait;
      excluded.set(orderOfJob[job]!, maxWaitReason(request, compiled.compiled, op));
    } else return { result: { ...outcome, spanMinutes, excluded: [...excluded] }, compiled: compiled.compiled };
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
