/**
 * The Gantt's layout, computed once per plan: one row per resource unit, one bar per scheduled operation with
 * its changeover and setup parts, and the non-working time of each row's calendar. Pure (no DOM), so it is
 * tested against hand-worked minutes and the chart only draws what it says.
 *
 * Setup and changeover are working minutes at the start of the operation (the engine's duration is
 * changeover + setup + run in working time), so their ends are found on the resource's calendar: a setup
 * of 40 minutes starting at 09:50 before a 10:00–10:30 break ends at 10:50, not 10:30.
 */
import type { FactoryModel } from "../../src/factory.ts";
import { parseDateTime } from "../../src/time.ts";
import { expandShifts } from "../../solver/calendar/expand-shifts.ts";
import type { Window } from "../../solver/calendar/working-time.ts";
import type { Plan } from "../model.ts";

/** How a bar is coloured: by the order's state, or the operation's own when it runs or is frozen. */
export type BarState = "on-time" | "late" | "running" | "frozen" | "other";

export interface GanttRow {
  resource: string;
  /** 0-based unit of the resource. */
  unit: number;
  /** The resource's units; a single-unit resource's row is just its id. */
  units: number;
}

/** One scheduled operation; times are epoch minutes (factory-local read as UTC). */
export interface GanttBar {
  /** Index in the plan's operations. */
  index: number;
  row: number;
  order: string;
  operation: string;
  start: number;
  end: number;
  /** The changeover occupies [start, changeoverEnd), then the operation's own setup until setupEnd. */
  changeoverEnd: number;
  setupEnd: number;
  state: BarState;
}

/** Non-working time shared by consecutive rows on one calendar, [start, end) on rows firstRow…lastRow. */
export interface ClosedBand {
  firstRow: number;
  lastRow: number;
  start: number;
  end: number;
}

export interface GanttModel {
  rows: GanttRow[];
  bars: GanttBar[];
  /** Each row's bars, by start (a unit runs one operation at a time, so by end too). */
  barsByRow: GanttBar[][];
  closed: ClosedBand[];
  /** The time span shown: whole days around the plan start and every operation. */
  from: number;
  to: number;
}

const DAY = 1440;

function minutesOf(text: string | undefined): number | null {
  return text === undefined ? null : parseDateTime(text);
}

function barState(operationState: string, orderLate: boolean | undefined): BarState {
  if (operationState === "running") return "running";
  if (operationState === "frozen") return "frozen";
  if (operationState !== "planned" || orderLate === undefined) return "other";
  return orderLate ? "late" : "on-time";
}

/** The first index of `spans` (sorted, not overlapping: windows, one unit's bars) whose span ends after t. */
export function firstEndingAfter(spans: ReadonlyArray<{ end: number }>, t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.end <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The instant `minutes` of working time after `start` on sorted disjoint windows; time past the last window
 * counts as working (the chart's horizon may end before the calendar's data does).
 */
export function addWorkingMinutes(windows: ReadonlyArray<Window>, start: number, minutes: number): number {
  let t = start;
  let left = minutes;
  for (let i = firstEndingAfter(windows, start); i < windows.length && left > 0; i++) {
    const window = windows[i]!;
    t = Math.max(t, window.start);
    const here = Math.min(left, window.end - t);
    t += here;
    left -= here;
  }
  return t + left;
}

/** The gaps between working windows inside [from, to). */
export function closedIntervals(windows: ReadonlyArray<Window>, from: number, to: number): Array<[number, number]> {
  const gaps: Array<[number, number]> = [];
  let cursor = from;
  for (const window of windows) {
    if (window.start > cursor) gaps.push([cursor, Math.min(window.start, to)]);
    cursor = Math.max(cursor, window.end);
    if (cursor >= to) break;
  }
  if (cursor < to) gaps.push([cursor, to]);
  return gaps;
}

/**
 * The layout of `plan` on `factory`'s resources (parsed, so units and calendars have their defaults) from
 * `planStart`; resources missing from the factory get rows without non-working time.
 */
export function ganttModel(factory: Pick<FactoryModel, "resources" | "calendars">, planStart: string | undefined, plan: Plan): GanttModel {
  const resources = factory.resources;
  // Units per resource: the plant's, or more when the plan uses a unit (or resource) the plant no longer has,
  // so that such operations still get a row of their own rather than vanishing.
  const unitsOf = new Map(resources.map((r) => [r.id, r.units]));
  for (const op of plan.operations) unitsOf.set(op.resource, Math.max(unitsOf.get(op.resource) ?? 0, op.unit + 1));
  const rows: GanttRow[] = [];
  const firstRow = new Map<string, number>();
  for (const [resource, units] of unitsOf) {
    firstRow.set(resource, rows.length);
    for (let unit = 0; unit < units; unit++) rows.push({ resource, unit, units });
  }

  const plannedFrom = minutesOf(planStart);
  let from = plannedFrom ?? Number.POSITIVE_INFINITY;
  let to = plannedFrom ?? Number.NEGATIVE_INFINITY;
  for (const op of plan.operations) {
    from = Math.min(from, minutesOf(op.start) ?? from);
    to = Math.max(to, minutesOf(op.end) ?? to);
  }
  if (!Number.isFinite(from)) from = to = 0;
  from = Math.floor(from / DAY) * DAY;
  to = Math.max(Math.ceil(to / DAY) * DAY, from + DAY);

  const calendars = new Map(factory.calendars.map((c) => [c.id, c]));
  const windowsOf = new Map<string, Window[]>();
  const calendarWindows = (calendarId: string | undefined): Window[] | null => {
    const calendar = calendarId === undefined ? undefined : calendars.get(calendarId);
    if (!calendar) return null;
    let windows = windowsOf.get(calendar.id);
    if (!windows) {
      // A month past the horizon, so setups near its end still find their working time.
      windows = expandShifts(calendar, from - DAY, to + 31 * DAY);
      windowsOf.set(calendar.id, windows);
    }
    return windows;
  };
  const calendarOf = new Map(resources.map((r) => [r.id, r.calendar]));

  const late = new Map(plan.orders.map((o) => [o.id, !o.onTime]));
  const bars: GanttBar[] = [];
  plan.operations.forEach((op, index) => {
    const start = minutesOf(op.start);
    const end = minutesOf(op.end);
    if (start === null || end === null) return;
    const windows = calendarWindows(calendarOf.get(op.resource));
    const after = (minutes: number) => Math.min(end, windows ? addWorkingMinutes(windows, start, minutes) : start + minutes);
    bars.push({
      index,
      row: firstRow.get(op.resource)! + op.unit,
      order: op.order,
      operation: op.operation,
      start,
      end,
      changeoverEnd: after(op.changeoverMinutes),
      setupEnd: after(op.setupMinutes),
      state: barState(op.state, late.get(op.order)),
    });
  });

  const barsByRow: GanttBar[][] = rows.map(() => []);
  for (const bar of bars) barsByRow[bar.row]!.push(bar);
  for (const row of barsByRow) row.sort((a, b) => a.start - b.start || a.end - b.end);

  const closed: ClosedBand[] = [];
  let band = 0;
  while (band < rows.length) {
    const calendarId = calendarOf.get(rows[band]!.resource);
    let last = band;
    while (last + 1 < rows.length && calendarOf.get(rows[last + 1]!.resource) === calendarId) last++;
    const windows = calendarWindows(calendarId);
    if (windows) for (const [start, end] of closedIntervals(windows, from, to)) closed.push({ firstRow: band, lastRow: last, start, end });
    band = last + 1;
  }
  return { rows, bars, barsByRow, closed, from, to };
}
