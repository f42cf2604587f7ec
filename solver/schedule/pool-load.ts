/**
 * The load of every pool (issue 21) while a schedule is decoded: a step function of units held over time per
 * pool (sorted breakpoints, units held from each to the next), which operations are placed into one by one
 * in any order of time. An operation fits at [s, e) when, at every working minute of each pool it requires,
 * the units held plus its own are within the pool's units at that time of day. Operations are mostly placed
 * in time order, so the breakpoints they add land near the end of the arrays and the splices stay cheap.
 */
import { MINUTES_PER_DAY } from "../../src/time.ts";
import type { PoolRules, ProblemPool } from "./problem.ts";

/** Units of the pool at instant t (its window's, or its base units). */
export function poolUnitsAt(pool: ProblemPool, t: number): number {
  const day = ((t % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  for (const w of pool.windows) if (w.from <= day && day < w.to) return w.units;
  return pool.units;
}

/** The next instant after t at which the pool's units may change (a window's edge), Infinity without windows. */
function nextUnitsChange(pool: ProblemPool, t: number): number {
  if (pool.windows.length === 0) return Infinity;
  const midnight = Math.floor(t / MINUTES_PER_DAY) * MINUTES_PER_DAY;
  let next = Infinity;
  // No arrays here: conflict() asks this for millions of stretches at plant scale.
  for (const w of pool.windows) {
    const from = midnight + w.from;
    const to = midnight + w.to;
    next = Math.min(next, from > t ? from : from + MINUTES_PER_DAY, to > t ? to : to + MINUTES_PER_DAY);
  }
  return next;
}

export class PoolLoad {
  private readonly times: number[][];
  private readonly held: number[][];

  constructor(readonly rules: PoolRules) {
    this.times = rules.pools.map(() => [-Infinity]);
    this.held = rules.pools.map(() => [0]);
  }

  reset(): void {
    for (let i = 0; i < this.times.length; i++) {
      this.times[i] = [-Infinity];
      this.held[i] = [0];
    }
  }

  /** Index of the last breakpoint ≤ t of pool i. */
  private at(i: number, t: number): number {
    const times = this.times[i]!;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private breakAt(i: number, t: number): number {
    const k = this.at(i, t);
    if (this.times[i]![k] === t) return k;
    this.times[i]!.splice(k + 1, 0, t);
    this.held[i]!.splice(k + 1, 0, this.held[i]![k]!);
    return k + 1;
  }

  /** Holds op's requirements over [s, e). */
  reserve(op: number, s: number, e: number): void {
    if (!(e > s)) return;
    const { reqStart, reqPool, reqUnits } = this.rules;
    for (let q = reqStart[op]!; q < reqStart[op + 1]!; q++) {
      const i = reqPool[q]!;
      const from = this.breakAt(i, s);
      const to = this.breakAt(i, e);
      for (let k = from; k < to; k++) this.held[i]![k] = this.held[i]![k]! + reqUnits[q]!;
    }
  }

  /**
   * −1 when op's requirements fit over [s, e); otherwise the earliest instant a start could fit from: the end
   * of the pool's working time inside the first stretch where they do not (any start before it still covers
   * a working minute of that stretch, since a later start never ends earlier).
   */
  conflict(op: number, s: number, e: number): number {
    if (!(e > s)) return -1;
    const { reqStart, reqPool, reqUnits, pools } = this.rules;
    for (let q = reqStart[op]!; q < reqStart[op + 1]!; q++) {
      const i = reqPool[q]!;
      const pool = pools[i]!;
      const times = this.times[i]!;
      const held = this.held[i]!;
      const need = reqUnits[q]!;
      // The pool's units hold until its next window edge: looked up again only past it.
      let units = 0;
      let unitsUntil = -Infinity;
      // The pool's first working instant at or after the stretches looked at: looked up again only past it.
      let working = -Infinity;
      for (let k = this.at(i, s), t = s; t < e; ) {
        if (t >= unitsUntil) (units = poolUnitsAt(pool, t)), (unitsUntil = nextUnitsChange(pool, t));
        const segmentEnd = Math.min(e, k + 1 < times.length ? times[k + 1]! : Infinity, unitsUntil);
        if (held[k]! + need > units) {
          // A stretch has working time iff the first working instant from its start lies inside it (the
          // calendar knows nothing before its horizon, where it counts no working time either).
          if (working < t) working = pool.calendar.nextWorkingInstant(Math.max(t, pool.calendar.from)) ?? Infinity;
          if (working >= segmentEnd) {
            t = segmentEnd;
            if (k + 1 < times.length && times[k + 1]! <= t) k++;
            continue;
          }
          // Skip the whole run of stretches that are as full, past e too: no start inside it can fit.
          let to = segmentEnd;
          let j = k + 1 < times.length && times[k + 1]! <= to ? k + 1 : k;
          for (;;) {
            if (to >= unitsUntil) (units = poolUnitsAt(pool, to)), (unitsUntil = nextUnitsChange(pool, to));
            const next = Math.min(j + 1 < times.length ? times[j + 1]! : Infinity, unitsUntil);
            if (next === Infinity || held[j]! + need <= units) break;
            to = next;
            if (j + 1 < times.length && times[j + 1]! <= to) j++;
          }
          return pool.calendar.lastWorkingEnd(t, to)!;
        }
        t = segmentEnd;
        if (k + 1 < times.length && times[k + 1]! <= t) k++;
      }
    }
    return -1;
  }
}
