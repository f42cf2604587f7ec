/**
 * Rush-order insertion (issue 6): the plans a planner chooses from. Rush orders are inserted one after the
 * other, most important first (priority, then due date), each by insert-rush-order.ts:
 * - `fastest`: unlimited tolerance, the earliest positions; if simply appending the rush orders at the end
 *   of every queue would finish them earlier (lexicographically, in insertion order; it can happen with
 *   changeovers), that plan is taken instead, so fastest never promises later than the append baseline;
 * - `protect-confirmed`: no confirmed order finishes late and later than in the current plan as given, beyond
 *   the harm the plan takes re-timed from now before anything is inserted (its baseline: progress reported
 *   since can push it; the option then says so in `unavoidableHarm`);
 * - `allow-N-late`: the trade-off curve in between, by weighted harm (issue 15: Σ priority weight × minutes
 *   harmed, so harming a priority-5 order is preferred to harming a priority-1 one). When fastest ships the
 *   rush orders on time and protect-confirmed does not, the tolerances probed are a bisection (on a log scale:
 *   the weights span four decades) for the least weighted harm that still ships them on time; otherwise
 *   tolerances spread evenly between 0 and fastest's harm. Every probed plan is kept that harms less
 *   than the plans before it and promises earlier than protect-confirmed (a Pareto front), while time allows;
 *   N is the number of orders it harms.
 * The calendars are compiled once for a span that fits the plan; when an insertion runs past it the whole
 * insertion is redone on a span four times longer.
 */
import { ModelError } from "../../src/errors.ts";
import { factoryModelOf } from "../../src/factory.ts";
import type { InsertRequest, InsertResponse, PlanOption } from "../../src/insert.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { formatDateTime, parseDateTime } from "../../src/time.ts";
import { longerSpan } from "../schedule/compile-problem.ts";
import { materialProjection } from "../schedule/material-projection.ts";
import { checkInsertRequest } from "./check-insert-request.ts";
import { planKey } from "../schedule/freeze-plan.ts";
import { baselineHarm, harmLimits, insertJob, weightedHarm } from "./insert-rush-order.ts";
import type { InsertionMode, PlanState } from "./insert-rush-order.ts";
import { planImpact } from "./plan-impact.ts";
import { planSchedule } from "./plan-schedule.ts";
import { prepareInsertion } from "./prepare-insertion.ts";
import type { InsertionInput, PreparedInsertion } from "./prepare-insertion.ts";

const HORIZON_RETRIES = 3;
/** Trade-off plans computed at most between fastest and protect-confirmed. */
const TRADE_OFF_PLANS = 3;
/** The bisection for the least harm that ships on time stops when its bounds are this close (a ratio). */
const HARM_RATIO = 1.25;

/** Inserts the jobs in order; null when the calendars' horizon is too short. */
export function insertJobs(prepared: PreparedInsertion, jobs: readonly number[], mode: InsertionMode, limits: Float64Array): PlanState | null {
  let state: PlanState = { sequencing: prepared.sequencing, timing: prepared.timing };
  for (const job of jobs) {
    const outcome = insertJob(prepared, state, job, mode, limits);
    if (!outcome.ok) return null;
    state = outcome.state;
  }
  return state;
}

/**
 * Prepares input and runs attempt on it, on a calendar span ×4 longer each time attempt (or preparing)
 * runs out of horizon. Returns the prepared insertion and attempt's value, or the reason none exists.
 */
export function withHorizon<T>(input: InsertionInput, attempt: (prepared: PreparedInsertion) => T | null): { ok: true; prepared: PreparedInsertion; value: T } | { ok: false; reason: string } {
  let spanMinutes = input.spanMinutes;
  for (let retry = 0; ; retry++) {
    const prepared = prepareInsertion(spanMinutes === undefined ? input : { ...input, spanMinutes });
    if (!prepared.ok && !prepared.horizon) return { ok: false, reason: prepared.reason };
    if (prepared.ok) {
      const value = attempt(prepared.prepared);
      if (value !== null) return { ok: true, prepared: prepared.prepared, value };
    }
    const longer = retry < HORIZON_RETRIES ? longerSpan(prepared.ok ? prepared.prepared.spanMinutes : prepared.spanMinutes) : null;
    if (longer === null) return { ok: false, reason: "the plan does not fit in the resources' calendars" };
    spanMinutes = longer;
  }
}

/** Rush completions in insertion order, for lexicographic comparison. */
function promiseKey(prepared: PreparedInsertion, jobs: readonly number[], state: PlanState): number[] {
  const p = prepared.compiled.problem;
  return jobs.map((j) => state.timing.end[p.jobs[j]!.firstOp + p.jobs[j]!.opCount - 1]!);
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

interface NamedPlan {
  name: string;
  state: PlanState;
  /** protect-confirmed: the baseline harm, when not 0. */
  unavoidableHarm?: number;
}

/** @param clock monotonic milliseconds (the time limit bounds the trade-off plans) */
export function planRushInsertion(request: InsertRequest, clock: () => number): InsertResponse {
  const problems = checkInsertRequest(request);
  if (problems.length > 0) throw new ModelError(problems);
  const begin = clock();
  const deadline = begin + request.options.timeLimitSeconds * 1000;
  const now = parseDateTime(request.now)!;
  const { orders, schedule, rushOrders, progress, frozenUntil } = request;
  const input: InsertionInput = {
    model: factoryModelOf(request),
    plan: schedule.operations,
    inserted: rushOrders,
    progress,
    now,
    frozenUntil: Math.max(now, frozenUntil === undefined ? now : parseDateTime(frozenUntil)!),
    material: request.options.material,
  };
  // Most important first: priority, then due date, then as given.
  const sequence = rushOrders.map((_, k) => k).sort((a, b) => rushOrders[a]!.priority - rushOrders[b]!.priority || (rushOrders[a]!.due < rushOrders[b]!.due ? -1 : rushOrders[a]!.due > rushOrders[b]!.due ? 1 : a - b));
  const result = withHorizon(input, (prepared): NamedPlan[] | null => {
    const p = prepared.compiled.problem;
    const jobs = sequence.map((k) => prepared.insertedJobs[k]!);
    const limits = harmLimits(prepared);
    const baseline = baselineHarm(prepared, limits);
    const plan = (mode: InsertionMode) => insertJobs(prepared, jobs, mode, limits);
    let fastest = plan({ kind: "tolerance", tolerance: Infinity });
    const appended = plan({ kind: "append" });
    const protect = plan({ kind: "tolerance", tolerance: baseline });
    if (fastest === null || appended === null || protect === null) return null;
    if (lexLess(promiseKey(prepared, jobs, appended), promiseKey(prepared, jobs, fastest))) fastest = appended;
    const most = weightedHarm(prepared, limits, fastest.timing);
    const probed = new Map<number, PlanState>();
    let horizon = false;
    const probe = (tolerance: number): PlanState | null => {
      if (!probed.has(tolerance)) {
        const state = plan({ kind: "tolerance", tolerance });
        if (state === null) return (horizon = true), null;
        probed.set(tolerance, state);
      }
      return probed.get(tolerance)!;
    };
    const meetsDue = (state: PlanState) => jobs.every((j) => state.timing.end[p.jobs[j]!.firstOp + p.jobs[j]!.opCount - 1]! <= p.jobs[j]!.due);
    if (meetsDue(fastest) && !meetsDue(protect)) {
      // The planner's question: how little harm must confirmed orders take for the rush orders to ship on time?
      // (Harm added to the baseline's, bisected on a log scale.)
      let lo = 1;
      let hi = most - baseline;
      while (hi > lo * HARM_RATIO && !horizon && clock() <= deadline) {
        const mid = Math.round(Math.sqrt(lo * hi));
        const state = probe(baseline + mid);
        if (state !== null && meetsDue(state)) hi = mid;
        else lo = mid + 1;
      }
    } else {
      for (let i = 1; i <= TRADE_OFF_PLANS && !horizon && clock() <= deadline; i++) {
        const tolerance = baseline + Math.round(((most - baseline) * (TRADE_OFF_PLANS + 1 - i)) / (TRADE_OFF_PLANS + 1));
        if (tolerance > baseline && tolerance < most) probe(tolerance);
      }
    }
    if (horizon) return null;
    // The front of promise against harm: fastest is the earliest promise (fewest harmed among equals),
    // protect-confirmed the earliest that harms least (none beyond the baseline), and in between every plan
    // no other one beats on both.
    const points = [fastest, ...probed.values(), protect].map((state) => ({ state, harm: weightedHarm(prepared, limits, state.timing), key: promiseKey(prepared, jobs, state) }));
    const beats = (a: (typeof points)[number], b: (typeof points)[number]) => a.harm <= b.harm && !lexLess(b.key, a.key) && (a.harm < b.harm || lexLess(a.key, b.key));
    const front = points.filter((x) => !points.some((y) => beats(y, x)));
    front.sort((a, b) => (lexLess(a.key, b.key) ? -1 : lexLess(b.key, a.key) ? 1 : a.harm - b.harm));
    const best = front[0]!;
    const least = Math.min(...front.map((x) => x.harm));
    const safe = front.find((x) => x.harm === least)!;
    const seen = new Set<string>();
    const plans: NamedPlan[] = [];
    for (const x of front) {
      const id = `${x.harm}:${x.key.join(",")}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (x === best) plans.push({ name: "fastest", state: x.state });
      else if (x !== safe) plans.push({ name: "allow", state: x.state });
    }
    plans.push({ name: "protect-confirmed", state: safe.state, ...(baseline > 0 ? { unavoidableHarm: baseline } : {}) });
    return plans;
  });
  if (!result.ok) return { status: "infeasible", reason: result.reason, options: [], solver: { elapsedMs: clock() - begin } };
  const { prepared, value: plans } = result;
  const original = new Map(schedule.operations.map((op) => [planKey(op.order, op.operation, op.part), op]));
  const tolerance = request.options.moveToleranceMinutes ?? DEFAULT_MOVE_TOLERANCE_MINUTES;
  const names = new Set<string>();
  const options = plans.map(({ name, state, unavoidableHarm }): PlanOption => {
    const planned = planSchedule(prepared, state, original);
    const promise: Record<string, string> = {};
    rushOrders.forEach((o, k) => (promise[o.id] = formatDateTime(planned.completion[prepared.insertedJobs[k]!]!)));
    const impact = planImpact(orders, schedule.operations, planned.operations, tolerance);
    // Trade-off plans are named by the orders they harm; two that harm as many (but by different weights) are told apart.
    let named = name === "allow" ? `allow-${impact.ordersMadeLate}-late` : name;
    if (names.has(named)) named = `${named}-${impact.weightedHarm}`;
    names.add(named);
    // The plan's projected stock, as /v1/schedule gives it, so a planner can check the option's material.
    const materials = prepared.compiled.material === null ? {} : { materials: materialProjection(prepared.request, prepared.compiled, planned.timed, request.options.materialLedger === true) };
    const scheduled = { operations: planned.operations, orders: planned.orders, ...materials };
    return { name: named, promise, schedule: scheduled, ...impact, kpis: planned.kpis, ...(unavoidableHarm !== undefined ? { unavoidableHarm } : {}) };
  });
  return { status: "feasible", options, solver: { elapsedMs: clock() - begin } };
}
