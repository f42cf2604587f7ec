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

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** `"YYYY-MM-DDTHH:mm"` → minutes since the epoch, or null when it is not a real date-time. */
export function parseDateTime(text: string): Minute | null {
  const m = DATE_TIME_RE.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute) / 60_000;
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

/** Minutes since the epoch → `"YYYY-MM-DDTHH:mm"` (fractional minutes are rounded up: work ends at the next whole minute). */
export function formatDateTime(t: Minute): string {
  return new Date(Math.ceil(t - 1e-9) * 60_000).toISOString().slice(0, 16);
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
