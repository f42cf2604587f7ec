/**
 * The calendars sheet: one row per shift. `day` is a weekday (`mon` … `sun`, also 周一 … 周日) for the weekly
 * pattern, or a date for an exception, which replaces that date's shifts; an exception row without `start`
 * is a holiday, a weekday row without one declares the day (or the calendar) without shifts. Breaks are
 * written `10:00-10:30; 18:00-18:30`. Rows are gathered by calendar in the order they first appear.
 */
import type { Weekday } from "../../src/calendar.ts";
import { WEEKDAYS } from "../../src/calendar.ts";
import { breaksText, convertCell, field, normalizeName } from "./fields.ts";
import type { ReadRow } from "./sheet-reader.ts";
import type { ReadContext, WorkbookSheet } from "./workbook-sheet.ts";

const WEEKDAY_NAMES: ReadonlyMap<string, Weekday> = new Map(
  WEEKDAYS.flatMap((day, k) => {
    const zh = "一二三四五六日"[k]!;
    const english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"][k]!;
    const names = [day, english, `周${zh}`, `星期${zh}`, ...(day === "sun" ? ["周天", "星期天"] : [])];
    return names.map((name) => [normalizeName(name), day] as const);
  }),
);

type ShiftRow = { start?: unknown; end?: unknown; breaks?: unknown };

function shiftOf(row: ReadRow, path: PropertyKey[], context: ReadContext): ShiftRow | null {
  const { start, end, breaks } = row.values;
  if (start === undefined && end === undefined && breaks === undefined) return null;
  context.cells.set(path, row.cell);
  for (const key of ["start", "end", "breaks"]) {
    const at = row.cellOf(key);
    if (at !== undefined) context.cells.set([...path, key], at);
  }
  (breaks as unknown[] | undefined)?.forEach((_, b) => context.cells.set([...path, "breaks", b], row.cellOf("breaks")!));
  if (start === undefined || end === undefined) {
    const at = row.cellOf(start === undefined ? "start" : "end") ?? row.cell;
    if (!context.report.failedCells.has(at)) context.report.problem(at, "a shift needs both start and end (leave both empty for a day without shifts)");
  }
  return { start, end, ...(breaks === undefined ? {} : { breaks }) };
}

interface CalendarDraft {
  id: unknown;
  shifts: Record<string, ShiftRow[]>;
  exceptions: Array<{ date: string; shifts: ShiftRow[] }>;
}

export const calendarsSheet: WorkbookSheet = {
  spec: {
    name: "calendars",
    zh: ["日历", "班次", "工作日历"],
    en: "Calendars: one row per shift of the weekly pattern (day mon … sun) or of a dated exception (day = a date; no start = holiday)",
    zhDescription: "日历:每个班次一行;day 为 mon … sun 表示每周班次,为日期表示例外(无开始时间即放假)",
    fields: [
      field("calendar", "text", ["日历", "日历编号"], "Calendar id", "日历编号", true),
      field("day", "text", ["日", "星期", "日期"], "mon … sun, or a date YYYY-MM-DD for an exception", "mon … sun(周一 … 周日),或例外日期 YYYY-MM-DD", true),
      field("start", "time", ["开始", "开始时间", "上班"], "Shift start HH:mm", "班次开始 HH:mm"),
      field("end", "time", ["结束", "结束时间", "下班"], "Shift end HH:mm; at or before start crosses midnight", "班次结束 HH:mm;不晚于开始即跨夜"),
      field("breaks", "breaks", ["休息", "休息时间"], "Unpaid breaks, e.g. 10:00-10:30; 18:00-18:30", "休息时间,如 10:00-10:30; 18:00-18:30"),
    ],
  },
  rows: (plant) =>
    (plant.calendars ?? []).flatMap((calendar) => {
      const shiftRow = (day: string) => (s: { start: string; end: string; breaks?: ReadonlyArray<{ start: string; end: string }> | undefined }) => ({
        calendar: calendar.id,
        day,
        start: s.start,
        end: s.end,
        breaks: s.breaks && s.breaks.length > 0 ? breaksText(s.breaks) : undefined,
      });
      const weekly = WEEKDAYS.flatMap((day) => (calendar.shifts[day] ?? []).map(shiftRow(day)));
      const exceptions = (calendar.exceptions ?? []).flatMap((e) => (e.shifts.length === 0 ? [{ calendar: calendar.id, day: e.date }] : e.shifts.map(shiftRow(e.date))));
      // A calendar without any row would vanish: one weekday row without a shift keeps it.
      return weekly.length + exceptions.length === 0 ? [{ calendar: calendar.id, day: "mon" }] : [...weekly, ...exceptions];
    }),
  read(rows, plant, context) {
    if (rows.length === 0) return;
    const { cells, report } = context;
    const calendars: CalendarDraft[] = [];
    const byId = new Map<unknown, number>();
    for (const row of rows) {
      const { calendar: id, day } = row.values;
      if (id === undefined || day === undefined) {
        const key = id === undefined ? "calendar" : "day";
        const at = row.cellOf(key) ?? row.cell;
        if (!report.failedCells.has(at)) report.problem(at, `${key} is empty`);
        continue;
      }
      let c = byId.get(id);
      if (c === undefined) {
        c = calendars.length;
        byId.set(id, c);
        calendars.push({ id, shifts: {}, exceptions: [] });
        cells.set(["calendars", c], row.cell);
        cells.set(["calendars", c, "id"], row.cellOf("calendar")!);
      }
      const calendar = calendars[c]!;
      const weekday = WEEKDAY_NAMES.get(normalizeName(String(day)));
      const date = weekday === undefined ? convertCell(String(day), "date") : null;
      if (weekday !== undefined) {
        const list = (calendar.shifts[weekday] ??= []);
        const shift = shiftOf(row, ["calendars", c, "shifts", weekday, list.length], context);
        if (shift) list.push(shift);
      } else if (date !== null && "value" in date) {
        const isoDate = String(date.value);
        let e = calendar.exceptions.findIndex((x) => x.date === isoDate);
        if (e < 0) {
          e = calendar.exceptions.push({ date: isoDate, shifts: [] }) - 1;
          cells.set(["calendars", c, "exceptions", e], row.cell);
          cells.set(["calendars", c, "exceptions", e, "date"], row.cellOf("day")!);
        }
        const list = calendar.exceptions[e]!.shifts;
        const shift = shiftOf(row, ["calendars", c, "exceptions", e, "shifts", list.length], context);
        if (shift) list.push(shift);
      } else {
        report.problem(row.cellOf("day")!, `expected a weekday (mon … sun, 周一 … 周日) or a date YYYY-MM-DD, got "${String(day)}"`);
      }
    }
    plant.calendars = calendars.map((c) => ({ id: c.id, shifts: c.shifts, ...(c.exceptions.length > 0 ? { exceptions: c.exceptions } : {}) }));
  },
};
