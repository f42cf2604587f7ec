/**
 * The scheduling engine's internal problem: a flexible job shop with machine calendars, sequence-dependent
 * changeovers, minimum gaps, release dates and fixed (running / frozen) operations. Both the factory request
 * (compile-problem.ts) and the benchmark instances (solver/jobshop) compile to it, so one search serves both.
 *
 * Operations are numbered 0…n−1, job by job in routing order. A "machine" is one unit of one resource.
 * Time is in minutes (factory requests) or abstract time units (benchmarks, no calendars).
 */
import type { WorkingTime } from "../calendar/working-time.ts";
import type { MaterialModel } from "./material-ledger.ts";

export interface ProblemJob {
  /** Index of the job's first operation; its operations are firstOp … firstOp + opCount − 1. */
  firstOp: number;
  opCount: number;
  /** No operation starts earlier (max of plan start, release, material ready). */
  earliest: number;
  due: number;
  /** What tardiness counts against: due − the order's due-date buffer (issue 16); due without one. */
  target: number;
  /** Weight of a minute late (priorityWeight); 0 for benchmarks. */
  weight: number;
}

export interface ProblemResource {
  id: string;
  /** Machines firstMachine … firstMachine + units − 1 are this resource's units. */
  firstMachine: number;
  units: number;
  /** Null: always working (benchmarks). */
  calendar: WorkingTime | null;
  /** Changeover minutes from family a to b at [a × familyCount + b]; null when the resource has no setup matrix. */
  changeover: Float64Array | null;
}

/** An operation pinned to a machine and times: running (progress) or frozen (rush insertion). */
export interface FixedOperation {
  op: number;
  machine: number;
  start: number;
  end: number;
  changeover: number;
}

/**
 * The shop-floor rules of issue 16, per operation. A routing operation that may be split is compiled into
 * slices (compile-parts.ts): operations of the same job and routing step that share its predecessors and
 * successors; slices run one after another on a unit form one part, paying one setup. Without splitting a
 * routing operation is one slice.
 */
export interface ShopFloorRules {
  /** The slices of op's routing operation are partFirst[op] … partLast[op]. */
  partFirst: Int32Array;
  partLast: Int32Array;
  /** Units the slice makes, and its order's quantity (the lot). */
  quantity: Float64Array;
  lot: Float64Array;
  /** Setup minutes of the routing operation (without changeover): a slice continuing its part pays none. */
  setup: Float64Array;
  /** Transfer batch of op's routing operation to the next one, in units (Infinity: the whole lot moves at once). */
  transfer: Float64Array;
  /** Most elapsed minutes from the previous routing operation's end to this one's start (Infinity: no limit). */
  maxWait: Float64Array;
  /** 1 when the operation runs in one unbroken stretch of working time. */
  unbroken: Uint8Array;
  /** Whether any routing operation has more than one slice. */
  split: boolean;
  /** The first slice of every routing operation with a maximum wait after a free predecessor or a fixed one. */
  waitOps: Int32Array;
  /**
   * When a frozen slice (a part of the plan in force, pinned by the fence) has done its first transfer batch
   * (routing-ready.ts, frozenFirstBatches); NaN for every other operation, and for a frozen part that moves whole.
   */
  frozenBatch: Float64Array;
}

/** A pool of issue 21 (operators, crews, tools): units by time of day on its own calendar. */
export interface ProblemPool {
  id: string;
  calendar: WorkingTime;
  /** Units outside every window. */
  units: number;
  /** Time-of-day windows [from, to) in minutes of the day (a window across midnight is two), sorted by from. */
  windows: Array<{ from: number; to: number; units: number }>;
}

/** Pools and the operations' requirements (issue 21). */
export interface PoolRules {
  pools: ProblemPool[];
  /** Requirements of op are reqStart[op] … reqStart[op + 1] − 1: reqPool units reqUnits. */
  reqStart: Int32Array;
  reqPool: Int32Array;
  reqUnits: Float64Array;
  /** Working time of alternative a: its resource's calendar ∩ the calendars of its operation's pools (null: the resource's). */
  altCalendar: Array<WorkingTime | null>;
}

/** Batch resources (issue 21): per resource null, or how much one batch holds. */
export interface BatchRules {
  capacity: Array<{ capacity: number; byQuantity: boolean } | null>;
  /** What each operation fills of a batch: its order's quantity, or 1 by operations. */
  size: Float64Array;
}

/**
 * Re-planning against a reference plan (issue 15): where each operation was, how far its start may move
 * before it counts as changed, and whether the objective counts changes (minimal-change) or only reports them.
 */
export interface StabilityModel {
  /** Machine of each free operation in the reference (−1: it has none, e.g. a new order). */
  refMachine: Int32Array;
  /** Its start in the reference (NaN: none). An anchored operation starts no earlier (see Sequencing.anchored). */
  refStart: Float64Array;
  /** Elapsed minutes a start may move without counting as a change. */
  tolerance: number;
  /** True: the number of changes is the objective's second component. */
  counted: boolean;
  /** Nothing free starts before the frozen fence (minutes). */
  fence: number;
  /**
   * Protecting confirmed orders (rush insertion's protect-confirmed, issue 15): per job, the latest completion
   * that harms no one (Infinity: none); the objective then puts Σ weight × minutes past it first. Null: none.
   */
  harmLimit: Float64Array | null;
}

export interface SchedulingProblem {
  /** Time zero of the objective (plan start); completion sums are measured from it. */
  origin: number;
  objective: "tardiness" | "makespan";
  jobs: ProblemJob[];
  opCount: number;
  opJob: Int32Array;
  /** Changeover family of each operation, −1 for none. */
  opFamily: Int32Array;
  /** Elapsed minutes between the previous operation's end and this one's start. */
  opMinGap: Float64Array;
  /**
   * Earliest start of each operation's job (ProblemJob.earliest), per operation: placing an operation reads it
   * every time, and from a typed array it is one load where the job's object is two, each a cache miss at
   * plant scale.
   */
  opEarliest: Float64Array;
  /** Alternatives of op i are altStart[i] … altStart[i+1] − 1. */
  altStart: Int32Array;
  altResource: Int32Array;
  /** Working minutes before rounding, without changeover: setupMinutes + quantity × runMinutesPerUnit / efficiency. */
  altWork: Float64Array;
  resources: ProblemResource[];
  machineCount: number;
  machineResource: Int32Array;
  familyCount: number;
  /** Family each machine last ran before the plan (from done progress), −1 for none. */
  initialFamily: Int32Array;
  /** 0 = free (to schedule), 1 = done (history, no capacity), 2 = fixed (see fixed). */
  opState: Uint8Array;
  /** End of done operations (their successors wait for it); NaN for the others. */
  doneEnd: Float64Array;
  /** Fixed operations, sorted by machine then start. */
  fixed: FixedOperation[];
  /** Stock, receipts, consumption and production (issue 14); null when material is not constrained. */
  material: MaterialModel | null;
  /** Transfer batches, splitting, uninterruptible operations and maximum waits; null when no operation has one. */
  rules: ShopFloorRules | null;
  /** Pools (issue 21); absent or null when no operation requires one. */
  pools?: PoolRules | null;
  /** Batch resources (issue 21); absent or null when no resource batches. */
  batches?: BatchRules | null;
  /** The reference plan to stay close to (issue 15); null without one. */
  stability: StabilityModel | null;
}

export const FREE = 0;
export const DONE = 1;
export const FIXED = 2;

/** Changeover minutes on resource r from family a to family b (0 for the same or no family). */
export function changeoverMinutes(problem: SchedulingProblem, r: number, a: number, b: number): number {
  const matrix = problem.resources[r]!.changeover;
  if (matrix === null || a < 0 || b < 0 || a === b) return 0;
  return matrix[a * problem.familyCount + b]!;
}

/** Whether free op, at machine m and start t, differs from the reference: another unit, or a start moved beyond the tolerance. */
export function isChanged(stability: StabilityModel, op: number, m: number, t: number): boolean {
  const ref = stability.refMachine[op]!;
  return ref >= 0 && (m !== ref || Math.abs(t - stability.refStart[op]!) > stability.tolerance);
}

/** Whole working minutes op needs on resource r after a changeover of co minutes. */
export function workMinutes(base: number, co: number): number {
  return Math.ceil(base + co - 1e-9);
}

/** Run minutes per unit of op on resource r's alternative a (its work without the setup, per unit made). */
export function runRate(problem: SchedulingProblem, op: number, a: number): number {
  const rules = problem.rules!;
  return (problem.altWork[a]! - rules.setup[op]!) / rules.quantity[op]!;
}

/** The end of a job: the latest end of its last routing operation's slices. */
export function jobEnd(problem: SchedulingProblem, job: ProblemJob, end: ArrayLike<number>): number {
  const last = job.firstOp + job.opCount - 1;
  const rules = problem.rules;
  if (rules === null) return end[last]!;
  let t = -Infinity;
  for (let op = rules.partFirst[last]!; op <= last; op++) if (end[op]! > t) t = end[op]!;
  return t;
}

/** Index into the alternative arrays for op on resource r, or −1 when r is not an alternative. */
export function altIndex(problem: SchedulingProblem, op: number, r: number): number {
  for (let a = problem.altStart[op]!; a < problem.altStart[op + 1]!; a++) if (problem.altResource[a] === r) return a;
  return -1;
}

/** Working time of op on resource r: the resource's calendar, narrowed to its pools' working time (issue 21). */
export function calendarOf(problem: SchedulingProblem, op: number, r: number): WorkingTime | null {
  const pools = problem.pools;
  if (pools != null && pools.reqStart[op + 1]! > pools.reqStart[op]!) {
    const narrowed = pools.altCalendar[altIndex(problem, op, r)];
    if (narrowed != null) return narrowed;
  }
  return problem.resources[r]!.calendar;
}
