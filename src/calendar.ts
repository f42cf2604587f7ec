import { z } from "zod";
import { Id, listOf, MAX_BREAKS_PER_SHIFT, MAX_CALENDAR_EXCEPTIONS, MAX_SHIFTS_PER_DAY } from "./limits.ts";
import { LocalDate, MINUTES_PER_DAY, parseTimeOfDay, TimeOfDay } from "./time.ts";

export const Break = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .meta({ description: "An unpaid pause inside a shift; may lie after midnight in a shift that crosses it" });
export type Break = z.infer<typeof Break>;

export const Shift = z
  .object({
    start: TimeOfDay,
    end: TimeOfDay.describe("End; earlier than or equal to start means the shift crosses midnight (22:00-06:00)"),
    breaks: listOf(Break, MAX_BREAKS_PER_SHIFT, "breaks per shift").default([]),
  })
  .meta({ description: "A shift belongs to the day it starts on" });
export type Shift = z.infer<typeof Shift>;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DayShifts = listOf(Shift, MAX_SHIFTS_PER_DAY, "shifts per day");

export const WeeklyShifts = z.object({
  mon: DayShifts.default([]),
  tue: DayShifts.default([]),
  wed: DayShifts.default([]),
  thu: DayShifts.default([]),
  fri: DayShifts.default([]),
  sat: DayShifts.default([]),
  sun: DayShifts.default([]),
});
export type WeeklyShifts = z.infer<typeof WeeklyShifts>;

export const CalendarException = z
  .object({
    date: LocalDate,
    shifts: DayShifts.describe("Replaces the shifts starting on that date: [] is a holiday, extra shifts are overtime"),
  })
  .meta({ description: "A dated change to the weekly pattern" });
export type CalendarException = z.infer<typeof CalendarException>;

export const Calendar = z
  .object({
    id: Id,
    shifts: WeeklyShifts,
    exceptions: listOf(CalendarException, MAX_CALENDAR_EXCEPTIONS, "exceptions per calendar").default([]),
  })
  .meta({ id: "Calendar", description: "A weekly shift pattern with dated exceptions (holidays, overtime days)" });
export type Calendar = z.infer<typeof Calendar>;

/** A shift and its breaks in minutes after the midnight of the day it starts on (0 … 2,880). */
export interface ShiftTimeline {
  start: number;
  end: number;
  breaks: Array<readonly [start: number, end: number]>;
}

/**
 * Places a shift and its breaks on the shift's own timeline: `end <= start` crosses midnight (so
 * `start == end` is 24 hours), and a break starting before the shift's start time of day lies after
 * midnight. Breaks are not clipped: a break outside its shift is the validator's to report.
 */
export function shiftTimeline(shift: Shift): ShiftTimeline {
  const minutes = (text: string): number => {
    const value = parseTimeOfDay(text);
    if (value === null) throw new RangeError(`invalid time of day "${text}" (the calendar was not validated)`);
    return value;
  };
  const start = minutes(shift.start);
  let end = minutes(shift.end);
  if (end <= start) end += MINUTES_PER_DAY;
  const breaks = shift.breaks.map((b) => {
    let breakStart = minutes(b.start);
    let breakEnd = minutes(b.end);
    if (breakStart < start) breakStart += MINUTES_PER_DAY;
    if (breakEnd <= breakStart) breakEnd += MINUTES_PER_DAY;
    return [breakStart, breakEnd] as const;
  });
  return { start, end, breaks };
}
