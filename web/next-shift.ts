/**
 * The next shift start after an instant, over a plant's calendars: where a planner puts the frozen fence by
 * default (the plan is issued before the shift, 次日早上7:50前下达, and the coming shift runs as issued).
 */
import { WEEKDAYS } from "../src/calendar.ts";
import type { FactoryModel } from "../src/factory.ts";
import { formatDate, formatDateTime, MINUTES_PER_DAY, parseDateTime, parseTimeOfDay, weekdayIndex } from "../src/time.ts";

/** Days looked ahead for a shift (a plant closed longer has no default fence). */
const LOOK_AHEAD_DAYS = 14;

/** The earliest shift start strictly after `after` ("YYYY-MM-DDTHH:mm"), or null. */
export function nextShiftStart(factory: Pick<FactoryModel, "calendars">, after: string): string | null {
  const t = parseDateTime(after);
  if (t === null) return null;
  let best = Infinity;
  for (const calendar of factory.calendars) {
    const exceptions = new Map(calendar.exceptions.map((e) => [e.date, e.shifts]));
    for (let day = Math.floor(t / MINUTES_PER_DAY); day <= Math.floor(t / MINUTES_PER_DAY) + LOOK_AHEAD_DAYS; day++) {
      const midnight = day * MINUTES_PER_DAY;
      const shifts = exceptions.get(formatDate(midnight)) ?? calendar.shifts[WEEKDAYS[weekdayIndex(midnight)]!];
      for (const shift of shifts) {
        const start = midnight + parseTimeOfDay(shift.start)!;
        if (start > t && start < best) best = start;
      }
    }
  }
  return best === Infinity ? null : formatDateTime(best);
}
