/**
 * Rush insertion's searched plans (issue 15), beside the shift-only ones of plan-rush-insertion.ts:
 * - `re-plan`: the rush orders added and everything after the fence re-planned by the scheduling search
 *   against the current plan (weighted tardiness first, rush orders at their own priority, then the fewest
 *   changes), so confirmed work may move earlier, to other units, or later where that serves a more important
 *   order;
 * - protect-confirmed's search: the same, started from the shift-only protect-confirmed plan with the harm of
 *   confirmed orders (past both due date and current completion, weighted by priority) put before everything,
 *   so it only accepts plans that harm no one, and brings the rush orders forward by moving confirmed work
 *   earlier or to other units.
 * The answer keeps fastest and protect-confirmed (the searched one when it harms less, or as little and
 * promises earlier),
 * and, in between, the plans no other beats on all of latest rush promise, weighted harm and changes.
 */
import { factoryModelOf } from "../../src/factory.ts";
import type { InsertRequest, InsertResponse, PlanOption } from "../../src/insert.ts";
import type { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import type { HarmLimits } from "../schedule/search-schedule.ts";
import { completions, planImpact } from "./plan-impact.ts";

/** The rush orders added to the confirmed orders the current plan has, re-planned from `now` against it. */
export function replanRequest(request: InsertRequest, timeLimitSeconds: number, reference = request.schedule.operations): ScheduleRequest {
  const { progress, now, options } = request;
  // Confirmed orders the plan left out (their material cannot arrive) stay out, as in the insertion.
  const planned = new Set([...request.schedule.operations.map((op) => op.order), ...progress.map((e) => e.order)]);
  const fence = request.frozenUntil !== undefined && request.frozenUntil > now ? request.frozenUntil : now;
  return {
    ...factoryModelOf(request),
    orders: [...request.orders.filter((o) => planned.has(o.id)), ...request.rushOrders],
    planStart: now,
    progress,
    reference: { operations: reference },
    frozenUntil: fence,
    options: {
      timeLimitSeconds,
      seed: options.seed,
      objective: "tardiness",
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...(options.material !== undefined ? { material: options.material } : {}),
      ...(options.materialLedger === true ? { materialLedger: true } : {}),
      ...(options.moveToleranceMinutes !== undefined ? { moveToleranceMinutes: options.moveToleranceMinutes } : {}),
    },
  };
}

/** Protect-confirmed's search: from its shift-only plan, no confirmed order past max(due, current completion). */
export function protectRequest(request: InsertRequest, protect: PlanOption, timeLimitSeconds: number): { request: ScheduleRequest; harmLimits: HarmLimits } {
  const current = completions(request.schedule.operations);
  const harmLimits: Record<string, number> = {};
  for (const order of request.orders) {
    const was = current.get(order.id);
    if (was !== undefined) harmLimits[order.id] = Math.max(parseDateTime(order.due)!, was);
  }
  return { request: replanRequest(request, timeLimitSeconds, protect.schedule.operations), harmLimits };
}

/** The searched options, in the order the answer lists them. */
export const SEARCHED_OPTIONS = ["re-plan", "protect-confirmed"] as const;
export type SearchedOptionName = (typeof SEARCHED_OPTIONS)[number];

/**
 * The schedule request (and harm limits) of one searched option; protect-confirmed's starts from the shift-only
 * answer of the same request (asked for only then: it may be large).
 */
export function searchedOptionRequest(request: InsertRequest, shiftOnly: () => InsertResponse, option: SearchedOptionName): { request: ScheduleRequest; harmLimits?: HarmLimits } {
  const seconds = searchSeconds(request.options.timeLimitSeconds);
  if (option === "re-plan") return { request: replanRequest(request, seconds.replan) };
  return protectRequest(request, shiftOnly().options.at(-1)!, seconds.protect);
}

/** A searched plan as an option, measured against the current plan like every other; null when it has no plan for a rush order. */
export function searchedOption(name: string, request: InsertRequest, plan: ScheduleResponse): PlanOption | null {
  if (plan.status === "infeasible") return null;
  const done = new Map(plan.orders.map((o) => [o.id, o.completion]));
  const promise: Record<string, string> = {};
  for (const o of request.rushOrders) {
    const completion = done.get(o.id);
    if (completion === null || completion === undefined) return null;
    promise[o.id] = completion;
  }
  const impact = planImpact(request.orders, request.schedule.operations, plan.operations, request.options.moveToleranceMinutes ?? DEFAULT_MOVE_TOLERANCE_MINUTES);
  const schedule = { operations: plan.operations, orders: plan.orders, ...(plan.materials !== undefined ? { materials: plan.materials } : {}) };
  return { name, promise, schedule, ...impact, kpis: plan.kpis };
}

/** The latest rush promise of an option, in minutes. */
function latestPromise(option: PlanOption): number {
  return Math.max(...Object.values(option.promise).map((t) => parseDateTime(t)!));
}

/** Whether a is at least as good as b on latest promise, weighted harm and changes, and better on one. */
function beats(a: PlanOption, b: PlanOption): boolean {
  const [pa, pb] = [latestPromise(a), latestPromise(b)];
  const noWorse = pa <= pb && a.weightedHarm <= b.weightedHarm && a.changes.count <= b.changes.count;
  return noWorse && (pa < pb || a.weightedHarm < b.weightedHarm || a.changes.count < b.changes.count);
}

/**
 * The final options: fastest first and protect-confirmed last (the searched one when it harms less, or as
 * little and promises earlier, or as early with fewer changes), between them by latest promise the trade-off plans and
 * re-plan that no option beats.
 */
export function withSearchedOptions(request: InsertRequest, shiftOnly: InsertResponse, replan: ScheduleResponse | null, protect: ScheduleResponse | null): InsertResponse {
  if (shiftOnly.status !== "feasible") return shiftOnly;
  const fastest = shiftOnly.options[0]!;
  let safe = shiftOnly.options.at(-1)!;
  const searchedSafe = protect === null ? null : searchedOption("protect-confirmed", request, protect);
  // The searched one protects at least as well (less harm, when the plan re-timed from now already harms).
  if (searchedSafe !== null && searchedSafe.weightedHarm <= safe.weightedHarm) {
    const [was, now] = [latestPromise(safe), latestPromise(searchedSafe)];
    if (searchedSafe.weightedHarm < safe.weightedHarm || now < was || (now === was && searchedSafe.changes.count < safe.changes.count)) safe = searchedSafe;
  }
  const middle = shiftOnly.options.slice(1, -1);
  const replanned = replan === null ? null : searchedOption("re-plan", request, replan);
  if (replanned !== null) middle.push(replanned);
  const everyone = [fastest, ...middle, safe];
  const kept = middle.filter((option) => !everyone.some((other) => other !== option && beats(other, option)));
  kept.sort((a, b) => latestPromise(a) - latestPromise(b) || a.weightedHarm - b.weightedHarm);
  return { ...shiftOnly, options: [fastest, ...kept, safe] };
}

/** The searches' share of the time limit: three quarters for re-plan, a quarter for protect-confirmed. */
export function searchSeconds(timeLimitSeconds: number): { replan: number; protect: number } {
  return { replan: timeLimitSeconds * 0.75, protect: timeLimitSeconds * 0.25 };
}
