/**
 * Issue 21 into the engine's problem: pools with their calendars compiled over the resources' horizon and
 * their by-shift units as time-of-day windows, every operation's requirements, and for each alternative the
 * working time its resource and its pools share (an operation works only while all of them work). Batch
 * resources: what each operation fills of a batch, and a fixed cycle as the work of every operation on them
 * (a batch of one takes the cycle too).
 */
import { dayIntervals } from "../../src/check-pools.ts";
import type { Pool } from "../../src/pool.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { compileCalendar, intersectWorkingTime } from "../calendar/compile-calendar.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import type { BatchRules, PoolRules, ProblemPool, SchedulingProblem } from "./problem.ts";

/** The request's routing operation of every engine operation. */
function operationsOf(request: ScheduleRequest, compiled: CompiledRequest) {
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const p = compiled.problem;
  return Array.from({ length: p.opCount }, (_, op) => routings.get(request.orders[compiled.orderOfJob[p.opJob[op]!]!]!.item)!.operations[compiled.step[op]!]!);
}

/** A pool with its calendar compiled: its by-shift units as time-of-day windows. */
export function problemPool(pool: Pool, calendar: WorkingTime): ProblemPool {
  const windows = (pool.unitsByShift ?? []).flatMap((w) => dayIntervals(w.from, w.to).map(([from, to]) => ({ from, to, units: w.units })));
  return { id: pool.id, calendar, units: pool.units, windows: windows.sort((a, b) => a.from - b.from) };
}

export function compilePools(request: ScheduleRequest, compiled: CompiledRequest): PoolRules | null {
  if (request.pools.length === 0) return null;
  const p = compiled.problem;
  const operations = operationsOf(request, compiled);
  if (!operations.some((op) => (op.requires ?? []).length > 0)) return null;
  const horizon = p.resources[0]!.calendar!;
  const calendars = new Map(request.calendars.map((c) => [c.id, c]));
  const pools = request.pools.map((pool) => problemPool(pool, compileCalendar(calendars.get(pool.calendar)!, { from: horizon.from, to: horizon.to })));
  const poolIndex = new Map(request.pools.map((pool, i) => [pool.id, i]));
  const reqStart = [0];
  const reqPool: number[] = [];
  const reqUnits: number[] = [];
  const altCalendar: Array<WorkingTime | null> = new Array(p.altResource.length).fill(null);
  // Operations share few (resource, pools) pairs: intersect each pair once.
  const narrowed = new Map<string, WorkingTime>();
  operations.forEach((op, i) => {
    const requires = op.requires ?? [];
    for (const req of requires) (reqPool.push(poolIndex.get(req.pool)!), reqUnits.push(req.units));
    reqStart.push(reqPool.length);
    if (requires.length === 0) return;
    for (let a = p.altStart[i]!; a < p.altStart[i + 1]!; a++) {
      const r = p.altResource[a]!;
      const key = [r, ...requires.map((req) => poolIndex.get(req.pool)!)].join(",");
      let calendar = narrowed.get(key);
      if (calendar === undefined) {
        calendar = requires.reduce((c, req) => intersectWorkingTime(c, pools[poolIndex.get(req.pool)!]!.calendar), p.resources[r]!.calendar!);
        narrowed.set(key, calendar);
      }
      altCalendar[a] = calendar;
    }
  });
  return { pools, reqStart: Int32Array.from(reqStart), reqPool: Int32Array.from(reqPool), reqUnits: Float64Array.from(reqUnits), altCalendar };
}

/** Batch rules, and the fixed cycle as the work of every alternative on a batch resource with one (altWork is the problem's own, just built). */
export function compileBatches(request: ScheduleRequest, compiled: CompiledRequest, problem: SchedulingProblem): BatchRules | null {
  if (!request.resources.some((r) => r.batch !== undefined)) return null;
  for (let a = 0; a < problem.altResource.length; a++) {
    const minutes = request.resources[problem.altResource[a]!]!.batch?.minutes;
    if (minutes !== undefined) problem.altWork[a] = minutes;
  }
  return {
    capacity: request.resources.map((r) => (r.batch === undefined ? null : { capacity: r.batch.capacity, byQuantity: r.batch.measure === "quantity" })),
    size: Float64Array.from({ length: problem.opCount }, (_, op) => compiled.lots[problem.opJob[op]!]!),
  };
}
