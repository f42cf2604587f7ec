/**
 * When an operation may start and the earliest it may end, from its routing predecessors (the slices of the
 * previous routing operation, all placed): the rule shared by the decoder, the dispatcher, the right shift
 * and the explanation of waits.
 * - The whole lot moves at once: the latest predecessor end plus the minimum gap.
 * - Transfer batches (issue 16, transferQuantity q): a part of the predecessor (a run of its slices on one
 *   unit) has its first batch done once it has worked its setup, changeover and q × run minutes (a part of q
 *   units or fewer moves whole at its end); the operation may start at the earliest first batch of any part
 *   plus the gap, and end no earlier than the predecessor's end plus the gap plus its own time for the last
 *   min(q, lot) units on its calendar. A frozen predecessor (a part of the plan in force, pinned) sends its
 *   first batch likewise from its pinned start; running and done ones send their lot whole (how much of a
 *   running part is done is not known).
 */
import { workEnd } from "../calendar/work-bounds.ts";
import { altIndex, calendarOf, FREE, runRate } from "./problem.ts";
import type { FixedOperation, SchedulingProblem, ShopFloorRules } from "./problem.ts";

/** The times the rule reads: a decoder's, or a dispatcher's so far. */
export interface TimesView {
  start: Float64Array;
  end: Float64Array;
  changeover: Float64Array;
  /** 1 when a slice continues the part of the slice before it on its unit (no setup); null without splitting. */
  continues: Uint8Array | null;
  machineOf: Int32Array;
  seq: number[][];
  posOf: Int32Array;
}

export interface ReadyBounds {
  /** Earliest start. */
  start: number;
  /** Earliest end (−Infinity: none). */
  end: number;
  /** The predecessor slice that set the start (−1: the order's release did), and the one that set the end. */
  startPred: number;
  endPred: number;
}

export function newReadyBounds(): ReadyBounds {
  return { start: 0, end: -Infinity, startPred: -1, endPred: -1 };
}

/** When a part starting with slice k (free, placed) has done its first batch of q units. */
function firstBatchDone(p: SchedulingProblem, k: number, q: number, t: TimesView): number | null {
  const rules = p.rules!;
  const m = t.machineOf[k]!;
  const list = t.seq[m]!;
  let last = k;
  let quantity = rules.quantity[k]!;
  const continues = t.continues;
  for (let pos = t.posOf[k]! + 1; continues !== null && pos < list.length && continues[list[pos]!] && rules.partFirst[list[pos]!] === rules.partFirst[k]; pos++) {
    last = list[pos]!;
    quantity += rules.quantity[last]!;
  }
  if (quantity <= q) return t.end[last]!;
  const r = p.machineResource[m]!;
  const work = Math.ceil(rules.setup[k]! + t.changeover[k]! + q * runRate(p, k, altIndex(p, k, r)) - 1e-9);
  const calendar = calendarOf(p, k, r);
  return calendar === null ? t.start[k]! + work : workEnd(calendar, t.start[k]!, work, rules.unbroken[k] === 1);
}

/**
 * Fills rules.frozenBatch: when each frozen part with more units than its transfer batch has done its first
 * batch, from its pinned start on its pinned unit (setup, its changeover and q × run minutes of working time, as
 * firstBatchDone counts a placed part). A part pinned before the calendars' horizon, or whose batch would
 * not end inside it, moves whole.
 */
export function frozenFirstBatches(p: SchedulingProblem, rules: ShopFloorRules, frozen: readonly FixedOperation[]): void {
  for (const f of frozen) {
    const k = f.op;
    const q = rules.transfer[k]!;
    if (q >= rules.quantity[k]!) continue;
    const r = p.machineResource[f.machine]!;
    const work = Math.ceil(rules.setup[k]! + f.changeover + q * runRate(p, k, altIndex(p, k, r)) - 1e-9);
    const calendar = calendarOf(p, k, r);
    const done = calendar === null ? f.start + work : workEnd(calendar, f.start, work, rules.unbroken[k] === 1);
    if (done !== null) rules.frozenBatch[k] = Math.min(done, f.end);
  }
}

/**
 * Bounds of op from its routing predecessors' times into `out`; the end bound only when `machine` ≥ 0 (it
 * depends on op's calendar and speed there). False when a calendar's horizon is too short.
 */
export function routingReady(p: SchedulingProblem, prevOp: Int32Array, op: number, machine: number, t: TimesView, out: ReadyBounds): boolean {
  out.start = p.opEarliest[op]!;
  out.end = -Infinity;
  out.startPred = out.endPred = -1;
  const pred = prevOp[op]!;
  if (pred < 0) return true;
  const gap = p.opMinGap[op]!;
  const rules = p.rules;
  const end = t.end;
  if (rules === null) {
    if (end[pred]! + gap >= out.start) (out.start = end[pred]! + gap), (out.startPred = pred);
    return true;
  }
  const q = rules.transfer[pred]!;
  const first = rules.partFirst[pred]!;
  if (q >= rules.lot[pred]!) {
    for (let k = first; k <= pred; k++) if (end[k]! + gap >= out.start) (out.start = end[k]! + gap), (out.startPred = k);
    return true;
  }
  let batch = Infinity;
  let batchPart = -1;
  let last = -Infinity;
  for (let k = first; k <= pred; k++) {
    if (end[k]! >= last) (last = end[k]!), (out.endPred = k);
    if (t.continues?.[k] && p.opState[k] === FREE) continue;
    // A fixed part: its first batch when it is frozen (frozenFirstBatches), else its whole lot at its end.
    const done = p.opState[k] === FREE ? firstBatchDone(p, k, q, t) : Number.isNaN(rules.frozenBatch[k]!) ? end[k]! : rules.frozenBatch[k]!;
    if (done === null) return false;
    if (done < batch) (batch = done), (batchPart = k);
  }
  if (batch + gap >= out.start) (out.start = batch + gap), (out.startPred = batchPart);
  if (machine < 0) return true;
  const r = p.machineResource[machine]!;
  const lastWork = Math.ceil(Math.min(q, rules.lot[op]!) * runRate(p, op, altIndex(p, op, r)) - 1e-9);
  const calendar = calendarOf(p, op, r);
  const bound = calendar === null ? last + gap + lastWork : workEnd(calendar, last + gap, lastWork, rules.unbroken[op] === 1);
  if (bound === null) return false;
  out.end = bound;
  return true;
}
