/**
 * Plan KPIs after the handbooks: order fulfilment (on-time rate), priority-weighted tardiness, makespan,
 * setup and changeover minutes, and the utilisation of every resource over the plan horizon
 * [planStart, last completion): busy working minutes / (units × working minutes of its calendar).
 * Orders left out for lack of material count as not on time; with material constrained the KPIs also
 * count them and the minutes orders waited for material. Issue 16: the waiting between an order's
 * operations (mean elapsed minutes, and weighted by quantity: the stock that waits), which just-in-time
 * timing lowers, and the share of orders completed by due − their due-date buffer. Orders left out because
 * a rule cannot be kept count like those left out for material.
 */
import type { ScheduleKpis } from "../../src/schedule.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import type { CompactSchedule } from "./search-problem.ts";
import { DONE, FIXED, FREE, jobEnd } from "./problem.ts";
import { poolKpis } from "./pool-kpis.ts";

export interface OrderTiming {
  completion: number;
  lateMinutes: number;
  /** Completed by due − its due-date buffer. */
  bufferKept: boolean;
}

export function orderTimings(compiled: CompiledRequest, schedule: CompactSchedule): OrderTiming[] {
  const p = compiled.problem;
  return p.jobs.map((job) => {
    const completion = jobEnd(p, job, schedule.end);
    return { completion, lateMinutes: Math.max(0, completion - job.due), bufferKept: completion <= job.target };
  });
}

/** Waits between consecutive routing operations of the planned orders: how many, Σ minutes, Σ quantity × minutes. */
function waitsBetweenOperations(compiled: CompiledRequest, schedule: CompactSchedule): { pairs: number; minutes: number; quantityMinutes: number } {
  const p = compiled.problem;
  const rules = p.rules;
  let pairs = 0;
  let minutes = 0;
  let quantityMinutes = 0;
  p.jobs.forEach((job, j) => {
    if (compiled.excluded.has(compiled.orderOfJob[j]!)) return;
    let prevEnd = NaN;
    for (let first = job.firstOp; first < job.firstOp + job.opCount; ) {
      const last = rules === null ? first : rules.partLast[first]!;
      let start = Infinity;
      let end = -Infinity;
      for (let op = first; op <= last; op++) (start = Math.min(start, schedule.start[op]!)), (end = Math.max(end, schedule.end[op]!));
      if (p.opState[first] !== DONE && !Number.isNaN(prevEnd)) {
        const wait = Math.max(0, start - prevEnd);
        pairs++;
        minutes += wait;
        quantityMinutes += compiled.lots[j]! * wait;
      }
      prevEnd = p.opState[first] === DONE ? NaN : end;
      first = last + 1;
    }
  });
  return { pairs, minutes, quantityMinutes };
}

/** @param materialWaitMinutes Σ of the orders' material waits (explain-waits.ts), when known */
export function scheduleKpis(compiled: CompiledRequest, schedule: CompactSchedule, timings: readonly OrderTiming[], materialWaitMinutes?: number): ScheduleKpis {
  const p = compiled.problem;
  const planStart = compiled.planStart;
  let horizonEnd = planStart;
  let setupMinutes = 0;
  let changeoverMinutes = 0;
  const busy = new Float64Array(p.resources.length);
  // A batch keeps its unit busy once, however many members it has (issue 21).
  const batchesSeen = new Set<string>();
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] !== FREE && p.opState[op] !== FIXED) continue;
    const r = p.machineResource[schedule.machine[op]!]!;
    const calendar = p.resources[r]!.calendar!;
    horizonEnd = Math.max(horizonEnd, schedule.end[op]!);
    const batch = p.batches?.capacity[r] != null ? `${schedule.machine[op]}:${schedule.start[op]}` : null;
    if (batch === null || !batchesSeen.has(batch)) busy[r] = busy[r]! + calendar.workingMinutesBetween(Math.max(planStart, schedule.start[op]!), schedule.end[op]!);
    if (batch !== null) batchesSeen.add(batch);
    // A slice continuing its part pays no setup.
    if (p.opState[op] === FREE && !schedule.continues?.[op]) {
      changeoverMinutes += schedule.changeover[op]!;
      setupMinutes += compiled.setupMinutes[op]! + schedule.changeover[op]!;
    }
  }
  let weightedTardiness = 0;
  let onTime = 0;
  let bufferKept = 0;
  timings.forEach((t, j) => {
    // An order left out that keeps its running work is reported with the orders left out.
    if (compiled.excluded.has(compiled.orderOfJob[j]!)) return;
    weightedTardiness += p.jobs[j]!.weight * t.lateMinutes;
    if (t.lateMinutes === 0) onTime++;
    if (t.bufferKept) bufferKept++;
  });
  const utilization: Record<string, number> = {};
  p.resources.forEach((res, r) => {
    const available = res.units * res.calendar!.workingMinutesBetween(planStart, horizonEnd);
    utilization[res.id] = available > 0 ? Math.min(1, busy[r]! / available) : 0;
  });
  const partial = compiled.orderOfJob.filter((o) => compiled.excluded.has(o)).length;
  const orders = timings.length - partial + compiled.unplannable.size + compiled.excluded.size;
  const waits = waitsBetweenOperations(compiled, schedule);
  return {
    onTimeRate: orders > 0 ? onTime / orders : 1,
    weightedTardiness,
    makespanMinutes: horizonEnd - planStart,
    setupMinutes,
    changeoverMinutes,
    utilization,
    ...(compiled.material !== null || compiled.excluded.size > 0 ? { unplannableOrders: compiled.unplannable.size + compiled.excluded.size } : {}),
    ...(compiled.material !== null && materialWaitMinutes !== undefined ? { materialWaitMinutes } : {}),
    meanWaitMinutes: waits.pairs > 0 ? waits.minutes / waits.pairs : 0,
    waitingQuantityMinutes: waits.quantityMinutes,
    bufferKeptRate: orders > 0 ? bufferKept / orders : 1,
    ...poolKpis(p, schedule, planStart, horizonEnd),
  };
}
