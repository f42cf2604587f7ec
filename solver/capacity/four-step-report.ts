/**
 * The four-step capacity report of the PMC handbooks (../shared/domain.md, 产能评估):
 *   1. convert each order into standard hours per resource (`hoursByResource`, the whole order,
 *      whether or not all of it falls inside the grid);
 *   2. sum the load per resource and bucket (`loadMinutes`);
 *   3. compare with what is available (`utilization` = load / available, `overloadMinutes`);
 *   4. countermeasures — see countermeasures.ts.
 */
import type { OrderLoad, ResourceBucketLoad } from "../../src/capacity.ts";
import type { Order } from "../../src/order.ts";
import type { Resource } from "../../src/resource.ts";
import type { ResourceCapacity } from "./available-capacity.ts";
import type { OrderLoading } from "./load-orders.ts";

/** Rounds away floating-point noise (1e-6 minute is far below anything a planner reads). */
export function roundMinutes(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** load / available; 0 when both are 0, null when load meets no capacity at all. */
export function utilization(load: number, available: number): number | null {
  if (available > 0) return load / available;
  return load > 0 ? null : 0;
}

export function resourceBuckets(capacity: ResourceCapacity, load: Float64Array): ResourceBucketLoad[] {
  return Array.from(load, (l, b) => {
    const available = capacity.availableMinutes[b]!;
    const loadMinutes = roundMinutes(l);
    return {
      shiftMinutes: roundMinutes(capacity.shiftMinutes[b]!),
      workingMinutes: roundMinutes(capacity.workingMinutes[b]!),
      availableMinutes: roundMinutes(available),
      loadMinutes,
      utilization: utilization(loadMinutes, available),
      overloadMinutes: roundMinutes(Math.max(0, l - available)),
    };
  });
}

export function orderReport(order: Order, loading: OrderLoading, resources: readonly Resource[]): OrderLoad {
  const hoursByResource: Record<string, number> = {};
  for (const op of loading.operations) {
    const id = resources[op.resource]!.id;
    hoursByResource[id] = (hoursByResource[id] ?? 0) + op.standardMinutes / 60;
  }
  for (const id of Object.keys(hoursByResource)) hoursByResource[id] = roundMinutes(hoursByResource[id]!);
  return { id: order.id, hoursByResource, unmeetable: loading.unmeetable };
}
