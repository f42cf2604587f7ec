/**
 * Placing one operation on one machine at its earliest feasible start: the time rule shared by the
 * construction heuristic and the decoder, so both give identical times for the same sequence.
 *
 * The operation starts at the first working instant ≥ `ready` of the machine's calendar, runs on through
 * working time only, and needs its base work plus the changeover from the family that precedes it on the
 * machine (the previous sequenced operation, or a fixed one ending later, or the family left by progress).
 * When it would overlap a fixed operation it is pushed behind it and tried again.
 * Issue 16: an uninterruptible operation starts where an unbroken working stretch holds all its work, and an
 * operation with an end bound (the successor of a transfer batch, or one held for a maximum wait) starts no
 * earlier than where its work ends at or after the bound (solver/calendar/work-bounds.ts).
 * Issue 21: an operation that requires pools works only in their working time too (calendarOf), and starts
 * where the units it holds fit every pool's load (pool-load.ts); a pool that pushes it counts as a fixed one.
 */
import { earliestStartEndingAtOrAfter } from "../calendar/work-bounds.ts";
import type { PoolLoad } from "./pool-load.ts";
import type { FixedOperation, SchedulingProblem } from "./problem.ts";
import { calendarOf, changeoverMinutes, workMinutes } from "./problem.ts";

export interface Placement {
  start: number;
  end: number;
  changeover: number;
  /** True when a fixed operation or a pool pushed the start (the predecessor links are then not critical). */
  pushedByFixed: boolean;
  /** True when the end bound set the start. */
  boundByEnd: boolean;
}

export function newPlacement(): Placement {
  return { start: 0, end: 0, changeover: 0, pushedByFixed: false, boundByEnd: false };
}

/**
 * @param prevEnd end of the previous sequenced operation on the machine (−Infinity for none)
 * @param prevFamily its family (ignored when prevEnd is −Infinity)
 * @param endBound the earliest the operation may end (−Infinity for none)
 * @param pools the pools' load so far (null: pools are not looked at, as in construction)
 * @returns the placement, or null when the calendar's horizon is too short
 */
export function placeOperation(
  problem: SchedulingProblem,
  fixedOnMachine: readonly FixedOperation[],
  machine: number,
  op: number,
  base: number,
  ready: number,
  prevEnd: number,
  prevFamily: number,
  out: Placement,
  endBound = -Infinity,
  pools: PoolLoad | null = null,
): Placement | null {
  const r = problem.machineResource[machine]!;
  const calendar = calendarOf(problem, op, r);
  const family = problem.opFamily[op]!;
  const unbroken = problem.rules !== null && problem.rules.unbroken[op] === 1 && calendar !== null;
  let s = ready;
  out.pushedByFixed = false;
  out.boundByEnd = false;
  for (;;) {
    if (calendar !== null && !unbroken) {
      const next = calendar.nextWorkingInstant(s);
      if (next === null) return null;
      s = next;
    }
    let famEnd = prevEnd;
    let fam = prevEnd === -Infinity ? problem.initialFamily[machine]! : prevFamily;
    for (const f of fixedOnMachine) {
      if (f.end <= s && f.end > famEnd) {
        famEnd = f.end;
        fam = problem.opFamily[f.op]!;
      }
    }
    const co = changeoverMinutes(problem, r, fam, family);
    const work = workMinutes(base, co);
    if (unbroken) {
      // The changeover, and so the stretch needed, depends on the start: settle both.
      const stretch = calendar.nextUnbrokenStart(s, work);
      if (stretch === null) return null;
      if (stretch !== s) {
        s = stretch;
        continue;
      }
    }
    if (endBound !== -Infinity) {
      const earliest = calendar === null ? endBound - work : earliestStartEndingAtOrAfter(calendar, endBound, work, unbroken);
      if (earliest === null) return null;
      if (earliest > s) {
        s = earliest;
        out.boundByEnd = true;
        continue;
      }
    }
    let e: number;
    if (calendar === null || unbroken) e = s + work;
    else {
      const end = calendar.addWorkingMinutes(s, work);
      if (end === null) return null;
      e = end;
    }
    let blocker: FixedOperation | null = null;
    for (const f of fixedOnMachine) {
      if (f.start < Math.max(e, s + 1e-9) && f.end > s) {
        blocker = f;
        break;
      }
    }
    const held = blocker === null && pools !== null ? pools.conflict(op, s, e) : -1;
    if (held >= 0) {
      s = held;
      out.pushedByFixed = true;
      continue;
    }
    if (blocker === null) {
      out.start = s;
      out.end = e;
      out.changeover = co;
      return out;
    }
    s = blocker.end;
    out.pushedByFixed = true;
  }
}
