/**
 * Pools in the bottleneck analysis (issue 21): a crew short of hours can be the constraint. Each pool joins
 * the resources with the labour minutes it offers in the period (its units over its working minutes, by-shift
 * units counted), and every operation that requires it loads it through a companion load term: the units it
 * holds × its working minutes per unit on its first resource ((run + setup) / efficiency). The roll-up, the
 * constraint ranking and the mix LP then treat it as any other capacity.
 */
import type { Calendar } from "../../src/calendar.ts";
import type { Pool } from "../../src/pool.ts";
import type { Resource } from "../../src/resource.ts";
import type { Routing } from "../../src/routing.ts";
import type { Minute } from "../../src/time.ts";
import { compileCalendar } from "../calendar/compile-calendar.ts";
import { problemPool } from "../schedule/compile-pools.ts";
import { offeredUnitMinutes } from "../schedule/pool-kpis.ts";
import type { PeriodCapacity } from "./period-capacity.ts";

export interface PooledModel {
  /** The routings with a companion operation per requirement, on the pool's id. */
  routings: Routing[];
  /** Capacity of every pool, by id. */
  capacity: Map<string, PeriodCapacity>;
}

export function poolsAsResources(
  model: { readonly calendars: readonly Calendar[]; readonly resources: readonly Resource[]; readonly pools: readonly Pool[]; readonly routings: readonly Routing[] },
  period: { from: Minute; to: Minute },
): PooledModel {
  const calendars = new Map(model.calendars.map((c) => [c.id, c]));
  const efficiency = new Map(model.resources.map((r) => [r.id, r.efficiency]));
  const capacity = new Map(
    model.pools.map((pool) => {
      const working = compileCalendar(calendars.get(pool.calendar)!, period);
      const offered = offeredUnitMinutes(problemPool(pool, working), period.from, period.to);
      return [pool.id, { workingMinutes: working.workingMinutesBetween(period.from, period.to), availableMinutes: offered }] as const;
    }),
  );
  const routings = model.routings.map((routing) => ({
    ...routing,
    operations: routing.operations.flatMap((op) => [
      op,
      ...(op.requires ?? []).map((req) => {
        const perMinute = req.units / (efficiency.get(op.resources[0]!) ?? 1);
        return { ...op, id: `${op.id}@${req.pool}`, resources: [req.pool], setupMinutes: op.setupMinutes * perMinute, runMinutesPerUnit: op.runMinutesPerUnit * perMinute };
      }),
    ]),
  }));
  return { routings, capacity };
}
