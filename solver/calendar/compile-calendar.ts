/**
 * Calendar compilation into a working-time index. Algorithm: prefix sums over sorted disjoint intervals,
 * queried by binary search. The horizon's working windows are kept as parallel Float64Arrays (starts,
 * ends) with the prefix sums of their working minutes: a "working clock" that maps calendar time to
 * cumulative working time and back, so every WorkingTime query is one or two binary searches,
 * O(log n) in the number of windows (a year of two shifts with breaks is about 800 windows).
 * Unbroken stretches (uninterruptible work) look for a window long enough block by block: the longest window
 * of every BLOCK consecutive windows is kept, so a search skips blocks that cannot hold it, O(n / BLOCK + BLOCK).
 */
import type { Calendar } from "../../src/calendar.ts";
import { MINUTES_PER_DAY } from "../../src/time.ts";
import type { Minute } from "../../src/time.ts";
import { expandShifts } from "./expand-shifts.ts";
import type { Window, WorkingTime } from "./working-time.ts";

/** The first index i in [lo, hi) with values[i] > x, or hi (values[lo … hi) sorted). */
function upperBound(values: Float64Array, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index i in [lo, hi) with values[i] >= x, or hi. */
function lowerBound(values: Float64Array, x: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** lowerBound from `from` on, galloping (the answer is usually a few entries on): the same index, in O(log distance). */
function lowerBoundFrom(values: Float64Array, x: number, from: number): number {
  let lo = from;
  let step = 1;
  while (lo < values.length && values[lo]! < x) {
    const next = lo + step;
    if (next >= values.length || values[next]! >= x) return lowerBound(values, x, lo + 1, Math.min(next, values.length));
    lo = next + 1;
    step *= 2;
  }
  return lo;
}

function assertMinutes(minutes: number): void {
  if (!(minutes >= 0 && Number.isFinite(minutes))) throw new RangeError(`working minutes must be finite and >= 0, got ${minutes}`);
}

/** Windows per block of the longest-window index. */
const BLOCK = 32;

class CompiledCalendar implements WorkingTime {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** workedBefore[i] = working minutes in windows 0 … i-1 (length n + 1; the last entry is the total). */
  private readonly workedBefore: Float64Array;
  /** Longest window of windows b·BLOCK … (b+1)·BLOCK − 1. */
  private readonly blockLongest: Float64Array;
  /**
   * The day index: startsBefore[d] = windows starting before firstDay + d days, so a search for an instant of
   * day d needs only the windows startsBefore[d] … startsBefore[d + 1] (a day has a few) instead of all of them.
   */
  private readonly firstDay: number;
  private readonly startsBefore: Int32Array;

  constructor(
    readonly from: Minute,
    readonly to: Minute,
    windows: readonly Window[],
  ) {
    this.starts = Float64Array.from(windows, (w) => w.start);
    this.ends = Float64Array.from(windows, (w) => w.end);
    this.workedBefore = new Float64Array(windows.length + 1);
    this.blockLongest = new Float64Array(Math.ceil(windows.length / BLOCK));
    windows.forEach((w, i) => {
      this.workedBefore[i + 1] = this.workedBefore[i]! + (w.end - w.start);
      const b = Math.floor(i / BLOCK);
      this.blockLongest[b] = Math.max(this.blockLongest[b]!, w.end - w.start);
    });
    const n = windows.length;
    this.firstDay = n === 0 ? 0 : Math.floor(this.starts[0]! / MINUTES_PER_DAY) * MINUTES_PER_DAY;
    const days = n === 0 ? 0 : Math.floor((this.starts[n - 1]! - this.firstDay) / MINUTES_PER_DAY) + 2;
    this.startsBefore = new Int32Array(days + 1);
    for (let d = 0, i = 0; d <= days; d++) {
      while (i < n && this.starts[i]! < this.firstDay + d * MINUTES_PER_DAY) i++;
      this.startsBefore[d] = i;
    }
  }

  /** The day of the index holding t (its windows bracket upperBound and lowerBound of t in starts), −1 outside it. */
  private dayOf(t: Minute): number {
    const d = Math.floor((t - this.firstDay) / MINUTES_PER_DAY);
    if (!(d >= 0 && d < this.startsBefore.length - 1)) return -1;
    // Checked against the day's own bounds: a rounded quotient must not put t in the next day.
    const dayStart = this.firstDay + d * MINUTES_PER_DAY;
    return dayStart <= t && t < dayStart + MINUTES_PER_DAY ? d : -1;
  }

  /** upperBound(starts, t) through the day index. */
  private startsUpTo(t: Minute): number {
    const d = this.dayOf(t);
    return d < 0 ? upperBound(this.starts, t) : upperBound(this.starts, t, this.startsBefore[d]!, this.startsBefore[d + 1]!);
  }

  /** lowerBound(starts, t) through the day index. */
  private startsBelow(t: Minute): number {
    const d = this.dayOf(t);
    return d < 0 ? lowerBound(this.starts, t) : lowerBound(this.starts, t, this.startsBefore[d]!, this.startsBefore[d + 1]!);
  }

  /** The first window i ≥ from at least `minutes` long, or −1. */
  private firstLongFrom(from: number, minutes: number): number {
    const n = this.starts.length;
    for (let i = from; i < n; ) {
      if (i % BLOCK === 0 && this.blockLongest[i / BLOCK]! < minutes) {
        i += BLOCK;
        continue;
      }
      if (this.ends[i]! - this.starts[i]! >= minutes) return i;
      i++;
    }
    return -1;
  }

  /** The last window i ≤ from at least `minutes` long, or −1. */
  private lastLongFrom(from: number, minutes: number): number {
    for (let i = from; i >= 0; ) {
      if (i % BLOCK === BLOCK - 1 && this.blockLongest[(i - BLOCK + 1) / BLOCK]! < minutes) {
        i -= BLOCK;
        continue;
      }
      if (this.ends[i]! - this.starts[i]! >= minutes) return i;
      i--;
    }
    return -1;
  }

  nextUnbrokenStart(t: Minute, minutes: number): Minute | null {
    assertMinutes(minutes);
    const at = this.nextWorkingInstant(t);
    if (at === null || minutes === 0) return at;
    const i = this.startsUpTo(at) - 1;
    if (this.ends[i]! - at >= minutes) return at;
    const k = this.firstLongFrom(i + 1, minutes);
    return k < 0 ? null : this.starts[k]!;
  }

  lastUnbrokenStart(t: Minute, minutes: number): Minute | null {
    assertMinutes(minutes);
    if (t > this.to || minutes === 0) return null;
    // The window holding or preceding t: its part before t, then whole earlier windows.
    const i = this.startsUpTo(t) - 1;
    if (i < 0) return null;
    const end = Math.min(this.ends[i]!, t);
    if (end - this.starts[i]! >= minutes) return end - minutes;
    const k = this.lastLongFrom(i - 1, minutes);
    return k < 0 ? null : this.ends[k]! - minutes;
  }

  longestWindow(): number {
    return this.blockLongest.reduce((a, b) => Math.max(a, b), 0);
  }

  /** The working clock: working minutes of the horizon before t. */
  private clock(t: Minute): number {
    const i = this.startsUpTo(t);
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

  lastWorkingEnd(a: Minute, b: Minute): Minute | null {
    if (!(a < b)) return null;
    const last = this.startsBelow(b) - 1;
    return last >= 0 && this.ends[last]! > a ? Math.min(this.ends[last]!, b) : null;
  }

  workingMinutesBetween(a: Minute, b: Minute): number {
    return a < b ? this.clock(b) - this.clock(a) : 0;
  }

  nextWorkingInstant(t: Minute): Minute | null {
    // Before the horizon the calendar is unknown, so the earliest working instant is too.
    if (t < this.from) return null;
    const i = this.startsUpTo(t);
    if (i > 0 && t < this.ends[i - 1]!) return t;
    return i < this.starts.length ? this.starts[i]! : null;
  }

  addWorkingMinutes(t: Minute, minutes: number): Minute | null {
    assertMinutes(minutes);
    const start = this.nextWorkingInstant(t);
    if (start === null || minutes === 0) return start;
    const w = this.startsUpTo(start) - 1;
    const target = this.workedBefore[w]! + (Math.min(start, this.ends[w]!) - this.starts[w]!) + minutes;
    if (target > this.workedBefore[this.starts.length]!) return null;
    // The window whose cumulative range (workedBefore[k], workedBefore[k+1]] holds the target: a target
    // equal to a window's cumulative end finishes at that window's end, not at the next one's start. It is
    // w or a later one (the target lies past w's cumulative start), usually close.
    const k = lowerBoundFrom(this.workedBefore, target, w) - 1;
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
    const k = upperBound(this.workedBefore, target, 0, this.starts.length) - 1;
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

/**
 * The working time common to both (issue 21: an operation works only while its machine and its pools work),
 * over the horizon both know. Two-pointer merge of the sorted windows, O(windows).
 */
export function intersectWorkingTime(a: WorkingTime, b: WorkingTime): WorkingTime {
  const from = Math.max(a.from, b.from);
  const to = Math.max(from, Math.min(a.to, b.to));
  const wa = a.windows(from, to);
  const wb = b.windows(from, to);
  const out: Window[] = [];
  for (let i = 0, j = 0; i < wa.length && j < wb.length; ) {
    const start = Math.max(wa[i]!.start, wb[j]!.start);
    const end = Math.min(wa[i]!.end, wb[j]!.end);
    if (end > start) {
      const last = out[out.length - 1];
      if (last !== undefined && last.end === start) last.end = end;
      else out.push({ start, end });
    }
    if (wa[i]!.end < wb[j]!.end) i++;
    else j++;
  }
  return new CompiledCalendar(from, to, out);
}
