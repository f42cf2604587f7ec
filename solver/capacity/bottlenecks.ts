/**
 * Bottleneck ranking (the constraint of TOC sets the pace: Goldratt, The Goal): every resource ranked by
 * its peak bucket utilization, then by its mean utilization over the horizon, then by id for a stable
 * order. Mean utilization is the ratio of sums (horizon load / horizon available), so a bucket with no
 * capacity does not make the mean undefined. Load that falls where nothing is available makes the peak
 * null, which ranks above every number: no amount of efficiency gets that work done.
 */
import type { Bottleneck, ResourceBucketLoad } from "../../src/capacity.ts";
import { roundMinutes, utilization } from "./four-step-report.ts";

const asRank = (u: number | null): number => (u === null ? Infinity : u);

export function rankBottlenecks(resources: ReadonlyArray<{ id: string; buckets: readonly ResourceBucketLoad[] }>): Bottleneck[] {
  const rows = resources.map(({ id, buckets }): Bottleneck => {
    let load = 0;
    let available = 0;
    let overloadMinutes = 0;
    let peak: number | null = 0;
    const overloadedBuckets: number[] = [];
    buckets.forEach((b, index) => {
      load += b.loadMinutes;
      available += b.availableMinutes;
      overloadMinutes += b.overloadMinutes;
      if (b.overloadMinutes > 0) overloadedBuckets.push(index);
      if (asRank(b.utilization) > asRank(peak)) peak = b.utilization;
    });
    const mean = utilization(load, available);
    return { resource: id, peakUtilization: peak, meanUtilization: mean, overloadMinutes: roundMinutes(overloadMinutes), overloadedBuckets };
  });
  return rows.sort(
    (x, y) =>
      asRank(y.peakUtilization) - asRank(x.peakUtilization) ||
      asRank(y.meanUtilization) - asRank(x.meanUtilization) ||
      (x.resource < y.resource ? -1 : x.resource > y.resource ? 1 : 0),
  );
}
