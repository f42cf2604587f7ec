/**
 * Calendar of the MRP buckets. Without a calendar, bucket t starts on `start + t × size` (size = 1 or 7
 * days). With `buckets.calendar` (issue 23), the factory's working days decide: daily buckets are its
 * working days (the t-th working day on or after start), so lead times count working days and every
 * release and receipt date is a working day; a weekly bucket still spans 7 days from `start + 7t`, and its
 * date is its first working day (its first day if it has none). A bucket holds the dates from its start up to
 * the next bucket's: a Saturday belongs to Friday's daily bucket, and days before the first working day to
 * bucket 0. Working days count for the supplier follow-up too; without a calendar they are Monday to Friday.
 * Dates are factory-local calendar days on the UTC-as-wall-clock scale of src/time.ts, as whole day numbers.
 */
import type { Calendar } from "../../src/calendar.ts";
import type { MrpBuckets } from "../../src/mrp.ts";
import { formatDate, MINUTES_PER_DAY, parseDate } from "../../src/time.ts";
import type { WorkingDayTest } from "../calendar/working-days.ts";
import { longestGapDays, weekdaysOnly, workingDayTest } from "../calendar/working-days.ts";

export interface BucketCalendar {
  /** The date ("YYYY-MM-DD") of every bucket, index t → date. */
  readonly dates: ReadonlyArray<string>;
  /** The bucket containing a date; may lie outside 0 … count − 1 (the caller checks the horizon). */
  bucketOfDate(date: string): number;
  /** Working days from the start of the horizon up to (not including) each bucket's date, index t → days. */
  workingDaysBefore(): Int32Array;
}

/** Why a horizon has no bucket calendar: the named calendar is missing or has too few working days. */
export interface BucketCalendarProblem {
  readonly problem: string;
}

const dayOf = (date: string) => parseDate(date)! / MINUTES_PER_DAY;
const dateOf = (day: number) => formatDate(day * MINUTES_PER_DAY);

/** Working days in [from, to) by `isWorking`. */
function workingDaysBetween(isWorking: WorkingDayTest, from: number, to: number): number {
  let days = 0;
  for (let day = from; day < to; day++) if (isWorking(day)) days++;
  return days;
}

/** Buckets of whole days: 1 or 7 each, dates on the first working day of each (first day when none). */
function fixedBuckets(buckets: MrpBuckets, isWorking: WorkingDayTest, datesOnWorkingDays: boolean): BucketCalendar {
  const start = dayOf(buckets.start);
  const step = buckets.size === "week" ? 7 : 1;
  const days = Array.from({ length: buckets.count }, (_, t) => {
    const first = start + t * step;
    if (!datesOnWorkingDays) return first;
    for (let day = first; day < first + step; day++) if (isWorking(day)) return day;
    return first;
  });
  return {
    dates: days.map(dateOf),
    bucketOfDate: (date) => Math.floor((dayOf(date) - start) / step),
    workingDaysBefore: () => {
      const before = new Int32Array(days.length);
      for (let t = 0, from = start, counted = 0; t < days.length; from = days[t++]!) before[t] = counted += workingDaysBetween(isWorking, from, days[t]!);
      return before;
    },
  };
}

/** Daily buckets on working days: the first count + 1 working days from start (the last closes the horizon). */
function workingDayBuckets(buckets: MrpBuckets, calendar: Calendar, isWorking: WorkingDayTest): BucketCalendar | BucketCalendarProblem {
  const start = dayOf(buckets.start);
  const days = new Int32Array(buckets.count + 1);
  const gap = longestGapDays(calendar);
  let found = 0;
  for (let day = start, idle = 0; found <= buckets.count; day++) {
    if (isWorking(day)) {
      days[found++] = day;
      idle = 0;
    } else if (++idle > gap) {
      return { problem: `calendar "${calendar.id}" has ${found} working day(s) from ${buckets.start}, not the ${buckets.count} buckets of the horizon` };
    }
  }
  return {
    dates: Array.from(days.subarray(0, buckets.count), dateOf),
    bucketOfDate(date) {
      const day = dayOf(date);
      if (day < start) return -1;
      // The last working day on or before the date (binary search); days before the first belong to bucket 0.
      let lo = 0;
      let hi = days.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (days[mid]! <= day) lo = mid + 1;
        else hi = mid;
      }
      return Math.max(0, lo - 1);
    },
    workingDaysBefore: () => Int32Array.from({ length: buckets.count }, (_, t) => t),
  };
}

/** The calendar of `buckets` (a problem when buckets.calendar names no calendar of `calendars` or one with too few working days). */
export function bucketCalendar(buckets: MrpBuckets, calendars: ReadonlyArray<Calendar>): BucketCalendar | BucketCalendarProblem {
  if (buckets.calendar === undefined) return fixedBuckets(buckets, weekdaysOnly, false);
  const calendar = calendars.find((c) => c.id === buckets.calendar);
  if (calendar === undefined) return { problem: `unknown calendar "${buckets.calendar}"` };
  const isWorking = workingDayTest(calendar);
  return buckets.size === "day" ? workingDayBuckets(buckets, calendar, isWorking) : fixedBuckets(buckets, isWorking, true);
}

export function isBucketCalendar(calendar: BucketCalendar | BucketCalendarProblem): calendar is BucketCalendar {
  return "dates" in calendar;
}

/** The bucket of a demand, receipt or firm order given by index or by date. */
export function bucketOf(calendar: BucketCalendar, placed: { bucket?: number | undefined; date?: string | undefined }): number {
  return placed.bucket ?? calendar.bucketOfDate(placed.date!);
}
