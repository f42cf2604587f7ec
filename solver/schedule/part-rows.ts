/**
 * The parts of a routing operation as a plan reports them (issue 16): slices of a split lot that continue
 * each other on a unit (decode-schedule.ts) are one part, from the first one's start to the last one's
 * end, with the first one's setup and changeover and their quantities summed; parts are numbered 0, 1, …
 * in the order of their first slices, so a re-plan that keeps a plan's parts (one slice each) keeps their
 * numbers. An operation that is not split is one part with the whole lot.
 */
import { DONE } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";

/** Times of a plan's operations (a CompactSchedule or a re-planned timing). */
export interface PlanTimes {
  machine: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  changeover: ArrayLike<number>;
  continues?: ArrayLike<number> | undefined;
  /** Positions on the units, when known (ties of work that takes no time). */
  position?: ArrayLike<number> | undefined;
}

export interface PartRow {
  /** Its slices, in order on the unit. */
  ops: number[];
  machine: number;
  start: number;
  end: number;
  changeover: number;
  quantity: number;
  part: number;
}

/**
 * The parts of every not-done routing operation, job by job in routing order.
 * @param lots the order quantity of every job (the quantity of an operation that is not split)
 */
export function partRows(p: SchedulingProblem, times: PlanTimes, lots: readonly number[]): PartRow[] {
  const rules = p.rules;
  const rows: PartRow[] = [];
  for (let first = 0; first < p.opCount; ) {
    const last = rules === null ? first : rules.partLast[first]!;
    const slices: number[] = [];
    for (let op = first; op <= last; op++) if (p.opState[op] !== DONE && times.machine[op]! >= 0) slices.push(op);
    first = last + 1;
    // In the order they run on each unit: a slice without work runs before one starting at the same minute.
    slices.sort((a, b) => times.machine[a]! - times.machine[b]! || times.start[a]! - times.start[b]! || times.end[a]! - times.end[b]! || (times.position === undefined ? 0 : times.position[a]! - times.position[b]!) || a - b);
    const parts: PartRow[] = [];
    for (const op of slices) {
      const quantity = rules === null ? lots[p.opJob[op]!]! : rules.quantity[op]!;
      const row = parts[parts.length - 1];
      if (row !== undefined && times.continues?.[op] && row.machine === times.machine[op]) {
        row.ops.push(op);
        row.end = Math.max(row.end, times.end[op]!);
        row.quantity += quantity;
      } else parts.push({ ops: [op], machine: times.machine[op]!, start: times.start[op]!, end: times.end[op]!, changeover: times.changeover[op]!, quantity, part: 0 });
    }
    parts.sort((a, b) => a.ops[0]! - b.ops[0]!);
    parts.forEach((row, k) => (row.part = k));
    rows.push(...parts);
  }
  return rows;
}
