/**
 * Where work must start for its end to meet a bound, forward and backward, on a calendar (issue 16): the
 * successor of a transfer batch may not end before its last batch is done, a just-in-time operation ends
 * no later than its successor needs it. Work is interruptible (it pauses outside working windows, as
 * addWorkingMinutes runs it) or unbroken (inside one window, as nextUnbrokenStart places it). Times are
 * whole minutes, as everywhere in the engine.
 */
import type { Minute } from "../../src/time.ts";
import type { WorkingTime } from "./working-time.ts";

/** The end of `minutes` of work started at `start` (a working instant; for unbroken work, the start of its stretch). */
export function workEnd(calendar: WorkingTime, start: Minute, minutes: number, unbroken: boolean): Minute | null {
  return unbroken ? start + minutes : calendar.addWorkingMinutes(start, minutes);
}

/**
 * The earliest start from which `minutes` of work end at or after `endBound` (later starts end later too):
 * a lower bound for the start, not necessarily a working instant. −Infinity when every start in the horizon
 * does; null when the answer lies past the horizon.
 */
export function earliestStartEndingAtOrAfter(calendar: WorkingTime, endBound: Minute, minutes: number, unbroken: boolean): Minute | null {
  if (unbroken || minutes === 0) return endBound - minutes;
  if (endBound > calendar.to) return null;
  const latest = calendar.subtractWorkingMinutes(endBound, minutes);
  // Less work than that before endBound in the whole horizon: any start ends after it.
  if (latest === null) return -Infinity;
  const end = calendar.addWorkingMinutes(latest, minutes);
  if (end !== null && end >= endBound) return latest;
  // endBound lies outside working time: the earliest end after it is one minute into the next window.
  const next = calendar.nextWorkingInstant(endBound);
  return next === null ? null : calendar.subtractWorkingMinutes(next + 1, minutes);
}

/**
 * The latest start at which `minutes` (> 0) of work end by `latestEnd`: a working instant (for unbroken work,
 * the start of a stretch). Null when there is none inside the horizon.
 */
export function latestStartEndingBy(calendar: WorkingTime, latestEnd: Minute, minutes: number, unbroken: boolean): Minute | null {
  if (minutes <= 0) throw new RangeError(`latestStartEndingBy needs work, got ${minutes} minutes`);
  return unbroken ? calendar.lastUnbrokenStart(latestEnd, minutes) : calendar.subtractWorkingMinutes(latestEnd, minutes);
}
