/**
 * Setting up an insertion: the confirmed orders and the orders to insert become one schedule request
 * (plan start = now; inserted orders released no earlier than the end of the frozen horizon), compiled
 * with the frozen operations pinned; the current plan's free operations keep their units and order on
 * them (sequencingFromPlan), and their planned starts become the right-shift's lower bounds.
 */
import { ModelError } from "../../src/errors.ts";
import type { FactoryModel } from "../../src/factory.ts";
import type { MaterialMode } from "../../src/material.ts";
import type { Order } from "../../src/order.ts";
import type { ProgressEntry, ScheduledOperation, ScheduleRequest } from "../../src/schedule.ts";
import { formatDateTime, MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import type { CompiledRequest } from "../schedule/compile-problem.ts";
import { compileProblem, defaultSpanMinutes } from "../schedule/compile-problem.ts";
import { FREE } from "../schedule/problem.ts";
import type { Sequencing } from "../schedule/decode-schedule.ts";
import { planParts } from "../schedule/compile-parts.ts";
import { sequencingFromPlan } from "../schedule/sequencing-from-plan.ts";
import type { AllocationShortage } from "../schedule/allocate-material.ts";
import { protectConfirmed } from "../schedule/material-priority.ts";
import { freezePlan, operationKey, planKey } from "../schedule/freeze-plan.ts";
import { RightShifter } from "./right-shift.ts";
import type { Timing } from "./right-shift.ts";

export interface InsertionInput {
  model: FactoryModel;
  /** The current plan's operations (of model.orders). */
  plan: readonly ScheduledOperation[];
  /** Orders to insert (not in the plan). */
  inserted: readonly Order[];
  progress: readonly ProgressEntry[];
  now: number;
  frozenUntil: number;
  /** Material mode (options.material); default as for /v1/schedule. */
  material?: MaterialMode | undefined;
  /** Calendar span after now; default: enough for the plan and the load (extended ×4 when too short). */
  spanMinutes?: number;
}

export interface PreparedInsertion {
  /** The merged request: model.orders then the inserted orders. */
  request: ScheduleRequest;
  compiled: CompiledRequest;
  shifter: RightShifter;
  /** Jobs of the inserted orders, in the order given. */
  insertedJobs: number[];
  /** The current plan: its sequencing (inserted orders not sequenced) and times. */
  sequencing: Sequencing;
  timing: Timing;
  /** Machine, start and end of every free operation in the current plan (−1 / NaN where it has none). */
  planMachine: Int32Array;
  planStart: Float64Array;
  planEnd: Float64Array;
  /** Completion (latest end) of every job in the current plan as given, NaN where it has no operation there. */
  planCompletion: Float64Array;
  spanMinutes: number;
}

export type PrepareResult =
  | { ok: true; prepared: PreparedInsertion }
  /** `material`: an inserted order whose material cannot arrive, with what it lacks. */
  | { ok: false; reason: string; horizon: boolean; spanMinutes: number; material?: AllocationShortage[] };

export function prepareInsertion(input: InsertionInput): PrepareResult {
  const { plan, inserted, now, frozenUntil } = input;
  // Confirmed orders the plan left out (their material cannot arrive) stay out.
  const planned = new Set([...plan.map((op) => op.order), ...input.progress.map((e) => e.order)]);
  const model = { ...input.model, orders: input.model.orders.filter((o) => planned.has(o.id)) };
  const release = Math.max(now, frozenUntil);
  const request: ScheduleRequest = {
    ...model,
    orders: [
      ...model.orders,
      ...inserted.map((o) => ({ ...o, release: formatDateTime(Math.max(release, o.release === undefined ? release : parseDateTime(o.release)!)) })),
    ],
    planStart: formatDateTime(now),
    progress: [...input.progress],
    options: { timeLimitSeconds: 5, seed: 1, objective: "tardiness", ...(input.material !== undefined ? { material: input.material } : {}) },
  };
  const { frozen, free, latestEnd } = freezePlan(plan, input.progress, frozenUntil);
  const spanMinutes = input.spanMinutes ?? Math.max(defaultSpanMinutes(request), latestEnd - now + 28 * MINUTES_PER_DAY);
  const confirmed = new Set(model.orders.map((_, o) => o));
  // The plan's parts of split operations (issue 16) are kept as they are: by part, their quantities.
  const parts = planParts(model, plan);
  const result = compileProblem(request, spanMinutes, frozen, confirmed, { partsOf: (order, operation) => parts.get(operationKey(order, operation)) });
  // A frozen operation the plan cannot keep (running work reported to run into it) is the request's problem.
  if (!result.ok && result.problems !== undefined) throw new ModelError(result.problems);
  if (!result.ok) return { ok: false, reason: result.reason, horizon: false, spanMinutes };
  const compiled = result.compiled;
  const p = compiled.problem;
  for (const [o, shortages] of compiled.unplannable) {
    const what = shortages.map((s) => `${Math.round(s.quantity * 1e6) / 1e6} of "${s.item}"`).join(", ");
    return { ok: false, reason: `order "${request.orders[o]!.id}" cannot get its material: ${what} short`, horizon: false, spanMinutes, material: shortages };
  }

  const opIndex = new Map<string, number>();
  p.jobs.forEach((job, j) => {
    const orderId = request.orders[compiled.orderOfJob[j]!]!.id;
    for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) opIndex.set(planKey(orderId, compiled.operationId[op]!, p.rules === null ? 0 : op - p.rules.partFirst[op]!), op);
  });
  const firstMachine = new Map(p.resources.map((r) => [r.id, r.firstMachine]));
  const planMachine = new Int32Array(p.opCount).fill(-1);
  const planStart = new Float64Array(p.opCount).fill(NaN);
  const planEnd = new Float64Array(p.opCount).fill(NaN);
  for (const { operation: op, start, end } of free) {
    const i = opIndex.get(planKey(op.order, op.operation, op.part))!;
    planMachine[i] = firstMachine.get(op.resource)! + op.unit;
    planStart[i] = start;
    planEnd[i] = end;
  }
  // Harm is measured against the plan as given, not as re-timed here (progress or a removed order can push it).
  const givenEnd = new Map<string, number>();
  for (const op of plan) givenEnd.set(op.order, Math.max(givenEnd.get(op.order) ?? -Infinity, parseDateTime(op.end)!));
  const planCompletion = Float64Array.from(compiled.orderOfJob, (o) => givenEnd.get(request.orders[o]!.id) ?? NaN);
  const insertedJobs = inserted.map((_, k) => model.orders.length + k);
  // The inserted orders' operations get a machine when they are inserted; sequencingFromPlan needs one for
  // every free operation, so they are parked on machine 0 and taken off again.
  const parked = Array.from(planMachine, (m) => (m < 0 ? 0 : m));
  const sequencing = sequencingFromPlan(p, parked, Array.from(planStart, (s) => (Number.isNaN(s) ? Infinity : s)));
  for (const j of insertedJobs) {
    const job = p.jobs[j]!;
    for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) if (p.opState[op] === FREE) sequencing.machineOf[op] = -1;
  }
  const parkedOn0 = sequencing.seq[0]!.filter((op) => sequencing.machineOf[op]! >= 0);
  sequencing.seq[0] = parkedOn0;
  parkedOn0.forEach((op, i) => (sequencing.posOf[op] = i));
  for (let op = 0; op < p.opCount; op++) if (sequencing.machineOf[op]! < 0) sequencing.posOf[op] = -1;

  const notBefore = Float64Array.from(planStart, (s) => (Number.isNaN(s) ? -Infinity : s));
  if (p.material !== null) {
    const plannedStart = planStart.slice();
    for (const f of p.fixed) plannedStart[f.op] = f.start;
    const insertedJob = new Set(insertedJobs);
    p.material = protectConfirmed(p.material, (op) => !insertedJob.has(p.opJob[op]!), plannedStart);
  }
  const shifter = new RightShifter(p, notBefore);
  const timing = shifter.newTiming();
  const outcome = shifter.shift(sequencing, timing);
  if (outcome === "horizon") return { ok: false, reason: "the current plan does not fit in the calendars' horizon", horizon: true, spanMinutes };
  if (outcome === "cycle") return { ok: false, reason: "the current plan's sequences contradict the routings", horizon: false, spanMinutes };
  return { ok: true, prepared: { request, compiled, shifter, insertedJobs, sequencing, timing, planMachine, planStart, planEnd, planCompletion, spanMinutes } };
}
