/**
 * Calendar compilation into a working-time index. Algorithm: prefix sums over sorted disjoint intervals,
 * queried by binary search. The horizon's working windows are kept as parallel Float64Arrays (starts,
 * ends) with the prefix sums of their working minutes: a "working clock" that maps calendar time to
 * cumulative working time and back, so every WorkingTime query is one or two binary searches,
 * O(log n) in the number of windows (a year of two shifts with breaks is about 800 windows).
 */
import type { Calendar } from "../../src/calendar.ts";
import type { Minute } from "../../src/time.ts";
import { expandShifts } from "./expand-shifts.ts";
import type { Window, WorkingTime } from "./working-time.ts";

/** The first index i < length with values[i] > x, or length. */
function upperBound(values: Float64Array, x: number, length = values.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index i with values[i] >= x, or values.length. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assertMinutes(minutes: number): void {
  if (!(minutes >= 0 && Number.isFinite(minutes))) throw new RangeError(`working minutes must be finite and >= 0, got ${minutes}`);
}

class CompiledCalendar implements WorkingTime {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** workedBefore[i] = working minutes in windows 0 … i-1 (length n + 1; the last entry is the total). */
  private readonly workedBefore: Float64Array;

  constructor(
    readonly from: Minute,
    readonly to: Minute,
    windows: readonly Window[],
  ) {
    this.starts = Float64Array.from(windows, (w) => w.start);
    this.ends = Float64Array.from(windows, (w) => w.end);
    this.workedBefore = new Float64Array(windows.length + 1);
    windows.forEach((w, i) => {
      this.workedBefore[i + 1] = this.workedBefore[i]! + (w.end - w.start);
    });
  }

  /** The working clock: working minutes of the horizon before t. */
  private clock(t: Minute): number {
    const i = upperBound(this.starts, t);
    if (i === 0) return 0;
    const w = i - 1;
    return this.workedBefore[w]! + (Math.min(t, this.ends[w]!) - this.starts[w]!);
  }

  windows(a: Minute, b: Minute): Window[] {
    const result: Window[] = [];
    if (!(a < b)) return result;
    for (let i = upperBound(this.ends, a); i < this.starts.length && this.starts[i]! < b; i++) {
      result.push({ start: Math.max(this.starts[i]!, a), end: Math.min(this.ends[i]!, b) });
    }
    return result;
  }

  workingMinutesBetween(a: Minute, b: Minute): number {
    return a < b ? this.clock(b) - this.clock(a) : 0;
  }

  nextWorkingInstant(t: Minute): Minute | null {
    // Before the horizon the calendar is unknown, so the earliest working instant is too.
    if (t < this.from) return null;
    const i = upperBound(this.starts, t);
    if (i > 0 && t < this.ends[i - 1]!) return t;
    return i < this.starts.length ? this.starts[i]! : null;
  }

  addWorkingMinutes(t: Minute, minutes: number): Minute | null {
    assertMinutes(minutes);
    const start = this.nextWorkingInstant(t);
    if (start === null || minutes === 0) return start;
    const target = this.clock(start) + minutes;
    if (target > this.workedBefore[this.starts.length]!) return null;
    // The window whose cumulative range (workedBefore[k], workedBefore[k+1]] holds the target: a target
    // equal to a window's cumulative end finishes at that window's end, not at the next one's start.
    const k = lowerBound(this.workedBefore, target) - 1;
    return Math.min(this.starts[k]! + (target - this.workedBefore[k]!), this.ends[k]!);
  }

  subtractWorkingMinutes(t: Minute, minutes: number): Minute | null {
    assertMinutes(minutes);
    if (minutes === 0) return t;
    // Work in [to, t) is unknown, so the latest start cannot be known either.
    if (t > this.to) return null;
    const target = this.clock(t) - minutes;
    if (target < 0) return null;
    // The window whose cumulative range [workedBefore[k], workedBefore[k+1]) holds the target: a target
    // equal to a window's cumulative start begins at that window's start, never at the previous end.
    const k = upperBound(this.workedBefore, target, this.starts.length) - 1;
    return this.starts[k]! + (target - this.workedBefore[k]!);
  }
}

/**
 * Compiles `calendar` over the horizon [from, to) (minutes since the epoch) into a WorkingTime.
 * The calendar is assumed valid (zod schema + check-factory); an unparsable time or date throws.
 *
 * Horizon semantics: working time outside [from, to) is unknown. `windows` and `workingMinutesBetween`
 * count only what lies inside the horizon; `nextWorkingInstant` / `addWorkingMinutes` return null for
 * t < from or when the work does not fit before `to`; `subtractWorkingMinutes` returns null when
 * t > to (minutes > 0) or when the work does not fit after `from`.
 * Cost: O(days + windows · log windows) to compile, O(log windows) per query.
 */
export function compileCalendar(calendar: Calendar, horizon: { from: Minute; to: Minute }): WorkingTime {
  const { from, to } = horizon;
  if (!(Number.isFinite(from) && Number.isFinite(to) && from <= to)) {
    throw new RangeError(`calendar horizon must be finite with from <= to, got [${from}, ${to})`);
  }
  return new CompiledCalendar(from, to, expandShifts(calendar, from, to));
}

/** Compiles every calendar over the same horizon, keyed by calendar id (compile once, query often). */
export function compileCalendars(calendars: readonly Calendar[], horizon: { from: Minute; to: Minute }): Map<string, WorkingTime> {
  return new Map(calendars.map((calendar) => [calendar.id, compileCalendar(calendar, horizon)]));
}
