/**
 * Placing an operation that may continue the part before it (issue 16): a slice of a split lot placed right
 * after a slice of the same routing operation of the same order on its unit, starting where that one ends
 * (the next working instant; unbroken work: the very instant), continues its part: no setup, no changeover,
 * and the part's work rounded once (⌈Σ unrounded work⌉ over its slices, as if it had never been cut). A slice
 * that cannot join on is placed as a part of its own, paying its setup.
 */
import type { PoolLoad } from "./pool-load.ts";
import { altIndex, calendarOf, FREE, workMinutes } from "./problem.ts";
import type { FixedOperation, SchedulingProblem } from "./problem.ts";
import { placeOperation } from "./place-operation.ts";
import type { Placement } from "./place-operation.ts";

/** Per operation: whether it continues its part, and its part's work so far, unrounded and rounded. */
export interface PartRuns {
  continues: Uint8Array;
  base: Float64Array;
  work: Float64Array;
}

export function newPartRuns(problem: SchedulingProblem): PartRuns | null {
  if (problem.rules === null || !problem.rules.split) return null;
  const n = problem.opCount;
  return { continues: new Uint8Array(n), base: new Float64Array(n), work: new Float64Array(n) };
}

/**
 * Places op on machine m after its machine predecessor mp (−1: none) ending at machReady, into `out`, and
 * records in `runs` whether it continues mp's part. False when a calendar's horizon is too short.
 */
export function placeSlice(
  p: SchedulingProblem,
  fixedHere: readonly FixedOperation[],
  m: number,
  op: number,
  mp: number,
  ready: number,
  machReady: number,
  endBound: number,
  runs: PartRuns | null,
  out: Placement,
  pools: PoolLoad | null = null,
): boolean {
  const base = p.altWork[altIndex(p, op, p.machineResource[m]!)]!;
  const prevFamily = mp >= 0 ? p.opFamily[mp]! : -1;
  if (runs === null) return placeOperation(p, fixedHere, m, op, base, ready, machReady, prevFamily, out, endBound, pools) !== null;
  const rules = p.rules!;
  if (mp >= 0 && rules.partFirst[mp] === rules.partFirst[op] && p.opState[mp] === FREE) {
    const total = runs.base[mp]! + base - rules.setup[op]!;
    const work = Math.ceil(total - 1e-9) - runs.work[mp]!;
    if (work === 0 && ready <= machReady && endBound <= machReady) {
      // Nothing left to do once the rounding is paid: it ends with the slice before it.
      out.start = out.end = machReady;
      out.changeover = 0;
      out.pushedByFixed = out.boundByEnd = false;
      runs.continues[op] = 1;
      runs.base[op] = total;
      runs.work[op] = runs.work[mp]!;
      return true;
    }
    if (placeOperation(p, fixedHere, m, op, work, ready, machReady, prevFamily, out, endBound, pools) === null) return false;
    const calendar = calendarOf(p, op, p.machineResource[m]!);
    const joinsAt = calendar === null || rules.unbroken[op] === 1 ? machReady : calendar.nextWorkingInstant(machReady);
    if (!out.pushedByFixed && out.changeover === 0 && out.start === joinsAt) {
      runs.continues[op] = 1;
      runs.base[op] = total;
      runs.work[op] = runs.work[mp]! + work;
      return true;
    }
  }
  if (placeOperation(p, fixedHere, m, op, base, ready, machReady, prevFamily, out, endBound, pools) === null) return false;
  runs.continues[op] = 0;
  runs.base[op] = base + out.changeover;
  runs.work[op] = workMinutes(base, out.changeover);
  return true;
}
