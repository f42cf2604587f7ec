/**
 * Compiling a (checked) schedule request into the engine's internal problem: orders become jobs with their
 * routing's operations, resources become machines (one per unit, compile-resources.ts), each distinct
 * calendar is compiled once over a horizon that covers the progress before the plan start and a generous
 * span after it, and reported progress becomes done (history) and fixed (running) operations.
 *
 * Running operations keep resource, unit and start and finish their remaining working minutes from the plan
 * start; by default the remaining minutes are the full duration minus the working minutes already elapsed.
 * A done operation is taken to have ended at min(planStart, start + its full duration).
 *
 * Shop-floor rules (issue 16) compile into ShopFloorRules: a splittable operation becomes slices
 * (compile-parts.ts; one slice when it has progress, the given plan's parts when re-planning), tardiness
 * counts against due − the due-date buffer, and an order is left out with its reason when an uninterruptible
 * operation fits no working stretch of any of its resources, or when the search found it cannot keep a
 * maximum wait (`excluded`; its running work stays).
 *
 * With a reference plan (issue 15, compile-reference.ts) its frozen operations are pinned like running ones,
 * no other operation starts before the fence, and the problem carries where every other operation was.
 */
import { MAX_HORIZON_DAYS } from "../../src/limits.ts";
import { priorityWeight } from "../../src/order.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import type { Problem } from "../../src/problem.ts";
import type { Operation } from "../../src/routing.ts";
import type { AllocationShortage } from "./allocate-material.ts";
import { checkPins, referencePlan, stabilityModel } from "./compile-reference.ts";
import { buildMaterialModel, prepareMaterial } from "./compile-material.ts";
import type { MaterialPrepass, OperationProgress } from "./compile-material.ts";
import { planParts, sliceQuantities } from "./compile-parts.ts";
import { compileBatches, compilePools } from "./compile-pools.ts";
import { compileResources } from "./compile-resources.ts";
import { DONE, FIXED, FREE, workMinutes } from "./problem.ts";
import { frozenFirstBatches } from "./routing-ready.ts";
import type { FixedOperation, ProblemJob, SchedulingProblem, ShopFloorRules } from "./problem.ts";

export interface CompiledRequest {
  problem: SchedulingProblem;
  /** Index into request.orders of each job. */
  orderOfJob: number[];
  /** Routing operation id of each operation. */
  operationId: string[];
  /** Index of each operation's routing operation in its routing. */
  step: number[];
  /** The order quantity of each job. */
  lots: number[];
  /** Per job, the first operation of each of its routing operations (slices up to the next entry; one entry more at the end). */
  stepFirstOp: number[][];
  /** The routing's setupMinutes of each operation (without changeover). */
  setupMinutes: number[];
  planStart: number;
  /** Orders (request.orders' indices) left out for lack of material, with what they lack. */
  unplannable: Map<number, AllocationShortage[]>;
  /** Orders left out because a rule cannot be kept, with the reason; a started one keeps only its running work as a job. */
  excluded: Map<number, string>;
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
  /** Part of a split operation (default 0); the plan's parts come from CompileOptions.partsOf. */
  part?: number;
  resource: string;
  /** 0-based unit of the resource. */
  unit: number;
  start: number;
  end: number;
  changeover?: number;
  /** JSON path of the plan operation it comes from, to name it when it cannot be kept (422). */
  path?: string;
}

export interface CompileOptions {
  /** Orders to leave out, with the reason (the search found they cannot keep a maximum wait). */
  excluded?: ReadonlyMap<number, string>;
  /** The quantities of a given plan's parts of an operation (re-planning keeps them), by part. */
  partsOf?: (order: string, operation: string) => number[] | undefined;
  /**
   * Polled between calendars and every POLL_EVERY orders: compiling 50,000 orders takes half a second, and it
   * counts against the request's time limit.
   */
  shouldStop?: () => boolean;
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
    for (const t of [order.release, order.materialReady].filter((t) => t !== undefined)) latest = Math.max(latest, minutes(t));
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
 */
export function compileProblem(
  request: ScheduleRequest,
  spanMinutes = defaultSpanMinutes(request),
  pinned: readonly FrozenOperation[] = [],
  kept: ReadonlySet<number> = new Set(),
  options: CompileOptions = {},
): CompileResult {
  const stopped: CompileResult = { ok: false, reason: "stopped while compiling the problem", stopped: true };
  const planStart = minutes(request.planStart);
  const reference = referencePlan(request);
  const frozen = reference === null ? pinned : [...pinned, ...reference.frozen];
  const from = request.progress.reduce((earliest, p) => Math.min(earliest, minutes(p.start)), planStart) - MINUTES_PER_DAY;
  const shouldStop = options.shouldStop ?? (() => false);
  const compiledResources = compileResources(request, { from, to: planStart + Math.min(spanMinutes, MAX_SPAN_MINUTES) }, shouldStop);
  if (compiledResources === null) return stopped;
  const { resources, machineCount, familyCount, familyIndex, resourceIndex } = compiledResources;
  const alive = resources.map((r) => r.calendar!.nextWorkingInstant(planStart) !== null);

  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const progress = new Map(request.progress.map((p, i) => [`${p.order}\u0000${p.operation}`, i]));
  const frozenByKey = new Map<string, FrozenOperation[]>();
  for (const f of frozen) {
    const key = `${f.order}\u0000${f.operation}`;
    frozenByKey.set(key, [...(frozenByKey.get(key) ?? []), f]);
  }
  const progressOf = (o: number, k: number): OperationProgress => {
    const key = `${request.orders[o]!.id}\u0000${routings.get(request.orders[o]!.item)!.operations[k]!.id}`;
    const reported = progress.get(key);
    if (reported !== undefined) return { state: request.progress[reported]!.status };
    const pins = frozenByKey.get(key);
    if (pins === undefined) return { state: "free" };
    // A split operation is under way from its earliest part.
    const start = Math.min(...pins.map((f) => f.start));
    return start >= planStart ? { state: "fixed", start } : { state: "running" };
  };
  // The parts of split operations (issue 16) that a given plan has: insertion's current plan, else the reference.
  const referenceParts = reference === null || options.partsOf !== undefined ? null : planParts(request, request.reference!.operations);
  const partsOf = options.partsOf ?? (referenceParts === null ? undefined : (order: string, operation: string) => referenceParts.get(`${order}\u0000${operation}`));
  const units = (ids: readonly string[]) => ids.reduce((n, id) => n + (alive[resourceIndex.get(id)!] ? request.resources[resourceIndex.get(id)!]!.units : 0), 0);
  // Keys of (order, operation) are built only when progress or pins are there to look up (a plant's first
  // plan has neither, and 50,000 strings cost).
  const keyed = progress.size > 0 || frozenByKey.size > 0;
  const routingOp = (o: number, k: number) => routings.get(request.orders[o]!.item)!.operations[k]!;
  const slicesOf = (o: number, k: number, op = routingOp(o, k)): number[] => {
    const order = request.orders[o]!;
    if (progress.size > 0 && progress.has(`${order.id}\u0000${op.id}`)) return [order.quantity];
    // Only a split operation's slices depend on the units that can run it.
    return partsOf?.(order.id, op.id) ?? sliceQuantities(order.quantity, op.split, op.split === undefined ? 1 : units(op.resources));
  };
  const workOf = (op: Operation, id: string, quantity: number) => op.setupMinutes + (quantity * op.runMinutesPerUnit) / request.resources[resourceIndex.get(id)!]!.efficiency;
  const workOn = (o: number, k: number, id: string, quantity: number) => workOf(routingOp(o, k), id, quantity);
  // An uninterruptible operation runs on the alternatives with a working stretch long enough for its largest slice.
  const fits = (o: number, k: number, id: string, op = routingOp(o, k)) => {
    const r = resourceIndex.get(id)!;
    return alive[r]! && (op.interruptible !== false || resources[r]!.calendar!.longestWindow() >= workMinutes(workOf(op, id, Math.max(...slicesOf(o, k, op))), 0));
  };
  const excluded = new Map(options.excluded ?? []);
  request.orders.forEach((order, o) => {
    if (excluded.has(o)) return;
    routings.get(order.item)!.operations.forEach((op, k) => {
      if (excluded.has(o) || op.interruptible !== false || progressOf(o, k).state !== "free" || !op.resources.some((id) => alive[resourceIndex.get(id)!])) return;
      if (op.resources.some((id) => fits(o, k, id))) return;
      const longest = op.resources.map((id) => `${id} ${resources[resourceIndex.get(id)!]!.calendar!.longestWindow()}`).join(", ");
      const need = workMinutes(workOn(o, k, op.resources[0]!, Math.max(...slicesOf(o, k))), 0);
      excluded.set(o, `operation "${op.id}" must run unbroken for ${need} working minutes, longer than any working stretch of its resources (longest: ${longest} minutes)`);
    });
  });
  const material = prepareMaterial(request, progressOf, kept, new Set(excluded.keys()));
  if (material !== null && material.shortStarted.size > 0) {
    const [o, shortages] = [...material.shortStarted][0]!;
    return { ok: false, reason: `order "${request.orders[o]!.id}" has started but its material is short: ${shortages.map((s) => `${s.quantity} of "${s.item}"`).join(", ")}` };
  }
  const jobs: ProblemJob[] = [];
  const orderOfJob: number[] = [];
  const operationId: string[] = [];
  const step: number[] = [];
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
  /** The fixed operations that are frozen parts of the plan in force (the others are running). */
  const frozenFixed: FixedOperation[] = [];
  const rules = { partFirst: [] as number[], partLast: [] as number[], quantity: [] as number[], lot: [] as number[], transfer: [] as number[], maxWait: [] as number[], unbroken: [] as number[], waitOps: [] as number[] };
  const stepFirstOp: number[][] = [];
  const pinPath = new Map<number, string>();
  const initialFamily = new Int32Array(machineCount).fill(-1);
  const initialFamilyStart = new Float64Array(machineCount).fill(-Infinity);
  const defaultBuffer = request.options.dueBufferMinutes ?? 0;

  const orderEarliest = request.orders.map((order) => Math.max(planStart, ...[order.release, order.materialReady].filter((t) => t !== undefined).map(minutes)));
  for (const [o, order] of request.orders.entries()) {
    if (o % POLL_EVERY === POLL_EVERY - 1 && shouldStop()) return stopped;
    if (material?.unplannable.has(o)) continue;
    // An order left out keeps only the work that has started (running, frozen or done): it is under way.
    const startedOnly = excluded.has(o);
    const routing = routings.get(order.item)!;
    const due = minutes(order.due);
    // With a reference, nothing new starts inside the frozen fence.
    const earliest = Math.max(orderEarliest[o]!, reference?.fence ?? -Infinity);
    const job: ProblemJob = { firstOp: operationId.length, opCount: 0, earliest, due, target: due - (order.dueBufferMinutes ?? defaultBuffer), weight: priorityWeight(order.priority) };
    const steps: number[] = [];
    for (const [k, op] of routing.operations.entries()) {
      steps.push(operationId.length);
      const key = keyed ? `${order.id}\u0000${op.id}` : "";
      const entry = keyed ? progress.get(key) : undefined;
      const p = entry === undefined ? undefined : request.progress[entry]!;
      const pinnedParts = p === undefined && keyed ? frozenByKey.get(key) : undefined;
      if (startedOnly && p === undefined && pinnedParts === undefined) continue;
      const slices = slicesOf(o, k, op);
      const first = operationId.length;
      for (const [part, quantity] of slices.entries()) {
        const index = operationId.length;
        operationId.push(op.id);
        step.push(k);
        setupMinutes.push(op.setupMinutes);
        opJob.push(jobs.length);
        opFamily.push(familyIndex(op.family));
        opMinGap.push(op.minGapMinutes);
        rules.partFirst.push(first);
        rules.partLast.push(first + slices.length - 1);
        rules.quantity.push(quantity);
        rules.lot.push(order.quantity);
        rules.transfer.push(op.transferQuantity ?? Infinity);
        rules.maxWait.push(op.maxWaitMinutes ?? Infinity);
        rules.unbroken.push(op.interruptible === false ? 1 : 0);
        if (part === 0 && k > 0 && op.maxWaitMinutes !== undefined && p === undefined) rules.waitOps.push(index);
        const pin = pinnedParts?.find((f) => (f.part ?? 0) === part);
        if (pinnedParts !== undefined && pin === undefined) return { ok: false, reason: `part ${part} of operation "${op.id}" of order "${order.id}" is not in the frozen plan` };
        if (pin !== undefined) {
          const r = resourceIndex.get(pin.resource)!;
          altResource.push(r);
          altWork.push(workOn(o, k, pin.resource, quantity));
          opState.push(FIXED);
          doneEnd.push(NaN);
          const pinned = { op: index, machine: resources[r]!.firstMachine + pin.unit, start: pin.start, end: pin.end, changeover: pin.changeover ?? 0 };
          fixed.push(pinned);
          frozenFixed.push(pinned);
          if (pin.path !== undefined) pinPath.set(index, pin.path);
        } else if (p === undefined) {
          opState.push(FREE);
          doneEnd.push(NaN);
          for (const id of op.resources) {
            if (!fits(o, k, id, op)) continue;
            altResource.push(resourceIndex.get(id)!);
            altWork.push(workOf(op, id, quantity));
          }
          if (altResource.length === altStart[altStart.length - 1]) {
            return { ok: false, reason: `operation "${op.id}" of order "${order.id}": none of its resources (${op.resources.join(", ")}) has working time after the plan start` };
          }
        } else {
          const r = resourceIndex.get(p.resource)!;
          const calendar = resources[r]!.calendar!;
          const machine = resources[r]!.firstMachine + p.unit;
          const start = minutes(p.start);
          const full = workMinutes(workOn(o, k, p.resource, quantity), 0);
          altResource.push(r);
          altWork.push(workOn(o, k, p.resource, quantity));
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
    job.opCount = operationId.length - job.firstOp;
    if (job.opCount === 0) continue;
    steps.push(operationId.length);
    stepFirstOp.push(steps);
    jobs.push(job);
    orderOfJob.push(o);
  }
  fixed.sort((a, b) => a.machine - b.machine || a.start - b.start);
  if (pinPath.size > 0) {
    const orderIds = orderOfJob.map((o) => request.orders[o]!.id);
    const batchMachine = (m: number) => request.resources[resources.findIndex((r) => m >= r.firstMachine && m < r.firstMachine + r.units)]?.batch !== undefined;
    const problems = checkPins({ fixed, jobs, opJob, opState, opMinGap, operationId, orderIds, pathOf: pinPath, partFirst: rules.partFirst, transfer: rules.transfer, batchMachine });
    if (problems.length > 0) return { ok: false, reason: problems[0]!.message, problems };
  }
  const fixedStart = new Float64Array(operationId.length).fill(NaN);
  for (const f of fixed) fixedStart[f.op] = f.start;
  const materialModel =
    material === null
      ? null
      : buildMaterialModel(request, material, {
          orderOfJob,
          stepFirstOp,
          quantity: rules.quantity,
          opCount: operationId.length,
          fixedStart,
          completed: jobs.map((j, i) => excluded.has(orderOfJob[i]!) || opState[j.firstOp + j.opCount - 1] === DONE),
        });
  const problem: SchedulingProblem = {
    origin: planStart,
    objective: request.options.objective,
    jobs,
    opCount: operationId.length,
    opJob: Int32Array.from(opJob),
    opFamily: Int32Array.from(opFamily),
    opMinGap: Float64Array.from(opMinGap),
    opEarliest: Float64Array.from(opJob, (j) => jobs[j]!.earliest),
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
    rules: shopFloorRules(rules, setupMinutes),
    stability: reference === null ? null : stabilityModel(request, reference, { jobs, orderOfJob, operationId, opState, resources, partOf: operationId.map((_, op) => op - rules.partFirst[op]!) }),
  };
  if (problem.rules !== null) frozenFirstBatches(problem, problem.rules, frozenFixed);
  const lots = orderOfJob.map((o) => request.orders[o]!.quantity);
  const compiled = { problem, orderOfJob, operationId, step, lots, stepFirstOp, setupMinutes, planStart, unplannable: material?.unplannable ?? new Map(), excluded, material, orderEarliest };
  problem.pools = compilePools(request, compiled);
  problem.batches = compileBatches(request, compiled, problem);
  return { ok: true, compiled };
}

/** The rules' typed arrays, or null when no operation has any rule (the decoder's plain path). */
function shopFloorRules(
  rules: { partFirst: number[]; partLast: number[]; quantity: number[]; lot: number[]; transfer: number[]; maxWait: number[]; unbroken: number[]; waitOps: number[] },
  setup: number[],
): ShopFloorRules | null {
  const split = rules.partFirst.some((first, op) => rules.partLast[op]! > first);
  const any = split || rules.transfer.some((q) => q !== Infinity) || rules.maxWait.some((w) => w !== Infinity) || rules.unbroken.some((u) => u === 1);
  if (!any) return null;
  return {
    partFirst: Int32Array.from(rules.partFirst),
    partLast: Int32Array.from(rules.partLast),
    quantity: Float64Array.from(rules.quantity),
    lot: Float64Array.from(rules.lot),
    setup: Float64Array.from(setup),
    transfer: Float64Array.from(rules.transfer),
    maxWait: Float64Array.from(rules.maxWait),
    unbroken: Uint8Array.from(rules.unbroken),
    split,
    waitOps: Int32Array.from(rules.waitOps),
    frozenBatch: new Float64Array(rules.partFirst.length).fill(NaN),
  };
}
