/**
 * Just-in-time timing (issue 16; the handbooks' 车间作业计划 JIT): after the search, the plan's operations are
 * moved as late as they may go without changing any unit's sequence, so that work waits less between
 * operations. A backward pass over the plan (latest start first) gives each part — a run of slices on its
 * unit, moved as one — the latest end that keeps
 * - its unit's sequence: it ends by the next part or fixed operation on the unit (changeovers stay as they are);
 * - its successors: it ends by their start less the gap; with a transfer batch, its first batch is done by
 *   their start less the gap and its end leaves them their last batch;
 * - maximum waits: its start stays within its own wait after its predecessor's earliest end;
 * - its order's promise: the last operation ends by max(the early plan's completion, due − buffer), and an
 *   order whose product other orders consume keeps its completion (material: moving a consumer later never
 *   lowers the stock, moving a producer later could);
 * - the calendars (it lands on working time, unbroken where it must), and never earlier than it was.
 * Running, frozen and done operations never move. Every bound uses the others' current times and times only
 * move later, so each move keeps the plan feasible; passes repeat until nothing moves (a later pass may
 * move a part whose successor moved after it was visited).
 */
import { latestStartEndingBy, workEnd } from "../calendar/work-bounds.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import { routingLinks } from "./decode-schedule.ts";
import { altIndex, FIXED, FREE, jobEnd, runRate } from "./problem.ts";
import type { CompactSchedule } from "./search-problem.ts";

/** Passes at most; each visits every part once. */
const MAX_PASSES = 30;

interface Part {
  ops: number[];
  machine: number;
}

export function justInTime(compiled: CompiledRequest, early: CompactSchedule): CompactSchedule {
  const p = compiled.problem;
  const rules = p.rules;
  const { prevOp, nextOp } = routingLinks(p);
  const start = early.start.slice();
  const end = early.end.slice();
  const continues = early.continues;
  // Parts: runs of slices on a unit (one operation each without splitting), and every unit's sequence.
  const parts: Part[] = [];
  const partOf = new Int32Array(p.opCount).fill(-1);
  const units: Array<Array<{ part: number; op: number }>> = Array.from({ length: p.machineCount }, () => []);
  const byStart = Array.from({ length: p.opCount }, (_, op) => op).filter((op) => p.opState[op] !== FREE || early.machine[op]! >= 0);
  const position = early.position;
  byStart.sort((a, b) => start[a]! - start[b]! || end[a]! - end[b]! || (position === undefined ? 0 : position[a]! - position[b]!) || a - b);
  const lastOnUnit = new Int32Array(p.machineCount).fill(-1);
  for (const op of byStart) {
    if (p.opState[op] !== FREE && p.opState[op] !== FIXED) continue;
    const m = early.machine[op]!;
    if (p.opState[op] === FREE && continues?.[op] && lastOnUnit[m]! >= 0 && partOf[lastOnUnit[m]!]! >= 0) {
      const part = partOf[lastOnUnit[m]!]!;
      parts[part]!.ops.push(op);
      partOf[op] = part;
    } else {
      if (p.opState[op] === FREE) (partOf[op] = parts.length), parts.push({ ops: [op], machine: m });
      units[m]!.push({ part: partOf[op]!, op });
    }
    lastOnUnit[m] = op;
  }
  const onUnit = new Int32Array(p.opCount).fill(-1);
  for (const list of units) list.forEach((item, i) => (onUnit[item.op] = i));
  // The latest completion of every job.
  const deadline = new Float64Array(p.jobs.length);
  p.jobs.forEach((job, j) => {
    const completion = jobEnd(p, job, early.end);
    const produces = p.material !== null && p.material.jobItem[j]! >= 0;
    deadline[j] = produces ? completion : Math.max(completion, job.target);
  });
  const calendarOf = (op: number) => p.resources[p.machineResource[early.machine[op]!]!]!.calendar!;
  const unbroken = (op: number) => rules !== null && rules.unbroken[op] === 1;
  const work = (op: number) => (unbroken(op) ? end[op]! - start[op]! : calendarOf(op).workingMinutesBetween(start[op]!, end[op]!));
  const firstSlice = (op: number) => (rules === null ? op : rules.partFirst[op]!);
  const lastSlice = (op: number) => (rules === null ? op : rules.partLast[op]!);
  const placed = (k: number) => (p.opState[k] === FREE && early.machine[k]! >= 0) || p.opState[k] === FIXED;

  // The latest end and start the part may have (see the header), set by latest(): fields, not a new object
  // per visit (a pass visits every part of a 50,000-operation plan).
  let latestEnd = 0;
  let latestStart = 0;
  const latest = (part: Part): void => {
    const first = part.ops[0]!;
    const calendar = calendarOf(first);
    let e = calendar.to;
    let s = Infinity;
    const list = units[part.machine]!;
    const next = list[onUnit[first]! + 1];
    if (next !== undefined) e = Math.min(e, start[next.op]!);
    const succ = nextOp[first]!;
    if (succ < 0) e = Math.min(e, deadline[p.opJob[first]!]!);
    else {
      const q = rules === null ? Infinity : rules.transfer[first]!;
      const lot = rules === null ? Infinity : rules.lot[first]!;
      let quantity = 0;
      for (const op of part.ops) quantity += rules === null ? 0 : rules.quantity[op]!;
      for (let k = succ; k <= lastSlice(succ); k++) {
        if (!placed(k)) continue;
        const gap = p.opMinGap[k]!;
        if (q >= lot || quantity <= q) {
          e = Math.min(e, start[k]! - gap);
          if (q >= lot) continue;
        } else {
          // Its first batch done by the successor's start less the gap.
          const r = p.machineResource[part.machine]!;
          const batch = Math.ceil(rules!.setup[first]! + early.changeover[first]! + q * runRate(p, first, altIndex(p, first, r)) - 1e-9);
          const by = batch > 0 ? latestStartEndingBy(calendar, start[k]! - gap, batch, unbroken(first)) : start[k]! - gap;
          s = Math.min(s, by ?? -Infinity);
        }
        // The successor keeps the time for the last batch after this end plus the gap.
        const lastWork = Math.ceil(Math.min(q, lot) * runRate(p, k, altIndex(p, k, p.machineResource[early.machine[k]!]!)) - 1e-9);
        const by = lastWork > 0 ? latestStartEndingBy(calendarOf(k), end[k]!, lastWork, unbroken(k)) : end[k]!;
        e = Math.min(e, (by ?? -Infinity) - gap);
      }
    }
    const pred = prevOp[first]!;
    if (rules !== null && pred >= 0 && rules.maxWait[first] !== Infinity) {
      let earliestEnd = Infinity;
      for (let k = rules.partFirst[pred]!; k <= pred; k++) earliestEnd = Math.min(earliestEnd, end[k]!);
      s = Math.min(s, earliestEnd + rules.maxWait[first]!);
    }
    latestEnd = e;
    latestStart = s;
  };

  // A part is visited again only when something its bounds read has moved since its last visit (itself, the
  // part after it on its unit, its successor's or its predecessor's slices): a visit with the same inputs moves
  // nothing, so skipping it changes no time, and the passes after the first few are nearly free.
  const dirty = new Uint8Array(parts.length).fill(1);
  const touch = (k: number) => {
    if (partOf[k]! >= 0) dirty[partOf[k]!] = 1;
  };
  /** Marks what reads the times of `part`, which has just moved. */
  const touchAround = (index: number, part: Part) => {
    dirty[index] = 1;
    const first = part.ops[0]!;
    const before = units[part.machine]![onUnit[first]! - 1];
    if (before !== undefined) touch(before.op);
    const pred = prevOp[first]!;
    if (pred >= 0) for (let k = firstSlice(pred); k <= pred; k++) touch(k);
    const succ = nextOp[first]!;
    if (succ >= 0) for (let k = succ; k <= lastSlice(succ); k++) touch(k);
  };
  const minutes: number[] = [];
  const visit = Array.from(parts.keys()).sort((a, b) => {
    const x = parts[a]!.ops[0]!;
    const y = parts[b]!.ops[0]!;
    return start[y]! - start[x]! || end[y]! - end[x]! || y - x;
  });
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = false;
    for (const index of visit) {
      if (!dirty[index]) continue;
      dirty[index] = 0;
      const part = parts[index]!;
      const first = part.ops[0]!;
      const calendar = calendarOf(first);
      minutes.length = 0;
      let total = 0;
      for (const op of part.ops) (minutes.push(work(op)), (total += minutes[minutes.length - 1]!));
      if (total <= 0) continue;
      latest(part);
      let s = latestStartEndingBy(calendar, latestEnd, total, unbroken(first));
      if (s === null) continue;
      if (latestStart < s) {
        // The latest working instant (unbroken: stretch) at or before the start bound.
        if (unbroken(first)) s = calendar.lastUnbrokenStart(latestStart + total, total);
        else s = calendar.nextWorkingInstant(latestStart) === latestStart ? latestStart : calendar.subtractWorkingMinutes(latestStart, 1);
      }
      if (s === null || !(s > start[first]!)) continue;
      // Its slices one after another from the new start, as the decoder joins them.
      let t = s;
      part.ops.forEach((op, i) => {
        const from = i === 0 || unbroken(op) || minutes[i] === 0 ? t : (calendar.nextWorkingInstant(t) ?? t);
        start[op] = from;
        end[op] = minutes[i] === 0 ? from : workEnd(calendar, from, minutes[i]!, unbroken(op))!;
        t = end[op]!;
      });
      touchAround(index, part);
      moved = true;
    }
    if (!moved) break;
  }
  return { ...early, start, end };
}
