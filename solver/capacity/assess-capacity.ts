/**
 * Capacity assessment (产能评估), the orchestrator: available capacity → infinite loading (or the load of a
 * given plan) → the four-step
 * report → bottlenecks and line capacity → countermeasures (only when the request has `levers`).
 * Expects a request that passed the zod schema and checkCapacityRequest; a broken reference throws.
 *
 * Calendars are compiled once per calendar over one horizon from min(buckets.start, planStart, the
 * earliest progress start) to a day past max(grid end, latest due), which every backward walk starts
 * inside and which holds the worked time of every progress entry; a walk that leaves it before planStart
 * is unmeetable anyway, and forward work past it lies beyond the grid.
 */
import type { CapacityRequest, CapacityResponse } from "../../src/capacity.ts";
import { CapacityLevers } from "../../src/capacity.ts";
import type { Routing } from "../../src/routing.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";
import { MINUTES_PER_DAY, formatDateTime, parseDateTime } from "../../src/time.ts";
import type { Minute } from "../../src/time.ts";
import type { LpEngine } from "../lp/model.ts";
import type { CalendarTimes, ResourceCapacity } from "./available-capacity.ts";
import { availableCapacity, compileCalendarTimes } from "./available-capacity.ts";
import { rankBottlenecks } from "./bottlenecks.ts";
import type { BucketGrid } from "./bucket-grid.ts";
import { bucketGrid, bucketIndexOf, bucketStart } from "./bucket-grid.ts";
import type { CountermeasureInput } from "./countermeasures-model.ts";
import { planCountermeasures } from "./countermeasures.ts";
import { orderReport, resourceBuckets } from "./four-step-report.ts";
import { labourLoad } from "./labour-load.ts";
import type { LabourLoad } from "./labour-load.ts";
import { lineCapacity } from "./line-capacity.ts";
import type { LoadResult } from "./load-orders.ts";
import { loadOrders } from "./load-orders.ts";

export interface AssessCapacityDeps {
  /** The LP engine for the countermeasures (HiGHS in production). */
  readonly engine: LpEngine;
  /** Wall-clock budget for the countermeasure LP, seconds. */
  readonly timeLimitSeconds?: number;
}

/** Everything the report and the countermeasures are computed from. */
export interface CapacityAnalysis {
  readonly grid: BucketGrid;
  readonly planStart: Minute;
  readonly resourceIndex: ReadonlyMap<string, number>;
  readonly routings: ReadonlyMap<string, Routing>;
  /** Per resource index. */
  readonly capacities: readonly ResourceCapacity[];
  readonly loading: LoadResult;
  /** Pools loaded in labour minutes (issue 21). */
  readonly labour: LabourLoad;
}

function dateTime(text: string): Minute {
  const t = parseDateTime(text);
  if (t === null) throw new RangeError(`invalid date-time "${text}" (the request was not validated)`);
  return t;
}

function planByOrder(operations: readonly ScheduledOperation[]): Map<string, Map<string, ScheduledOperation>> {
  const plan = new Map<string, Map<string, ScheduledOperation>>();
  for (const op of operations) plan.set(op.order, (plan.get(op.order) ?? new Map()).set(op.operation, op));
  return plan;
}

/** Steps 1–3 in numbers: capacity and load per resource and bucket, and each order's loading. */
export function analyseCapacity(request: CapacityRequest): CapacityAnalysis {
  const grid = bucketGrid(request.buckets);
  const planStart = request.planStart === undefined ? grid.start : dateTime(request.planStart);
  const latestDue = [...new Set(request.orders.map((o) => o.due))].reduce((latest, due) => Math.max(latest, dateTime(due)), -Infinity);
  const progressStart = request.progress.reduce((earliest, p) => Math.min(earliest, dateTime(p.start)), Infinity);
  const horizon = { from: Math.min(grid.start, planStart, progressStart), to: Math.max(grid.end, planStart, latestDue) + MINUTES_PER_DAY };

  const calendars = new Map(request.calendars.map((c) => [c.id, c]));
  const compiled = new Map<string, CalendarTimes>();
  const timesOf = (calendarId: string): CalendarTimes => {
    let times = compiled.get(calendarId);
    if (times === undefined) {
      const calendar = calendars.get(calendarId);
      if (calendar === undefined) throw new RangeError(`unknown calendar "${calendarId}" (the request was not checked)`);
      times = compileCalendarTimes(calendar, horizon);
      compiled.set(calendarId, times);
    }
    return times;
  };
  const times = request.resources.map((r) => timesOf(r.calendar));
  const capacities = request.resources.map((r, i) => availableCapacity(r, times[i]!, grid, planStart));
  const resourceIndex = new Map(request.resources.map((r, i) => [r.id, i]));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const loading = loadOrders({
    orders: request.orders,
    routings,
    resources: request.resources,
    resourceIndex,
    working: times.map((t) => t.working),
    grid,
    planStart,
    direction: request.loading,
    progress: request.progress,
    ...(request.schedule !== undefined ? { plan: planByOrder(request.schedule.operations) } : {}),
  });
  const labour = labourLoad({ pools: request.pools, orders: request.orders, routings, resources: request.resources, loading, grid, planStart, timesOf });
  return { grid, planStart, resourceIndex, routings, capacities, loading, labour };
}

/** The response without countermeasures (`countermeasures: null`). */
export function capacityReport(request: CapacityRequest, analysis: CapacityAnalysis): CapacityResponse {
  const { grid, capacities, loading } = analysis;
  const resources = request.resources.map((r, i) => ({ id: r.id, buckets: resourceBuckets(capacities[i]!, loading.load[i]!) }));
  const { pools, hoursByPool } = analysis.labour;
  const poolIds = new Set(pools.map((p) => p.id));
  return {
    buckets: Array.from({ length: grid.count }, (_, index) => ({
      index,
      start: formatDateTime(bucketStart(grid, index)),
      end: formatDateTime(bucketStart(grid, index + 1)),
    })),
    resources,
    ...(pools.length > 0 ? { pools } : {}),
    orders: request.orders.map((o, i) => ({ ...orderReport(o, loading.orders[i]!, request.resources), ...(pools.length > 0 ? { labourHoursByPool: hoursByPool[i]! } : {}) })),
    // A pool ranks with the resources: a crew short of hours is as much a constraint as a machine.
    bottlenecks: rankBottlenecks([...resources, ...pools]).map((b) => (poolIds.has(b.resource) ? { ...b, pool: true } : b)),
    lineCapacity: lineCapacity(request.routings, (id) => capacities[analysis.resourceIndex.get(id)!]!, grid.count),
    countermeasures: null,
  };
}

/** The countermeasure LP's input from an analysis; a request without `levers` gets every lever off. */
export function countermeasureInput(request: CapacityRequest, analysis: CapacityAnalysis): CountermeasureInput {
  return {
    resources: request.resources,
    available: analysis.capacities.map((c) => c.availableMinutes),
    load: analysis.loading.load,
    firstBucket: Math.max(0, bucketIndexOf(analysis.grid, analysis.planStart)),
    orders: request.orders,
    loadings: analysis.loading.orders,
    routings: analysis.routings,
    resourceIndex: analysis.resourceIndex,
    levers: request.levers ?? CapacityLevers.parse({}),
  };
}

/**
 * The whole assessment. Pure apart from the injected LP engine; an infeasible or timed-out LP is reported
 * in `countermeasures.status`, never thrown.
 */
export async function assessCapacity(request: CapacityRequest, deps: AssessCapacityDeps): Promise<CapacityResponse> {
  const analysis = analyseCapacity(request);
  const report = capacityReport(request, analysis);
  if (request.levers === undefined) return report;
  const countermeasures = await planCountermeasures(countermeasureInput(request, analysis), deps);
  return { ...report, countermeasures };
}
