/**
 * Calendar of the MRP buckets: bucket t starts on `start + t × size` (size = 1 or 7 days). Dates are
 * factory-local calendar days, so the arithmetic is in whole days on the UTC-as-wall-clock scale of src/time.ts.
 */
import type { MrpBuckets } from "../../src/mrp.ts";
import { formatDate, MINUTES_PER_DAY, parseDate } from "../../src/time.ts";

function daysPerBucket(buckets: MrpBuckets): number {
  return buckets.size === "week" ? 7 : 1;
}

/** The start date ("YYYY-MM-DD") of every bucket, index t → date. */
export function bucketDates(buckets: MrpBuckets): string[] {
  const start = parseDate(buckets.start)!;
  const step = daysPerBucket(buckets) * MINUTES_PER_DAY;
  const dates: string[] = [];
  for (let t = 0; t < buckets.count; t++) dates.push(formatDate(start + t * step));
  return dates;
}

/** The bucket index containing a date; may lie outside 0 … count − 1 (the caller checks the horizon). */
export function bucketOfDate(buckets: MrpBuckets, date: string): number {
  const days = (parseDate(date)! - parseDate(buckets.start)!) / MINUTES_PER_DAY;
  return Math.floor(days / daysPerBucket(buckets));
}

/** The bucket of a demand or receipt given by index or by date. */
export function bucketOf(buckets: MrpBuckets, placed: { bucket?: number | undefined; date?: string | undefined }): number {
  return placed.bucket ?? bucketOfDate(buckets, placed.date!);
}
