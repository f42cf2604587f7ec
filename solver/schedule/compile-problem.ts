/**
 * Compiling a (checked) schedule request into the engine's internal problem: orders become jobs with their
 * routing's operations, resources become machines (one per unit), each distinct calendar is compiled once
 * over a horizon that covers the progress before the plan start and a generous span after it, and reported
 * progress becomes done (history) and fixed (running) operations.
 *
 * Running operations keep resource, unit and start and finish their remaining working minutes from the plan
 * start; by default the remaining minutes are the full duration minus the working minutes already elapsed.
 * A done operation is taken to have ended at min(planStart, start + its full duration).
 *
 * With a reference plan (issue 15, compile-reference.ts) its frozen operations are pinned like running ones,
 * no other operation starts before the fence, and the problem carries where every other operation was.
 */
import type { WorkingTime } from "../calendar/working-time.ts";
import { compileCalendar } from "../calendar/compile-calendar.ts";
import { MAX_HORIZON_DAYS } from "../../src/limits.ts";
import { priorityWeight } from "../../src/order.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import type { Problem } from "../../src/problem.ts";
import type { AllocationShortage } from "./allocate-material.ts";
import { checkPins, referencePlan, stabilityModel } from "./compile-reference.ts";
import { buildMaterialModel, prepareMaterial } from "./compile-material.ts";
import type { MaterialPrepass, OperationProgress } from "./compile-material.ts";
import { DONE, FIXED, FREE, workMinutes } from "./problem.ts";
import type { FixedOperation, ProblemJob, ProblemResource, SchedulingProblem } from "./problem.ts";

export interface CompiledRequest {
  problem: SchedulingProblem;
  /** Index into request.orders of each job. */
  orderOfJob: number[];
  /** Routing operation id of each operation. */
  operationId: string[];
  /** The routing's setupMinutes of each operation (without changeover). */
  setupMinutes: number[];
  planStart: number;
  /** Orders (request.orders' indices) left out for lack of material, with what they lack. */
  unplannable: Map<number, AllocationShortage[]>;
  /** The material pre-pass (null when material is not constrained or nothing is consumed). */
  material: MaterialPrepass | null;
  /** Earliest start of every order of the request: max(plan start, release, materialReady). */
  orderEarliest: number[];
}

/**
 * An operation pinned to its resource unit and times (rush insertion's frozen plan): it becomes a fixed
 * operation that others are placed around, like a running one.
 */
export interface FrozenOperation {
  order: string;
  operation: string;
  resource: string;
  /** 0-based unit of the resource. */
  unit: number;
  start: number;
  end: number;
  changeover?: number;
  /** JSON path of the plan operation it comes from, to name it when it cannot be kept (422). */
  path?: string;
}

/**
 * `problems`: frozen operations that cannot be kept (the request's fault: a 422, not an infeasible plan).
 * `stopped`: the caller's stop condition held (its deadline passed) before compiling finished.
 */
export type CompileResult = { ok: true; compiled: CompiledRequest } | { ok: false; reason: string; problems?: Problem[]; stopped?: true };

/** Orders compiled between two polls of the caller's stop condition. */
const POLL_EVERY = 1024;

function minutes(text: string): number {
  const t = parseDateTime(text);
  if (t === null) throw new RangeError(`not a date-time: ${text}`);
  return t;
}

/** The longest calendar span after the plan start: the MAX_HORIZON_DAYS limit. A plan that does not fit is infeasible. */
export const MAX_SPAN_MINUTES = MAX_HORIZON_DAYS * MINUTES_PER_DAY;

/** The span to try after `span` proved too short (×4, up to MAX_SPAN_MINUTES), or null when it was the longest. */
export function longerSpan(span: number): number | null {
  return span >= MAX_SPAN_MINUTES ? null : Math.min(4 * span, MAX_SPAN_MINUTES);
}

/**
 * A span after the plan start that fits any reasonable plan: the latest release plus several times the heaviest
 * load, and four weeks past the reference plan's end (at most MAX_SPAN_MINUTES).
 */
export function defaultSpanMinutes(request: ScheduleRequest): number {
  const planStart = minutes(request.planStart);
  let referenceEnd = planStart;
  for (const op of request.reference?.operations ?? []) referenceEnd = Math.max(referenceEnd, minutes(op.end));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const resources = new Map(request.resources.map((r) => [r.id, r]));
  const load = new Map<string, number>();
  let latest = planStart;
  let longestJob = 0;
  for (const order of request.orders) {
    for (const t of [order.release, order.materialReady]) if (t !== undefined) latest = Math.max(latest, minutes(t));
    let job = 0;
    for (const op of routings.get(order.item)?.operations ?? []) {
      const r = resources.get(op.resources[0]!);
      const work = op.setupMinutes + (order.quantity * op.runMinutesPerUnit) / (r?.efficiency ?? 1);
      load.set(op.resources[0]!, (load.get(op.resources[0]!) ?? 0) + work / (r?.units ?? 1));
      job += work + op.minGapMinutes;
    }
    longestJob = Math.max(longestJob, job);
  }
  const heaviest = Math.max(0, ...load.values());
  // Calendars of one 8-hour shift on weekdays offer a quarter of the elapsed time: allow for that twice over.
  const needed = Math.max(latest - planStart + 28 * MINUTES_PER_DAY + Math.ceil(8 * (heaviest + longestJob)), referenceEnd - planStart + 28 * MINUTES_PER_DAY);
  return Math.min(MAX_SPAN_MINUTES, needed);
}

/**
 * @param spanMinutes how far past planStart calendars are compiled (default: defaultSpanMinutes; at most MAX_SPAN_MINUTES)
 * @param pinned operations that keep resource, unit and times (progress entries take precedence); the frozen
 *   operations of the request's reference plan are added to them
 * @param kept orders (indices) of a current plan that keep its material when others are inserted
 * @param shouldStop polled between calendars and every POLL_EVERY orders: compiling 50,000 orders takes
 *   half a second, and it counts against the request's time limit
 */
export function compileProblem(
  request: ScheduleRequest,
  spanMinutes = defaultSpanMinutes(request),
  pinned: readonly FrozenOperation[] = [],
  kept: ReadonlySet<number> = new Set(),
  shouldStop: () => boolean = () => false,
): CompileResult {
  const stopped: CompileResult = { ok: false, reason: "stopped while compiling the problem", stopped: true };
  const planStart = minutes(request.planStart);
  const reference = referencePlan(request);
  const frozen = reference === null ? pinned : [...pinned, ...reference.frozen];
  const from = request.progress.reduce((earliest, p) => Math.min(earliest, minutes(p.start)), planStart) - MINUTES_PER_DAY;
  const to = planStart + Math.min(spanMinutes, MAX_SPAN_MINUTES);
  const calendarById = new Map(request.calendars.map((c) => [c.id, c]));
  const compiled = new Map<string, WorkingTime>();
  const families = new Map<string, number>();
  const familyIndex = (f: string | undefined) => {
    if (f === undefined) return -1;
    if (!families.has(f)) families.set(f, families.size);
    return families.get(f)!;
  };
  for (const routing of request.routings) for (const op of routing.operations) familyIndex(op.family);
  for (const r of request.resources) for (const c of r.setupMatrix?.changeovers ?? []) (familyIndex(c.from), familyIndex(c.to));
  const familyCount = families.size;

  let machineCount = 0;
  const resources: ProblemResource[] = [];
  for (const r of request.resources) {
    let calendar = compiled.get(r.calendar);
    if (calendar === undefined) {
      if (shouldStop()) return stopped;
      calendar = compileCalendar(calendarById.get(r.calendar)!, { from, to });
      compiled.set(r.calendar, calendar);
    }
    let changeover: Float64Array | null = null;
    if (r.setupMatrix !== undefined && (r.setupMatrix.default > 0 || r.setupMatrix.changeovers.length > 0)) {
      changeover = new Float64Array(familyCount * familyCount).fill(r.setupMatrix.default);
      for (const c of r.setupMatrix.changeovers) changeover[familyIndex(c.from) * familyCount + familyIndex(c.to)] = c.minutes;
    }
    resources.push({ id: r.id, firstMachine: machineCount, units: r.units, calendar, changeover });
    machineCount += r.units;
  }
  const resourceIndex = new Map(request.resources.map((r, i) => [r.id, i]));
  const alive = resources.map((r) => r.calendar!.nextWorkingInstant(planStart) !== null);

  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const progress = new Map(request.progress.map((p, i) => [`${p.order}\u0000${p.operation}`, i]));
  const frozenByKey = new Map(frozen.map((f) => [`${f.order}\u0000${f.operation}`, f]));
  const material = prepareMaterial(request, (o, k): OperationProgress => {
    const key = `${request.orders[o]!.id}\u0000${routings.get(request.orders[o]!.item)!.operations[k]!.id}`;
    const reported = progress.get(key);
    if (reported !== undefined) return { state: request.progress[reported]!.status };
    const pin = frozenByKey.get(key);
    if (pin === undefined) return { state: "free" };
    return pin.start >= planStart ? { state: "fixed", start: pin.start } : { state: "running" };
  }, kept);
  if (material !== null && material.shortStarted.size > 0) {
    const [o, shortages] = [...material.shortStarted][0]!;
    return { ok: false, reason: `order "${request.orders[o]!.id}" has started but its material is short: ${shortages.map((s) => `${s.quantity} of "${s.item}"`).join(", ")}` };
  }
  const jobs: ProblemJob[] = [];
  const orderOfJob: number[] = [];
  const operationId: string[] = [];
  const setupMinutes: number[] = [];
  const opJob: number[] = [];
  const opFamily: number[] = [];
  const opMinGap: number[] = [];
  const altStart: number[] = [0];
  const altResource: number[] = [];
  const altWork: number[] = [];
  const opState: number[] = [];
  const doneEnd: number[] = [];
  const fixed: FixedOperation[] = [];
  const pinPath = new Map<number, string>();
  const initialFamily = new Int32Array(machineCount).fill(-1);
  const initialFamilyStart = new Float64Array(machineCount).fill(-Infinity);

  const orderEarliest = request.orders.map((order) => Math.max(planStart, ...[order.release, order.materialReady].filter((t) => t !== undefined).map(minutes)));
  for (const [o, order] of request.orders.entries()) {
    if (o % POLL_EVERY === POLL_EVERY - 1 && shouldStop()) return stopped;
    if (material?.unplannable.has(o)) continue;
    const routing = routings.get(order.item)!;
    // With a reference, nothing new starts inside the frozen fence.
    const earliest = Math.max(orderEarliest[o]!, reference?.fence ?? -Infinity);
    jobs.push({ firstOp: operationId.length, opCount: routing.operations.length, earliest, due: minutes(order.due), weight: priorityWeight(order.priority) });
    orderOfJob.push(o);
    for (const op of routing.operations) {
      const index = operationId.length;
      operationId.push(op.id);
      setupMinutes.push(op.setupMinutes);
      opJob.push(jobs.length - 1);
      opFamily.push(familyIndex(op.family));
      opMinGap.push(op.minGapMinutes);
      const baseOn = (id: string) => op.setupMinutes + (order.quantity * op.runMinutesPerUnit) / request.resources[resourceIndex.get(id)!]!.efficiency;
      const entry = progress.get(`${order.id}\u0000${op.id}`);
      const p = entry === undefined ? undefined : request.progress[entry]!;
      const pin = p === undefined ? frozenByKey.get(`${order.id}\u0000${op.id}`) : undefined;
      if (pin !== undefined) {
        const r = resourceIndex.get(pin.resource)!;
        altResource.push(r);
        altWork.push(baseOn(pin.resource));
        opState.push(FIXED);
        doneEnd.push(NaN);
        fixed.push({ op: index, machine: resources[r]!.firstMachine + pin.unit, start: pin.start, end: pin.end, changeover: pin.changeover ?? 0 });
        if (pin.path !== undefined) pinPath.set(index, pin.path);
      } else if (p === undefined) {
        opState.push(FREE);
        doneEnd.push(NaN);
        for (const id of op.resources) {
          if (!alive[resourceIndex.get(id)!]) continue;
          altResource.push(resourceIndex.get(id)!);
          altWork.push(baseOn(id));
        }
        if (altResource.length === altStart[altStart.length - 1]) {
          return { ok: false, reason: `operation "${op.id}" of order "${order.id}": none of its resources (${op.resources.join(", ")}) has working time after the plan start` };
        }
      } else {
        const r = resourceIndex.get(p.resource)!;
        const calendar = resources[r]!.calendar!;
        const machine = resources[r]!.firstMachine + p.unit;
        const start = minutes(p.start);
        const full = workMinutes(baseOn(p.resource), 0);
        altResource.push(r);
        altWork.push(baseOn(p.resource));
        if (start > initialFamilyStart[machine]!) {
          initialFamilyStart[machine] = start;
          initialFamily[machine] = familyIndex(op.family);
        }
        if (p.status === "done") {
          opState.push(DONE);
          doneEnd.push(Math.min(planStart, calendar.addWorkingMinutes(start, full) ?? planStart));
        } else {
          const remaining = p.remainingMinutes ?? Math.max(0, full - calendar.workingMinutesBetween(start, planStart));
          const end = remaining > 0 ? calendar.addWorkingMinutes(planStart, Math.ceil(remaining - 1e-9)) : planStart;
          if (end === null) return { ok: false, reason: `running operation "${op.id}" of order "${order.id}" cannot finish inside the calendar horizon` };
          opState.push(FIXED);
          doneEnd.push(NaN);
          fixed.push({ op: index, machine, start, end, changeover: 0 });
        }
      }
      altStart.push(altResource.length);
    }
  }
  fixed.sort((a, b) => a.machine - b.machine || a.start - b.start);
  if (pinPath.size > 0) {
    const orderIds = orderOfJob.map((o) => request.orders[o]!.id);
    const problems = checkPins({ fixed, jobs, opJob, opState, opMinGap, operationId, orderIds, pathOf: pinPath });
    if (problems.length > 0) return { ok: false, reason: problems[0]!.message, problems };
  }
  const fixedStart = new Float64Array(operationId.length).fill(NaN);
  for (const f of fixed) fixedStart[f.op] = f.start;
  const materialModel =
    material === null ? null : buildMaterialModel(request, material, {
          orderOfJob,
          firstOp: jobs.map((j) => j.firstOp),
          opCount: operationId.length,
          fixedStart,
          completed: jobs.map((j) => opState[j.firstOp + j.opCount - 1] === DONE),
        });
  const problem: SchedulingProblem = {
    origin: planStart,
    objective: request.options.objective,
    jobs,
    opCount: operationId.length,
    opJob: Int32Array.from(opJob),
    opFamily: Int32Array.from(opFamily),
    opMinGap: Float64Array.from(opMinGap),
    altStart: Int32Array.from(altStart),
    altResource: Int32Array.from(altResource),
    altWork: Float64Array.from(altWork),
    resources,
    machineCount,
    machineResource: Int32Array.from(resources.flatMap((r, i) => Array.from({ length: r.units }, () => i))),
    familyCount,
    initialFamily,
    opState: Uint8Array.from(opState),
    doneEnd: Float64Array.from(doneEnd),
    fixed,
    material: materialModel,
    stability: reference === null ? null : stabilityModel(request, reference, { jobs, orderOfJob, operationId, opState, resources }),
  };
  return { ok: true, compiled: { problem, orderOfJob, operationId, setupMinutes, planStart, unplannable: material?.unplannable ?? new Map(), material, orderEarliest } };
}
