/**
 * Available capacity per resource and bucket — "an 8-hour shift is not 8 productive hours":
 *   shiftMinutes     = calendar shift time in the bucket, breaks included;
 *   workingMinutes   = shift time minus breaks (the compiled working windows);
 *   availableMinutes = workingMinutes × units × efficiency, in standard minutes.
 * Efficiency lives here, on the capacity side, and never on the load side: a resource at 0.8 turns
 * 480 working minutes into 384 standard minutes, and an operation's load stays what its routing says.
 * Time before planStart is past and offers nothing, so all three figures count only [planStart, ∞).
 * Shift time is measured with the same calendar engine on a copy of the calendar whose shifts have no
 * breaks, so midnight-crossing shifts and exceptions are treated exactly as for working time.
 */
import type { Calendar } from "../../src/calendar.ts";
import { WEEKDAYS } from "../../src/calendar.ts";
import type { Resource } from "../../src/resource.ts";
import type { Minute } from "../../src/time.ts";
import { compileCalendar } from "../calendar/compile-calendar.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import type { BucketGrid } from "./bucket-grid.ts";
import { forEachBucketPiece } from "./bucket-grid.ts";

/** A calendar compiled twice over one horizon: its working windows, and its shifts with breaks ignored. */
export interface CalendarTimes {
  readonly working: WorkingTime;
  readonly shifts: WorkingTime;
}

/** Per bucket, by bucket index. */
export interface ResourceCapacity {
  readonly shiftMinutes: Float64Array;
  readonly workingMinutes: Float64Array;
  readonly availableMinutes: Float64Array;
}

function withoutBreaks(calendar: Calendar): Calendar {
  const noBreaks = (shifts: Calendar["shifts"]["mon"]): Calendar["shifts"]["mon"] => shifts.map((s) => ({ ...s, breaks: [] }));
  const shifts = { ...calendar.shifts };
  for (const day of WEEKDAYS) shifts[day] = noBreaks(calendar.shifts[day]);
  return { ...calendar, shifts, exceptions: calendar.exceptions.map((e) => ({ ...e, shifts: noBreaks(e.shifts) })) };
}

export function compileCalendarTimes(calendar: Calendar, horizon: { from: Minute; to: Minute }): CalendarTimes {
  return { working: compileCalendar(calendar, horizon), shifts: compileCalendar(withoutBreaks(calendar), horizon) };
}

export function availableCapacity(resource: Resource, times: CalendarTimes, grid: BucketGrid, planStart: Minute): ResourceCapacity {
  const shiftMinutes = new Float64Array(grid.count);
  const workingMinutes = new Float64Array(grid.count);
  const availableMinutes = new Float64Array(grid.count);
  forEachBucketPiece(grid, planStart, grid.end, (b, from, to) => {
    shiftMinutes[b] = times.shifts.workingMinutesBetween(from, to);
    workingMinutes[b] = times.working.workingMinutesBetween(from, to);
    availableMinutes[b] = workingMinutes[b]! * resource.units * resource.efficiency;
  });
  return { shiftMinutes, workingMinutes, availableMinutes };
}
