/**
 * A schedule request's reference plan and frozen fence (issue 15), compiled around the jobs: before them,
 * which reference operations are frozen (they start before `frozenUntil`, or were running, and progress
 * does not report them) and the fence itself; after them, where every other operation was in the
 * reference (its machine and start: the stability model the objective counts changes against and the
 * decoder anchors operations to), and whether the pinned operations can be kept at all.
 */
import type { Problem } from "../../src/problem.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { formatDateTime, parseDateTime } from "../../src/time.ts";
import { freezePlan, planKey } from "./freeze-plan.ts";
import type { FrozenPlan } from "./freeze-plan.ts";
import { DONE, FIXED, FREE } from "./problem.ts";
import type { FixedOperation, ProblemJob, ProblemResource, StabilityModel } from "./problem.ts";

export interface ReferencePlan extends FrozenPlan {
  /** Nothing free starts earlier: max(planStart, frozenUntil). */
  fence: number;
}

/** The reference split into frozen and free operations, or null without a reference. */
export function referencePlan(request: ScheduleRequest): ReferencePlan | null {
  if (request.reference === undefined) return null;
  const planStart = parseDateTime(request.planStart)!;
  const frozenUntil = request.frozenUntil === undefined ? planStart : parseDateTime(request.frozenUntil)!;
  return { ...freezePlan(request.reference.operations, request.progress, frozenUntil, "reference.operations"), fence: Math.max(planStart, frozenUntil) };
}

/** What stabilityModel needs of the compiled jobs. */
export interface CompiledJobs {
  jobs: readonly ProblemJob[];
  orderOfJob: readonly number[];
  operationId: readonly string[];
  opState: readonly number[];
  resources: readonly ProblemResource[];
  /** The part (issue 16) of every operation: its slice's index within its routing operation. */
  partOf: readonly number[];
}

export function stabilityModel(request: ScheduleRequest, reference: ReferencePlan, compiled: CompiledJobs): StabilityModel {
  const n = compiled.operationId.length;
  const refMachine = new Int32Array(n).fill(-1);
  const refStart = new Float64Array(n).fill(NaN);
  const free = new Map(reference.free.map((f) => [planKey(f.operation.order, f.operation.operation, f.operation.part), f]));
  const firstMachine = new Map(compiled.resources.map((r) => [r.id, r.firstMachine]));
  compiled.jobs.forEach((job, j) => {
    const orderId = request.orders[compiled.orderOfJob[j]!]!.id;
    for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) {
      const planned = compiled.opState[op] === FREE ? free.get(planKey(orderId, compiled.operationId[op]!, compiled.partOf[op])) : undefined;
      if (planned === undefined) continue;
      refMachine[op] = firstMachine.get(planned.operation.resource)! + planned.operation.unit;
      refStart[op] = planned.start;
    }
  });
  return {
    refMachine,
    refStart,
    tolerance: request.options.moveToleranceMinutes ?? DEFAULT_MOVE_TOLERANCE_MINUTES,
    counted: request.options.stability !== "free",
    fence: reference.fence,
    harmLimit: null,
  };
}

/** The pins of a compiled problem, to check: fixed operations and their routing neighbours. */
export interface Pins {
  fixed: readonly FixedOperation[];
  jobs: readonly ProblemJob[];
  opJob: readonly number[];
  opState: readonly number[];
  opMinGap: readonly number[];
  operationId: readonly string[];
  orderIds: readonly string[];
  /** JSON path of every pinned frozen operation (running ones have none). */
  pathOf: ReadonlyMap<number, string>;
  /** Issue 16: the first slice of every operation's routing operation (its parts are partFirst … the next one's − 1). */
  partFirst: readonly number[];
  /** Issue 16: the transfer batch of every operation to the next one (Infinity: the whole lot moves at once). */
  transfer: readonly number[];
  /** Whether a machine is a unit of a batch resource (issue 21): a batch's members share it, same start and end. */
  batchMachine?: (machine: number) => boolean;
}

/**
 * Frozen operations that cannot be kept where the plan in force has them: on a unit that running work (or
 * another frozen operation) occupies then, before their routing predecessor ends (plus its gap), or after a
 * predecessor that is neither done, running nor frozen (it could only start after the fence). 422s.
 */
export function checkPins(pins: Pins): Problem[] {
  const problems: Problem[] = [];
  const name = (op: number) => `"${pins.operationId[op]}" of order "${pins.orderIds[pins.opJob[op]!]}"`;
  const fixedOf = new Map(pins.fixed.map((f) => [f.op, f]));
  const report = (f: FixedOperation, message: string) => problems.push({ path: pins.pathOf.get(f.op)!, message: `frozen operation ${name(f.op)} ${message}` });
  for (let k = 1; k < pins.fixed.length; k++) {
    const [a, b] = [pins.fixed[k - 1]!, pins.fixed[k]!];
    if (a.machine !== b.machine || b.start >= a.end) continue;
    if (pins.batchMachine?.(a.machine) && a.start === b.start && a.end === b.end) continue;
    const frozen = pins.pathOf.has(b.op) ? b : a;
    const other = frozen === b ? a : b;
    if (pins.pathOf.has(frozen.op)) report(frozen, `overlaps ${pins.pathOf.has(other.op) ? "frozen" : "running"} operation ${name(other.op)}, which runs until ${formatDateTime(other.end)}`);
  }
  for (const f of pins.fixed) {
    if (!pins.pathOf.has(f.op)) continue;
    const job = pins.jobs[pins.opJob[f.op]!]!;
    // The routing predecessor is every part of the previous routing operation (issue 16), not a sibling part.
    const last = pins.partFirst[f.op]! - 1;
    if (last < job.firstOp) continue;
    for (let pred = pins.partFirst[last]!; pred <= last; pred++) {
      if (pins.opState[pred] === DONE) continue;
      if (pins.opState[pred] !== FIXED) report(f, `follows ${name(pred)}, which is neither done, running nor frozen`);
      // A transfer batch lets it start before its predecessor ends (the decoder keeps the batch's bounds).
      else if (pins.transfer[pred] === Infinity && f.start < fixedOf.get(pred)!.end + pins.opMinGap[f.op]!) {
        report(f, `starts ${formatDateTime(f.start)}, before ${name(pred)} ends (${formatDateTime(fixedOf.get(pred)!.end)}) plus its gap`);
      }
    }
  }
  return problems;
}
