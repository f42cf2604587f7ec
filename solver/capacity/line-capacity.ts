/**
 * Line capacity — "the capacity of a line is the capacity of its slowest station": for each routed item,
 * the units per bucket the plant could make if it made only that item, and the station that limits it.
 *
 * A station is a set of interchangeable resources: an operation with alternatives may run on all of
 * them at once, so its capacity is the sum of their available minutes. Operations of the routing that
 * use the same resource set share it, so their setup and run minutes add up. Each bucket makes one lot:
 *   units_b = min over stations s of max(0, available_s,b − setup_s) / run_s
 * (a station with no run time never limits). The constraint named is the station with the fewest units
 * over the whole horizon. This is rough-cut: a resource that appears in two different stations is
 * counted fully in each.
 */
import type { LineCapacity } from "../../src/capacity.ts";
import type { Routing } from "../../src/routing.ts";
import type { ResourceCapacity } from "./available-capacity.ts";

interface Station {
  operations: string[];
  resources: string[];
  setupMinutes: number;
  runMinutesPerUnit: number;
}

function stations(routing: Routing): Station[] {
  const byKey = new Map<string, Station>();
  for (const op of routing.operations) {
    const resources = [...new Set(op.resources)].sort();
    const key = resources.join("\u0000");
    const station = byKey.get(key) ?? { operations: [], resources, setupMinutes: 0, runMinutesPerUnit: 0 };
    station.operations.push(op.id);
    station.setupMinutes += op.setupMinutes;
    station.runMinutesPerUnit += op.runMinutesPerUnit;
    byKey.set(key, station);
  }
  return [...byKey.values()];
}

export function lineCapacity(routings: readonly Routing[], capacityOf: (resource: string) => ResourceCapacity, bucketCount: number): LineCapacity[] {
  return routings.map((routing) => {
    const limited = stations(routing)
      .filter((s) => s.runMinutesPerUnit > 0)
      .map((s) => {
        const capacities = s.resources.map(capacityOf);
        const units = Array.from({ length: bucketCount }, (_, b) => {
          const available = capacities.reduce((sum, c) => sum + c.availableMinutes[b]!, 0);
          return Math.max(0, available - s.setupMinutes) / s.runMinutesPerUnit;
        });
        return { station: s, units, total: units.reduce((a, u) => a + u, 0) };
      });
    if (limited.length === 0) {
      return { item: routing.item, constraint: { operations: [], resources: [] }, unitsPerBucket: Array.from({ length: bucketCount }, () => null) };
    }
    const slowest = limited.reduce((best, s) => (s.total < best.total ? s : best));
    const unitsPerBucket = Array.from({ length: bucketCount }, (_, b) => Math.min(...limited.map((s) => s.units[b]!)));
    return {
      item: routing.item,
      constraint: { operations: slowest.station.operations, resources: slowest.station.resources },
      unitsPerBucket,
    };
  });
}
