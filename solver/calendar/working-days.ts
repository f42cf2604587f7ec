/**
 * Working days of a calendar, for day-granular planning (MRP's working-day buckets and supplier follow-up):
 * a day is a working day when a shift with working time (more than its breaks) starts on it — the day a
 * shift belongs to, as in expand-shifts.ts, so a night shift begun on Friday makes Friday, not Saturday, a
 * working day. An exception replaces its date's shifts (`[]`: a holiday; shifts on a Saturday: an overtime day).
 */
import type { Calendar } from "../../src/calendar.ts";
import { WEEKDAYS } from "../../src/calendar.ts";
import { MINUTES_PER_DAY, parseDate, weekdayIndex } from "../../src/time.ts";
import { shiftWorkingIntervals } from "./expand-shifts.ts";

/** Day numbers count whole days since 1970-01-01 (a day's midnight is `day × MINUTES_PER_DAY`). */
export type WorkingDayTest = (day: number) => boolean;

function hasWorkingTime(shifts: Calendar["shifts"]["mon"]): boolean {
  return shifts.some((shift) => shiftWorkingIntervals(shift).length > 0);
}

/** Whether a day is a working day of `calendar`. */
export function workingDayTest(calendar: Calendar): WorkingDayTest {
  const weekly = WEEKDAYS.map((day) => hasWorkingTime(calendar.shifts[day]));
  const exceptions = new Map<number, boolean>();
  for (const exception of calendar.exceptions) exceptions.set(parseDate(exception.date)! / MINUTES_PER_DAY, hasWorkingTime(exception.shifts));
  return (day) => exceptions.get(day) ?? weekly[weekdayIndex(day * MINUTES_PER_DAY)]!;
}

/** Monday to Friday: the working week when no calendar says otherwise. */
export const weekdaysOnly: WorkingDayTest = (day) => weekdayIndex(day * MINUTES_PER_DAY) < 5;

/**
 * Days a working day can be apart at most in `calendar` when it has any: a week with a working day in its
 * pattern, plus one day for each exception that may take one away. Walks over days stop after this many
 * without a working day.
 */
export function longestGapDays(calendar: Calendar): number {
  return 7 * (1 + calendar.exceptions.length);
}
