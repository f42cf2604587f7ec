/**
 * The calendar tests' oracle: one boolean per minute over a few weeks, built straight from the calendar
 * definition with JavaScript's own dates and weekdays and breaks matched by time of day (no code shared with
 * the engine), and random calendars to check the engine against it: up to three shifts per weekday on a
 * 15-minute grid, crossing midnight or not, breaks inside them, exceptions.
 */
import fc from "fast-check";
import type { Calendar, Shift } from "../../../src/calendar.ts";
import { compileCalendar } from "../../../solver/calendar/compile-calendar.ts";
import type { WorkingTime } from "../../../solver/calendar/working-time.ts";

export const DAY = 1440;
export const WEEKS = 3;
export const BASE_DAY = Date.UTC(2026, 2, 2) / 86_400_000; // Monday 2026-03-02, in days since the epoch
export const BASE = BASE_DAY * DAY;
const JS_WEEKDAY_KEYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const hhmm = (minuteOfDay: number): string => `${String(Math.floor(minuteOfDay / 60)).padStart(2, "0")}:${String(minuteOfDay % 60).padStart(2, "0")}`;

/** A shift on a 15-minute grid, 15 min … 24 h long, with up to two breaks inside it. */
const shiftArb: fc.Arbitrary<Shift> = fc
  .record({ startSlot: fc.integer({ min: 0, max: 95 }), lengthSlots: fc.integer({ min: 1, max: 96 }), midnightAs2400: fc.boolean() })
  .chain(({ startSlot, lengthSlots, midnightAs2400 }) => {
    const start = startSlot * 15;
    const length = lengthSlots * 15;
    const endOfDay = (start + length) % DAY;
    const end = endOfDay === 0 && midnightAs2400 ? "24:00" : hhmm(endOfDay);
    const breakArb = fc
      .record({ offset: fc.integer({ min: 0, max: length - 1 }), breakLength: fc.integer({ min: 1, max: length }) })
      .map(({ offset, breakLength }) => {
        const breakEnd = (start + offset + Math.min(breakLength, length - offset)) % DAY;
        return { start: hhmm((start + offset) % DAY), end: breakEnd === 0 && midnightAs2400 ? "24:00" : hhmm(breakEnd) };
      });
    return fc.array(breakArb, { maxLength: 2 }).map((breaks) => ({ start: hhmm(start), end, breaks }));
  });

const dayShiftsArb = fc.array(shiftArb, { maxLength: 3 });

export const calendarArb: fc.Arbitrary<Calendar> = fc
  .record({
    week: fc.tuple(dayShiftsArb, dayShiftsArb, dayShiftsArb, dayShiftsArb, dayShiftsArb, dayShiftsArb, dayShiftsArb),
    exceptions: fc.uniqueArray(fc.record({ day: fc.integer({ min: -1, max: WEEKS * 7 }), shifts: fc.array(shiftArb, { maxLength: 2 }) }), {
      maxLength: 4,
      selector: (e) => e.day,
    }),
  })
  .map(({ week: [mon, tue, wed, thu, fri, sat, sun], exceptions }) => ({
    id: "random",
    shifts: { mon, tue, wed, thu, fri, sat, sun },
    exceptions: exceptions.map((e) => ({ date: new Date((BASE_DAY + e.day) * 86_400_000).toISOString().slice(0, 10), shifts: e.shifts })),
  }));

/** Horizon inside the weeks, usually not on midnight, so clipping and the day before are exercised. */
export const horizonArb = fc
  .record({ fromOffset: fc.integer({ min: 0, max: 2 * DAY }), toOffset: fc.integer({ min: 0, max: 2 * DAY }) })
  .map(({ fromOffset, toOffset }) => ({ from: BASE + fromOffset, to: BASE + WEEKS * 7 * DAY - toOffset }));

const toMinutes = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/** working[i] says whether minute ORIGIN + i is worked; covers two days before BASE to two after the weeks. */
const ORIGIN = BASE - 2 * DAY;
function bruteForceMinutes(calendar: Calendar): Uint8Array {
  const working = new Uint8Array((WEEKS * 7 + 4) * DAY);
  for (let day = -2; day < WEEKS * 7 + 2; day++) {
    const date = new Date((BASE_DAY + day) * 86_400_000);
    const exception = calendar.exceptions.find((e) => e.date === date.toISOString().slice(0, 10));
    const shifts = exception ? exception.shifts : calendar.shifts[JS_WEEKDAY_KEYS[date.getUTCDay()]!];
    for (const shift of shifts) {
      const start = toMinutes(shift.start);
      const end = toMinutes(shift.end);
      const length = end > start ? end - start : end - start + DAY;
      const breaks = shift.breaks.map((b) => [toMinutes(b.start), toMinutes(b.end)] as const);
      for (let k = 0; k < length; k++) {
        const minuteOfDay = (start + k) % DAY;
        const inBreak = breaks.some(([bs, be]) => (be > bs ? minuteOfDay >= bs && minuteOfDay < be : minuteOfDay >= bs || minuteOfDay < be));
        const index = (day + 2) * DAY + start + k;
        if (!inBreak && index < working.length) working[index] = 1;
      }
    }
  }
  return working;
}

/** The oracle over a horizon: minute-by-minute answers for integer instants and integer work. */
export class Oracle {
  constructor(
    private readonly working: Uint8Array,
    readonly from: number,
    readonly to: number,
  ) {}
  isWorking(t: number): boolean {
    return t >= this.from && t < this.to && this.working[t - ORIGIN] === 1;
  }
  between(a: number, b: number): number {
    let count = 0;
    for (let t = a; t < b; t++) if (this.isWorking(t)) count++;
    return count;
  }
  add(t: number, minutes: number): number | null {
    if (t < this.from) return null;
    let left = minutes;
    for (let u = t; u < this.to; u++) {
      if (!this.isWorking(u)) continue;
      if (left === 0) return u;
      if (--left === 0) return u + 1;
    }
    return null;
  }
  subtract(t: number, minutes: number): number | null {
    if (minutes === 0) return t;
    if (t > this.to) return null;
    let left = minutes;
    for (let u = t - 1; u >= this.from; u--) if (this.isWorking(u) && --left === 0) return u;
    return null;
  }
  /** The earliest working t' ≥ t with `minutes` consecutive working minutes from t' (0: the next working instant). */
  nextUnbroken(t: number, minutes: number): number | null {
    if (t < this.from) return null;
    for (let u = t; u + Math.max(1, minutes) <= this.to; u++) {
      if (this.isWorking(u) && this.between(u, u + minutes) === minutes) return u;
    }
    return null;
  }
  /** The latest s with s + minutes ≤ t and every minute of [s, s + minutes) working. */
  lastUnbroken(t: number, minutes: number): number | null {
    if (t > this.to) return null;
    for (let s = t - minutes; s >= this.from; s--) if (this.between(s, s + minutes) === minutes) return s;
    return null;
  }
  /** Maximal runs of working minutes inside the horizon. */
  runs(): Array<{ start: number; end: number }> {
    const runs: Array<{ start: number; end: number }> = [];
    for (let t = this.from; t < this.to; t++) {
      if (!this.isWorking(t)) continue;
      const last = runs[runs.length - 1];
      if (last !== undefined && last.end === t) last.end = t + 1;
      else runs.push({ start: t, end: t + 1 });
    }
    return runs;
  }
}

export const caseArb = fc.record({
  calendar: calendarArb,
  horizon: horizonArb,
  queries: fc.array(
    fc.record({
      a: fc.integer({ min: -DAY, max: (WEEKS * 7 + 1) * DAY }),
      b: fc.integer({ min: -DAY, max: (WEEKS * 7 + 1) * DAY }),
      minutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 12_000 })),
      quarters: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 15 },
  ),
});

export function compiled(calendar: Calendar, horizon: { from: number; to: number }): { wt: WorkingTime; oracle: Oracle } {
  return { wt: compileCalendar(calendar, horizon), oracle: new Oracle(bruteForceMinutes(calendar), horizon.from, horizon.to) };
}

export const clampToHorizon = (t: number, h: { from: number; to: number }): number => Math.min(Math.max(t, h.from), h.to);
