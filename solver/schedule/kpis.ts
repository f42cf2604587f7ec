/**
 * Plan KPIs after the handbooks: order fulfilment (on-time rate), priority-weighted tardiness, makespan,
 * setup and changeover minutes, and the utilisation of every resource over the plan horizon
 * [planStart, last completion): busy working minutes / (units × working minutes of its calendar).
 * Orders left out for lack of material count as not on time; with material constrained the KPIs also
 * count them and the minutes orders waited for material.
 */
import type { ScheduleKpis } from "../../src/schedule.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import type { CompactSchedule } from "./search-problem.ts";
import { FIXED, FREE } from "./problem.ts";

export interface OrderTiming {
  completion: number;
  lateMinutes: number;
}

export function orderTimings(compiled: CompiledRequest, schedule: CompactSchedule): OrderTiming[] {
  const p = compiled.problem;
  return p.jobs.map((job) => {
    const last = job.firstOp + job.opCount - 1;
    const completion = schedule.end[last]!;
    return { completion, lateMinutes: Math.max(0, completion - job.due) };
  });
}

/** @param materialWaitMinutes Σ of the orders' material waits (explain-waits.ts), when known */
export function scheduleKpis(compiled: CompiledRequest, schedule: CompactSchedule, timings: readonly OrderTiming[], materialWaitMinutes?: number): ScheduleKpis {
  const p = compiled.problem;
  const planStart = compiled.planStart;
  let horizonEnd = planStart;
  let setupMinutes = 0;
  let changeoverMinutes = 0;
  const busy = new Float64Array(p.resources.length);
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] !== FREE && p.opState[op] !== FIXED) continue;
    const r = p.machineResource[schedule.machine[op]!]!;
    const calendar = p.resources[r]!.calendar!;
    horizonEnd = Math.max(horizonEnd, schedule.end[op]!);
    busy[r] = busy[r]! + calendar.workingMinutesBetween(Math.max(planStart, schedule.start[op]!), schedule.end[op]!);
    if (p.opState[op] === FREE) {
      changeoverMinutes += schedule.changeover[op]!;
      setupMinutes += compiled.setupMinutes[op]! + schedule.changeover[op]!;
    }
  }
  let weightedTardiness = 0;
  let onTime = 0;
  timings.forEach((t, j) => {
    weightedTardiness += p.jobs[j]!.weight * t.lateMinutes;
    if (t.lateMinutes === 0) onTime++;
  });
  const utilization: Record<string, number> = {};
  p.resources.forEach((res, r) => {
    const available = res.units * res.calendar!.workingMinutesBetween(planStart, horizonEnd);
    utilization[res.id] = available > 0 ? Math.min(1, busy[r]! / available) : 0;
  });
  const orders = timings.length + compiled.unplannable.size;
  return {
    onTimeRate: orders > 0 ? onTime / orders : 1,
    weightedTardiness,
    makespanMinutes: horizonEnd - planStart,
    setupMinutes,
    changeoverMinutes,
    utilization,
    ...(compiled.material !== null ? { unplannableOrders: compiled.unplannable.size } : {}),
    ...(compiled.material !== null && materialWaitMinutes !== undefined ? { materialWaitMinutes } : {}),
  };
}
