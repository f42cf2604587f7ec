/**
 * Available capacity of each resource in one period, in standard minutes: working minutes of its calendar
 * in [start, end) × units × efficiency ("an 8-hour shift is not 8 productive hours": breaks are not working
 * time, and efficiency turns clock minutes into standard minutes, the unit routings are written in).
 */
import type { Calendar } from "../../src/calendar.ts";
import type { Resource } from "../../src/resource.ts";
import type { Minute } from "../../src/time.ts";
import { compileCalendar } from "../calendar/compile-calendar.ts";

export interface PeriodCapacity {
  /** Working minutes of the resource's calendar in the period (one unit). */
  readonly workingMinutes: number;
  /** workingMinutes × units × efficiency. */
  readonly availableMinutes: number;
}

/** Capacity per resource id. Calendars must exist for every resource (checkFactory). */
export function periodCapacity(
  model: { readonly calendars: readonly Calendar[]; readonly resources: readonly Resource[] },
  period: { from: Minute; to: Minute },
): Map<string, PeriodCapacity> {
  const working = new Map<string, number>();
  for (const calendar of model.calendars) {
    working.set(calendar.id, compileCalendar(calendar, period).workingMinutesBetween(period.from, period.to));
  }
  return new Map(
    model.resources.map((r) => {
      const workingMinutes = working.get(r.calendar) ?? 0;
      return [r.id, { workingMinutes, availableMinutes: workingMinutes * r.units * r.efficiency }];
    }),
  );
}
