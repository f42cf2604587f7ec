/**
 * Shift expansion: a weekly shift pattern with dated exceptions becomes the sorted, disjoint working
 * windows of a horizon. Each shift minus its own breaks gives intervals; the union of all intervals is
 * taken by sort-and-sweep (overlapping or touching intervals merge), then clipped to the horizon.
 *
 * Conventions (the same ones src/check-factory.ts validates against):
 * - a shift belongs to the day it starts on; `end <= start` means it crosses midnight, so
 *   `start == end` is a 24-hour shift and `"24:00"` is the following midnight;
 * - a break lies on its shift's timeline: a break starting before the shift's start time of day is
 *   after midnight (02:00 in a 22:00–06:00 shift is the next calendar day);
 * - an exception replaces the shifts that START on its date, so a night shift begun the evening before
 *   a holiday still runs into it.
 */
import type { Calendar, Shift } from "../../src/calendar.ts";
import { shiftTimeline, WEEKDAYS } from "../../src/calendar.ts";
import { MINUTES_PER_DAY, parseDate, weekdayIndex } from "../../src/time.ts";
import type { Minute } from "../../src/time.ts";
import type { Window } from "./working-time.ts";

/** [start, end) in minutes after the midnight of the day a shift starts on (0 … 2,880). */
type DayInterval = readonly [start: number, end: number];

/** One shift's working intervals (the shift minus its breaks), relative to its day's midnight. */
export function shiftWorkingIntervals(shift: Shift): DayInterval[] {
  const { start, end, breaks } = shiftTimeline(shift);
  const clamp = (t: number): number => Math.min(Math.max(t, start), end);
  // Breaks outside their shift are reported by check-factory; here they are clipped so the engine
  // never counts a break as negative working time.
  const clipped = breaks.map(([from, to]): DayInterval => [clamp(from), clamp(to)]).sort((x, y) => x[0] - y[0]);
  const intervals: DayInterval[] = [];
  let cursor = start;
  for (const [breakStart, breakEnd] of clipped) {
    if (breakStart > cursor) intervals.push([cursor, breakStart]);
    cursor = Math.max(cursor, breakEnd);
  }
  if (cursor < end) intervals.push([cursor, end]);
  return intervals;
}

function dayIntervals(shifts: readonly Shift[]): DayInterval[] {
  return shifts.flatMap(shiftWorkingIntervals);
}

/**
 * The working windows of `calendar` inside [from, to): sorted by start, pairwise disjoint, never empty,
 * never touching (touching windows are merged). Every day whose shifts can reach the horizon is
 * expanded, including the day before `from` for night shifts that started then.
 */
export function expandShifts(calendar: Calendar, from: Minute, to: Minute): Window[] {
  const weekly = WEEKDAYS.map((day) => dayIntervals(calendar.shifts[day]));
  const exceptions = new Map<number, DayInterval[]>();
  for (const exception of calendar.exceptions) {
    const midnight = parseDate(exception.date);
    if (midnight === null) throw new RangeError(`invalid exception date "${exception.date}" (the calendar was not validated)`);
    exceptions.set(midnight / MINUTES_PER_DAY, dayIntervals(exception.shifts));
  }

  const pieces: Window[] = [];
  // A shift starts at the latest at 24:00 of its day and lasts at most 24 hours, so only shifts of the
  // day before from's day (and later) can reach past from.
  for (let day = Math.floor(from / MINUTES_PER_DAY) - 1; day * MINUTES_PER_DAY < to; day++) {
    const midnight = day * MINUTES_PER_DAY;
    const intervals = exceptions.get(day) ?? weekly[weekdayIndex(midnight)] ?? [];
    for (const [start, end] of intervals) {
      const clippedStart = Math.max(midnight + start, from);
      const clippedEnd = Math.min(midnight + end, to);
      if (clippedStart < clippedEnd) pieces.push({ start: clippedStart, end: clippedEnd });
    }
  }

  pieces.sort((x, y) => x.start - y.start);
  const merged: Window[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && piece.start <= last.end) last.end = Math.max(last.end, piece.end);
    else merged.push(piece);
  }
  return merged;
}
