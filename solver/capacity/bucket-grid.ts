/**
 * The bucket grid: equal, contiguous planning periods (a day is 1,440 minutes and a week 10,080 — factory
 * time has no daylight-saving gaps, see src/time.ts), bucket 0 beginning at `start` 00:00.
 */
import type { CapacityBuckets } from "../../src/capacity.ts";
import { MINUTES_PER_DAY, parseDate } from "../../src/time.ts";
import type { Minute } from "../../src/time.ts";

export interface BucketGrid {
  /** Start of bucket 0. */
  readonly start: Minute;
  /** Length of every bucket, minutes. */
  readonly size: number;
  readonly count: number;
  /** End of the last bucket (exclusive). */
  readonly end: Minute;
}

export function bucketGrid(buckets: CapacityBuckets): BucketGrid {
  const start = parseDate(buckets.start);
  if (start === null) throw new RangeError(`invalid bucket start "${buckets.start}" (the request was not validated)`);
  const size = buckets.size === "day" ? MINUTES_PER_DAY : 7 * MINUTES_PER_DAY;
  return { start, size, count: buckets.count, end: start + size * buckets.count };
}

export function bucketStart(grid: BucketGrid, index: number): Minute {
  return grid.start + index * grid.size;
}

/** Index of the bucket containing t; may be < 0 or ≥ count when t lies outside the grid. */
export function bucketIndexOf(grid: BucketGrid, t: Minute): number {
  return Math.floor((t - grid.start) / grid.size);
}

/**
 * Calls `visit(bucket, from, to)` for each bucket overlapping [a, b), with the overlap clipped to the
 * bucket and to the grid: the pieces of an interval that the grid sees.
 */
export function forEachBucketPiece(grid: BucketGrid, a: Minute, b: Minute, visit: (bucket: number, from: Minute, to: Minute) => void): void {
  const lo = Math.max(a, grid.start);
  const hi = Math.min(b, grid.end);
  if (!(lo < hi)) return;
  const last = Math.min(grid.count - 1, Math.ceil((hi - grid.start) / grid.size) - 1);
  for (let i = Math.max(0, bucketIndexOf(grid, lo)); i <= last; i++) {
    const bs = bucketStart(grid, i);
    visit(i, Math.max(lo, bs), Math.min(hi, bs + grid.size));
  }
}
