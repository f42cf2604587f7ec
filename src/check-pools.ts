/**
 * Reference checks of pools and batch resources (issue 21), part of every factory model's checks: pools name
 * known calendars, their by-shift windows do not overlap, an operation requires known pools and no more
 * units than the pool ever has, and no order is larger than a batch resource its operation may run on.
 */
import type { FactoryModel } from "./factory.ts";
import { largestUnits } from "./pool.ts";
import type { Pool } from "./pool.ts";
import type { Problem } from "./problem.ts";
import { formatPath } from "./problem.ts";
import { MINUTES_PER_DAY, parseTimeOfDay } from "./time.ts";

/** The minutes of the day [0, 1440) a by-shift window covers, as at most two intervals. */
export function dayIntervals(from: string, to: string): Array<[number, number]> {
  const a = parseTimeOfDay(from)!;
  const b = parseTimeOfDay(to)!;
  if (a < b) return [[a, b]];
  return [
    [a, MINUTES_PER_DAY],
    [0, b],
  ].filter(([x, y]) => y! > x!) as Array<[number, number]>;
}

function checkWindows(pool: Pool, i: number): Problem[] {
  const problems: Problem[] = [];
  const windows = pool.unitsByShift ?? [];
  windows.forEach((w, k) => {
    for (let j = 0; j < k; j++) {
      const other = windows[j]!;
      const overlaps = dayIntervals(w.from, w.to).some(([a, b]) => dayIntervals(other.from, other.to).some(([c, d]) => a < d && c < b));
      if (overlaps) {
        problems.push({ path: formatPath(["pools", i, "unitsByShift", k]), message: `window ${w.from}-${w.to} overlaps window ${other.from}-${other.to}` });
        break;
      }
    }
  });
  return problems;
}

export function checkPools(model: FactoryModel): Problem[] {
  const problems: Problem[] = [];
  const calendars = new Set(model.calendars.map((c) => c.id));
  const pools = new Map<string, Pool>();
  model.pools.forEach((pool, i) => {
    if (pools.has(pool.id)) problems.push({ path: formatPath(["pools", i]), message: `duplicate pool id "${pool.id}"` });
    else pools.set(pool.id, pool);
    if (!calendars.has(pool.calendar)) problems.push({ path: formatPath(["pools", i, "calendar"]), message: `unknown calendar "${pool.calendar}"` });
    problems.push(...checkWindows(pool, i));
  });
  const batchOf = new Map(model.resources.flatMap((r) => (r.batch === undefined ? [] : [[r.id, r.batch] as const])));
  const batchSteps = new Map<string, Array<{ resource: string; capacity: number }>>();
  model.routings.forEach((routing, i) => {
    routing.operations.forEach((op, j) => {
      (op.requires ?? []).forEach((req, k) => {
        const at = ["routings", i, "operations", j, "requires", k];
        const pool = pools.get(req.pool);
        if (pool === undefined) problems.push({ path: formatPath([...at, "pool"]), message: `unknown pool "${req.pool}"` });
        else if (req.units > largestUnits(pool)) {
          problems.push({ path: formatPath([...at, "units"]), message: `operation "${op.id}" requires ${req.units} units of pool "${pool.id}", which never has more than ${largestUnits(pool)}` });
        }
      });
      for (const r of op.resources) {
        const batch = batchOf.get(r);
        if (batch?.measure !== "quantity") continue;
        const list = batchSteps.get(routing.item) ?? [];
        list.push({ resource: r, capacity: batch.capacity });
        batchSteps.set(routing.item, list);
      }
    });
  });
  model.orders.forEach((order, i) => {
    const tooBig = batchSteps.get(order.item)?.find((step) => order.quantity > step.capacity);
    if (tooBig !== undefined) {
      problems.push({
        path: formatPath(["orders", i, "quantity"]),
        message: `order "${order.id}" of ${order.quantity} is larger than the batch capacity ${tooBig.capacity} of resource "${tooBig.resource}"`,
      });
    }
  });
  return problems;
}
