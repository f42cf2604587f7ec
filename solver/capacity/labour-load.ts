/**
 * Capacity in labour (issue 21; 按照产品推算工时负荷): pools load like resources. Per bucket a pool offers the
 * unit-minutes of its working time after planStart (its by-shift units counted) and is loaded, by every
 * loaded operation that requires it, with the units it holds × the operation's working minutes in the bucket
 * (its load there divided by its resource's efficiency). Step 1 in labour: each order's labour hours per pool.
 */
import type { ResourceBucketLoad } from "../../src/capacity.ts";
import type { Pool } from "../../src/pool.ts";
import type { Resource } from "../../src/resource.ts";
import type { Routing } from "../../src/routing.ts";
import type { Minute } from "../../src/time.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import { problemPool } from "../schedule/compile-pools.ts";
import { offeredUnitMinutes } from "../schedule/pool-kpis.ts";
import type { BucketGrid } from "./bucket-grid.ts";
import { forEachBucketPiece } from "./bucket-grid.ts";
import { resourceBuckets, roundMinutes } from "./four-step-report.ts";
import type { LoadResult } from "./load-orders.ts";

export interface LabourInput {
  readonly pools: readonly Pool[];
  readonly orders: ReadonlyArray<{ item: string }>;
  readonly routings: ReadonlyMap<string, Routing>;
  readonly resources: readonly Resource[];
  readonly loading: LoadResult;
  readonly grid: BucketGrid;
  readonly planStart: Minute;
  /** Working time and shifts (breaks ignored) of a calendar id. */
  readonly timesOf: (calendar: string) => { working: WorkingTime; shifts: WorkingTime };
}

export interface LabourLoad {
  pools: Array<{ id: string; buckets: ResourceBucketLoad[] }>;
  /** Per order, labour hours per pool id (only pools it loads). */
  hoursByPool: Array<Record<string, number>>;
}

export function labourLoad(input: LabourInput): LabourLoad {
  const { grid, planStart } = input;
  const index = new Map(input.pools.map((pool, i) => [pool.id, i]));
  const load = input.pools.map(() => new Float64Array(grid.count));
  const hoursByPool = input.orders.map((order, o) => {
    const hours: Record<string, number> = {};
    const operations = input.routings.get(order.item)?.operations ?? [];
    for (const op of input.loading.orders[o]!.operations) {
      const efficiency = input.resources[op.resource]!.efficiency;
      for (const req of operations[op.operation]?.requires ?? []) {
        const i = index.get(req.pool)!;
        for (const b of op.buckets) load[i]![b.bucket] = load[i]![b.bucket]! + (req.units * b.minutes) / efficiency;
        hours[req.pool] = (hours[req.pool] ?? 0) + (req.units * op.standardMinutes) / efficiency / 60;
      }
    }
    for (const id of Object.keys(hours)) hours[id] = roundMinutes(hours[id]!);
    return hours;
  });
  const pools = input.pools.map((pool, i) => {
    const times = input.timesOf(pool.calendar);
    const compiled = problemPool(pool, times.working);
    const capacity = { shiftMinutes: new Float64Array(grid.count), workingMinutes: new Float64Array(grid.count), availableMinutes: new Float64Array(grid.count) };
    forEachBucketPiece(grid, planStart, grid.end, (b, from, to) => {
      capacity.shiftMinutes[b] = times.shifts.workingMinutesBetween(from, to);
      capacity.workingMinutes[b] = times.working.workingMinutesBetween(from, to);
      capacity.availableMinutes[b] = offeredUnitMinutes(compiled, from, to);
    });
    return { id: pool.id, buckets: resourceBuckets(capacity, load[i]!) };
  });
  return { pools, hoursByPool };
}
