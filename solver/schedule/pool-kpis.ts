/**
 * KPIs of issue 21: each pool's utilisation (unit-minutes held at its working minutes over the unit-minutes it
 * offers in [planStart, last completion), its by-shift units counted) and the mean fill of the plan's batches
 * (members' total quantity or count over the resource's batch capacity).
 */
import { poolUnitsAt } from "./pool-load.ts";
import type { ProblemPool, SchedulingProblem } from "./problem.ts";
import { FIXED, FREE } from "./problem.ts";
import type { CompactSchedule } from "./search-problem.ts";

/** Unit-minutes the pool offers over [a, b): its working windows, split where its units change. */
export function offeredUnitMinutes(pool: ProblemPool, a: number, b: number): number {
  let sum = 0;
  for (const w of pool.calendar.windows(a, b)) {
    // Units change only at window edges of the day: walk the window minute edges of those days.
    const edges = new Set<number>([w.start, w.end]);
    for (let day = Math.floor(w.start / 1440) * 1440; day < w.end; day += 1440) {
      for (const x of pool.windows) for (const t of [day + x.from, day + x.to]) if (t > w.start && t < w.end) edges.add(t);
    }
    const sorted = [...edges].sort((x, y) => x - y);
    for (let i = 0; i + 1 < sorted.length; i++) sum += poolUnitsAt(pool, sorted[i]!) * (sorted[i + 1]! - sorted[i]!);
  }
  return sum;
}

export function poolKpis(p: SchedulingProblem, schedule: CompactSchedule, planStart: number, horizonEnd: number): { poolUtilization?: Record<string, number>; meanBatchFill?: number } {
  const out: { poolUtilization?: Record<string, number>; meanBatchFill?: number } = {};
  const planned = (op: number) => p.opState[op] === FREE || p.opState[op] === FIXED;
  const pools = p.pools;
  if (pools != null) {
    const held = new Float64Array(pools.pools.length);
    for (let op = 0; op < p.opCount; op++) {
      if (!planned(op)) continue;
      for (let q = pools.reqStart[op]!; q < pools.reqStart[op + 1]!; q++) {
        const pool = pools.pools[pools.reqPool[q]!]!;
        held[pools.reqPool[q]!] = held[pools.reqPool[q]!]! + pools.reqUnits[q]! * pool.calendar.workingMinutesBetween(Math.max(planStart, schedule.start[op]!), schedule.end[op]!);
      }
    }
    out.poolUtilization = Object.fromEntries(
      pools.pools.map((pool, i) => {
        const available = offeredUnitMinutes(pool, planStart, horizonEnd);
        return [pool.id, available > 0 ? Math.min(1, held[i]! / available) : 0];
      }),
    );
  }
  const batches = p.batches;
  if (batches != null) {
    const fill = new Map<string, number>();
    for (let op = 0; op < p.opCount; op++) {
      const rule = planned(op) ? batches.capacity[p.machineResource[schedule.machine[op]!]!] : null;
      if (rule == null) continue;
      const key = `${schedule.machine[op]}:${schedule.start[op]}:${schedule.end[op]}`;
      fill.set(key, (fill.get(key) ?? 0) + (rule.byQuantity ? batches.size[op]! : 1) / rule.capacity);
    }
    if (fill.size > 0) out.meanBatchFill = Math.min(1, [...fill.values()].reduce((a, b) => a + b, 0) / fill.size);
  }
  return out;
}
