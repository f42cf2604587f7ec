/**
 * Factory-local time. Takt has no time zones: every instant is a wall-clock reading in the factory,
 * `"YYYY-MM-DDTHH:mm"`, and the solver works on whole minutes counted from 1970-01-01T00:00.
 * Treating the wall clock as UTC for the arithmetic keeps every day exactly 1,440 minutes long
 * (no daylight-saving gaps), which is how shift calendars are written.
 */
import { z } from "zod";

/** Minutes since 1970-01-01T00:00 factory time. */
export type Minute = number;

export const MINUTES_PER_DAY = 1440;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  // Written so that NaN (a non-digit) fails: every comparison with NaN is false.
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 0)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The value of `length` decimal digits of text from `at`, or NaN when one is not a digit. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * `"YYYY-MM-DDTHH:mm"` → minutes since the epoch, or null when it is not a real date-time. Read digit by digit:
 * plans of 50,000 operations parse their times several times, and a Date per call showed in profiles.
 */
export function parseDateTime(text: string): Minute | null {
  if (text.length !== 16 || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":") return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  // NaN fails every comparison: a non-digit anywhere is caught here.
  if (!(hour <= 23 && minute <= 59) || !isRealDate(year, month, day)) return null;
  return daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute;
}

/** `"YYYY-MM-DD"` → the minute its midnight starts, or null. */
export function parseDate(text: string): Minute | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (!isRealDate(year, month, day)) return null;
  return Date.UTC(year, month - 1, day) / 60_000;
}

/** `"HH:mm"` (00:00 … 24:00) → minutes after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const m = TIME_RE.exec(text);
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return null;
  return hour * 60 + minute;
}

/** `"HH:mm"` of every minute of the day. */
const TIMES_OF_DAY = Array.from({ length: MINUTES_PER_DAY }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
/** Days whose `"YYYY-MM-DDT"` toISOString gives in four digits: 0000-01-01 … 9999-12-31. */
const FIRST_DAY = daysFromCivil(0, 1, 1);
const END_DAY = daysFromCivil(10000, 1, 1);
/** The last days formatted (a small direct-mapped cache: a plan's 100,000 times fall on a few hundred days). */
const DAY_SLOTS = 256;
const slotDay = new Float64Array(DAY_SLOTS).fill(Number.NaN);
const slotText: string[] = new Array(DAY_SLOTS).fill("");

/** Minutes since the epoch → `"YYYY-MM-DDTHH:mm"` (fractional minutes are rounded up: work ends at the next whole minute). */
export function formatDateTime(t: Minute): string {
  const minute = Math.ceil(t - 1e-9);
  const day = Math.floor(minute / MINUTES_PER_DAY);
  // Outside four-digit years (and for NaN or ±Infinity, which throw) toISOString itself answers.
  if (!(day >= FIRST_DAY && day < END_DAY)) return new Date(minute * 60_000).toISOString().slice(0, 16);
  const slot = (day - FIRST_DAY) % DAY_SLOTS;
  if (slotDay[slot] !== day) {
    slotDay[slot] = day;
    slotText[slot] = new Date(day * MINUTES_PER_DAY * 60_000).toISOString().slice(0, 11);
  }
  return slotText[slot]! + TIMES_OF_DAY[minute - day * MINUTES_PER_DAY]!;
}

/** Minutes since the epoch → `"YYYY-MM-DD"` of the day containing t. */
export function formatDate(t: Minute): string {
  return new Date(Math.floor(t / MINUTES_PER_DAY) * MINUTES_PER_DAY * 60_000).toISOString().slice(0, 10);
}

/** Day of week of the day containing t: 0 = Monday … 6 = Sunday. */
export function weekdayIndex(t: Minute): number {
  // 1970-01-01 was a Thursday (index 3).
  const day = Math.floor(t / MINUTES_PER_DAY);
  return (((day + 3) % 7) + 7) % 7;
}

export const LocalDateTime = z
  .string()
  .refine((s) => parseDateTime(s) !== null, { message: 'expected a local date-time "YYYY-MM-DDTHH:mm"' })
  .meta({ description: 'Factory-local date-time, "YYYY-MM-DDTHH:mm", no time zone', example: "2026-03-02T06:00" });
export type LocalDateTime = z.infer<typeof LocalDateTime>;

export const LocalDate = z
  .string()
  .refine((s) => parseDate(s) !== null, { message: 'expected a date "YYYY-MM-DD"' })
  .meta({ description: 'Factory-local date, "YYYY-MM-DD"', example: "2026-03-02" });
export type LocalDate = z.infer<typeof LocalDate>;

export const TimeOfDay = z
  .string()
  .refine((s) => parseTimeOfDay(s) !== null, { message: 'expected a time of day "HH:mm" (00:00 to 24:00)' })
  .meta({ description: 'Time of day, "HH:mm", 00:00 to 24:00', example: "06:00" });
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** A non-negative number of minutes. */
export const Minutes = z.number().finite().nonnegative();
