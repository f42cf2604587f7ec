/** Bucket calendars worked by hand: fixed days and weeks, and working days of a factory calendar (issue 23). */
import { describe, expect, it } from "vitest";
import { Calendar } from "../../../src/calendar.ts";
import type { BucketCalendar } from "../../../solver/mrp/bucket-dates.ts";
import { bucketCalendar, isBucketCalendar } from "../../../solver/mrp/bucket-dates.ts";

const SHIFT = [{ start: "08:00", end: "16:00" }];
/** Mon–Fri one shift; Friday 6 March 2026 a holiday, Saturday 14 March an overtime day. */
const plant = Calendar.parse({
  id: "plant",
  shifts: { mon: SHIFT, tue: SHIFT, wed: SHIFT, thu: SHIFT, fri: SHIFT },
  exceptions: [
    { date: "2026-03-06", shifts: [] },
    { date: "2026-03-14", shifts: SHIFT },
  ],
});

function calendar(buckets: Parameters<typeof bucketCalendar>[0], calendars = [plant]): BucketCalendar {
  const result = bucketCalendar(buckets, calendars);
  if (!isBucketCalendar(result)) throw new Error(result.problem);
  return result;
}

describe("bucket dates without a calendar", () => {
  it("starts bucket t at start + t × size, across month and year ends", () => {
    expect(calendar({ start: "2026-12-21", size: "week", count: 3 }).dates).toEqual(["2026-12-21", "2026-12-28", "2027-01-04"]);
    expect(calendar({ start: "2028-02-28", size: "day", count: 3 }).dates).toEqual(["2028-02-28", "2028-02-29", "2028-03-01"]);
  });

  it("finds the bucket containing a date, also outside the horizon", () => {
    const weeks = calendar({ start: "2026-03-02", size: "week", count: 4 });
    expect(weeks.bucketOfDate("2026-03-02")).toBe(0);
    expect(weeks.bucketOfDate("2026-03-08")).toBe(0);
    expect(weeks.bucketOfDate("2026-03-09")).toBe(1);
    expect(weeks.bucketOfDate("2026-03-01")).toBe(-1);
    expect(weeks.bucketOfDate("2026-03-30")).toBe(4);
  });

  it("counts Monday to Friday as working days", () => {
    // Wednesday 4 March: bucket dates Wed, Thu, Fri, Sat, Sun, Mon → working days before them 0 1 2 3 3 3
    expect(Array.from(calendar({ start: "2026-03-04", size: "day", count: 6 }).workingDaysBefore())).toEqual([0, 1, 2, 3, 3, 3]);
  });
});

describe("daily buckets on a factory calendar", () => {
  // Working days from Wed 4 March: Wed 4, Thu 5, (Fri 6 holiday, Sat, Sun), Mon 9 … Fri 13, Sat 14 (overtime), Mon 16
  const days = calendar({ start: "2026-03-04", size: "day", count: 9, calendar: "plant" });

  it("makes bucket t the t-th working day from the start", () => {
    expect(days.dates).toEqual(["2026-03-04", "2026-03-05", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-14", "2026-03-16"]);
    expect(Array.from(days.workingDaysBefore())).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("puts a non-working day in the bucket of the working day before it", () => {
    expect(days.bucketOfDate("2026-03-05")).toBe(1);
    expect(days.bucketOfDate("2026-03-06")).toBe(1); // the holiday
    expect(days.bucketOfDate("2026-03-08")).toBe(1); // Sunday
    expect(days.bucketOfDate("2026-03-09")).toBe(2);
    expect(days.bucketOfDate("2026-03-15")).toBe(7); // Sunday after the overtime Saturday
    expect(days.bucketOfDate("2026-03-16")).toBe(8);
    expect(days.bucketOfDate("2026-03-17")).toBe(9); // past the horizon's last working day
    expect(days.bucketOfDate("2026-03-03")).toBe(-1);
  });

  it("puts the days before the first working day in bucket 0", () => {
    const fromSunday = calendar({ start: "2026-03-08", size: "day", count: 2, calendar: "plant" });
    expect(fromSunday.dates).toEqual(["2026-03-09", "2026-03-10"]);
    expect(fromSunday.bucketOfDate("2026-03-08")).toBe(0);
  });

  it("dates weekly buckets on their first working day and counts working days for the follow-up", () => {
    // weeks from Mon 2 March: the second starts Mon 9 (working), a week starting Fri 6 would start on Mon 9
    const weeks = calendar({ start: "2026-03-06", size: "week", count: 2, calendar: "plant" });
    expect(weeks.dates).toEqual(["2026-03-09", "2026-03-13"]);
    // working days from Fri 6: none before Mon 9; Mon 9 … Thu 12 before Fri 13
    expect(Array.from(weeks.workingDaysBefore())).toEqual([0, 4]);
  });

  it("names an unknown calendar and one without enough working days", () => {
    expect(bucketCalendar({ start: "2026-03-04", size: "day", count: 2, calendar: "nope" }, [plant])).toEqual({ problem: 'unknown calendar "nope"' });
    const idle = Calendar.parse({ id: "idle", shifts: {} });
    expect(bucketCalendar({ start: "2026-03-04", size: "day", count: 2, calendar: "idle" }, [idle])).toEqual({
      problem: 'calendar "idle" has 0 working day(s) from 2026-03-04, not the 2 buckets of the horizon',
    });
  });
});
