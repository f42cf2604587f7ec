/**
 * Large-neighbourhood search by time windows: free the operations that start in a slice of the plan's time,
 * re-sequence them on their units in the order a donor plan (another dispatching round, lns-dispatch.ts) runs
 * them, keep everything outside the window, and take the result when it decodes to a better objective.
 * A donor that is worse as a whole is often better in part of the horizon (another look-ahead suits the
 * overloaded weeks, another the quiet ones); the windows take the good parts one at a time. A window costs
 * one decode, a twentieth of a dispatch (lns-dispatch.ts), so each donor is tried in several windows.
 *
 * Along a unit's sequence starts never decrease, so a window is one contiguous stretch of every unit's
 * sequence: re-ordering it keeps every unit's assignment. A re-ordering that closes a cycle with the
 * routings (or a material deadlock) fails to decode and is dropped.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { cloneSequencing } from "./decode-schedule.ts";
import { compareObjectives } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { FREE } from "./problem.ts";

/** Windows a donor is tried in; each overlaps its neighbours by half. */
export const WINDOWS_PER_DONOR = 8;

export interface WindowControl {
  /** Work units these windows may spend (decoded operations). */
  workUnits: number;
  /** Windows these may try (no limit when absent). */
  maxWindows?: number;
  stopNow: () => boolean;
}

export interface WindowResult {
  s: Sequencing;
  objective: Objective;
  /** Windows tried (decoded), and taken. */
  tried: number;
  taken: number;
  work: number;
}

/** The stretch [from, to) of list whose operations start in [a, b), by binary search on the non-decreasing starts. */
function stretch(list: number[], start: Float64Array, a: number, b: number): [number, number] {
  const firstAtLeast = (t: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start[list[mid]!]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [firstAtLeast(a), firstAtLeast(b)];
}

/** s with the operations starting in [a, b) (by `start`) re-ordered by the donor's starts; null when nothing changes. */
export function reorderWindow(s: Sequencing, start: Float64Array, donorStart: Float64Array, a: number, b: number): Sequencing | null {
  let copy: Sequencing | null = null;
  s.seq.forEach((list, m) => {
    const [from, to] = stretch(list, start, a, b);
    if (to - from < 2) return;
    const part = list.slice(from, to).sort((x, y) => donorStart[x]! - donorStart[y]! || x - y);
    if (part.every((op, k) => op === list[from + k])) return;
    copy ??= cloneSequencing(s);
    const target = copy.seq[m]!;
    part.forEach((op, k) => {
      target[from + k] = op;
      copy!.posOf[op] = from + k;
    });
  });
  return copy;
}

/**
 * Tries the donor's order in WINDOWS_PER_DONOR windows across the incumbent's horizon (shifted by `offset`,
 * a fraction of a window, so that successive donors cut the horizon differently); never returns worse than
 * the incumbent. Afterwards the decoder holds the times of the last window tried, not necessarily the result's.
 */
export function relinkWindows(decoder: Decoder, incumbent: { s: Sequencing; objective: Objective }, donorStart: Float64Array, offset: number, control: WindowControl): WindowResult {
  const p = decoder.problem;
  const cost = Math.max(1, decoder.freeCount);
  let { s, objective } = incumbent;
  let work = 0;
  let tried = 0;
  let taken = 0;
  if (!decoder.decode(s)) throw new Error(`the incumbent does not decode (${decoder.failure})`);
  work += cost;
  let start = decoder.start.slice();
  let lo = Infinity;
  let hi = -Infinity;
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] !== FREE) continue;
    lo = Math.min(lo, start[op]!);
    hi = Math.max(hi, start[op]!);
  }
  const step = (hi - lo) / WINDOWS_PER_DONOR;
  if (!(step > 0)) return { s, objective, tried, taken, work };
  for (let w = -1; w < WINDOWS_PER_DONOR; w++) {
    if (work + cost > control.workUnits || tried >= (control.maxWindows ?? Infinity) || control.stopNow()) break;
    const a = lo + (w + offset) * step;
    const candidate = reorderWindow(s, start, donorStart, a, a + 2 * step);
    if (candidate === null) continue;
    tried++;
    const ok = decoder.decode(candidate);
    work += cost * Math.max(1, decoder.passes);
    if (!ok || compareObjectives(decoder.objective, objective) >= 0) continue;
    s = candidate;
    objective = decoder.objective.slice();
    start = decoder.start.slice();
    taken++;
  }
  return { s, objective, tried, taken, work };
}
