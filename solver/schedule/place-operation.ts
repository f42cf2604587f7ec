/**
 * Placing one operation on one machine at its earliest feasible start: the time rule shared by the
 * construction heuristic and the decoder, so both give identical times for the same sequence.
 *
 * The operation starts at the first working instant ≥ `ready` of the machine's calendar, runs on through
 * working time only, and needs its base work plus the changeover from the family that precedes it on the
 * machine (the previous sequenced operation, or a fixed one ending later, or the family left by progress).
 * When it would overlap a fixed operation it is pushed behind it and tried again.
 */
import type { FixedOperation, SchedulingProblem } from "./problem.ts";
import { changeoverMinutes, workMinutes } from "./problem.ts";

export interface Placement {
  start: number;
  end: number;
  changeover: number;
  /** True when a fixed operation pushed the start (the predecessor links are then not critical). */
  pushedByFixed: boolean;
}

/**
 * @param prevEnd end of the previous sequenced operation on the machine (−Infinity for none)
 * @param prevFamily its family (ignored when prevEnd is −Infinity)
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
): Placement | null {
  const r = problem.machineResource[machine]!;
  const calendar = problem.resources[r]!.calendar;
  const family = problem.opFamily[op]!;
  let s = ready;
  out.pushedByFixed = false;
  for (;;) {
    if (calendar !== null) {
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
    let e: number;
    if (calendar === null) e = s + work;
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
