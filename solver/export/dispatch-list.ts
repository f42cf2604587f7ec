/**
 * The dispatch list (生产计划表, the shop-floor plan issued before each shift): a schedule's operations by
 * resource, unit and the calendar shift each starts in, numbered in the order the unit runs them, with the
 * order's item and quantity. Pure: the same rows for the same model and plan; the browser workbench and the
 * spreadsheet exports share it.
 *
 * A shift belongs to the day it starts on (22:00–06:00 on Monday is Monday's night shift, even for an
 * operation starting at 02:00 on Tuesday), and an operation belongs to the shift whose span — breaks
 * included — holds its start. Operations start at working instants, so a planned one always lies in a
 * shift; a running one reported by the shop at another time, or one on a resource the model does not
 * know, gets the date of its start and an empty shift label.
 */
import type { Calendar, Shift } from "../../src/calendar.ts";
import { shiftTimeline, WEEKDAYS } from "../../src/calendar.ts";
import type { FactoryModel } from "../../src/factory.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";
import { formatDate, MINUTES_PER_DAY, parseDate, parseDateTime, weekdayIndex } from "../../src/time.ts";
import type { Table } from "./table.ts";
import { columnsOf, tableOf } from "./table.ts";

/** One line of the dispatch list. */
export interface DispatchRow {
  resource: string;
  /** 0-based unit of the resource, as in the schedule. */
  unit: number;
  /** `YYYY-MM-DD`: the day the shift starts on. */
  shiftDate: string;
  /** The shift as the calendar writes it, `06:00-14:00`; empty when the start lies in no shift. */
  shift: string;
  /** 1-based position of the operation among those of its resource, unit and shift, by start. */
  sequence: number;
  order: string;
  operation: string;
  /** The order's item; empty when the order is not in the model. */
  item: string;
  /** The units the operation makes: a split operation's part's (issue 16), else the order's; null when neither is known. */
  quantity: number | null;
  start: string;
  end: string;
  setupMinutes: number;
  changeoverMinutes: number;
}

/** What the list needs of the model: calendars, resources (for their calendar and order) and orders (item, quantity). */
export type DispatchModel = Pick<FactoryModel, "calendars" | "resources" | "orders">;

interface ShiftSpan {
  shiftDate: string;
  shift: string;
}

/** The shift of a calendar holding an instant: the shifts of its day and of the day before (night shifts). */
class ShiftFinder {
  private readonly exceptions: Map<number, readonly Shift[]>;

  constructor(private readonly calendar: Calendar) {
    this.exceptions = new Map(calendar.exceptions.map((e) => [(parseDate(e.date) ?? 0) / MINUTES_PER_DAY, e.shifts]));
  }

  private shiftsOn(day: number): readonly Shift[] {
    return this.exceptions.get(day) ?? this.calendar.shifts[WEEKDAYS[weekdayIndex(day * MINUTES_PER_DAY)]!];
  }

  /** The latest-starting shift whose span holds t, or null. */
  find(t: number): ShiftSpan | null {
    const today = Math.floor(t / MINUTES_PER_DAY);
    let best: { start: number; span: ShiftSpan } | null = null;
    for (const day of [today - 1, today]) {
      const midnight = day * MINUTES_PER_DAY;
      for (const shift of this.shiftsOn(day)) {
        const { start, end } = shiftTimeline(shift);
        if (midnight + start <= t && t < midnight + end && (best === null || midnight + start > best.start)) {
          best = { start: midnight + start, span: { shiftDate: formatDate(midnight), shift: `${shift.start}-${shift.end}` } };
        }
      }
    }
    return best?.span ?? null;
  }
}

/**
 * The dispatch list of `schedule` (a /v1/schedule answer, or an insert option's schedule; pass the rush
 * orders among `model.orders` for the latter): one row per scheduled operation, by resource in the model's
 * order (resources it does not know last, by id), then unit, then start.
 */
export function dispatchList(model: DispatchModel, schedule: { readonly operations: readonly ScheduledOperation[] }): DispatchRow[] {
  const finders = new Map(model.calendars.map((c) => [c.id, new ShiftFinder(c)]));
  const resourceRank = new Map(model.resources.map((r, i) => [r.id, i]));
  const finderOf = new Map(model.resources.map((r) => [r.id, finders.get(r.calendar)]));
  const orders = new Map(model.orders.map((o) => [o.id, o]));
  const rank = (resource: string) => resourceRank.get(resource) ?? model.resources.length;
  const sorted = [...schedule.operations].sort(
    (a, b) =>
      rank(a.resource) - rank(b.resource) ||
      (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0) ||
      a.unit - b.unit ||
      (parseDateTime(a.start) ?? 0) - (parseDateTime(b.start) ?? 0) ||
      (a.order < b.order ? -1 : a.order > b.order ? 1 : 0),
  );
  const rows: DispatchRow[] = [];
  let group = "";
  let sequence = 0;
  for (const op of sorted) {
    const start = parseDateTime(op.start) ?? 0;
    const span = finderOf.get(op.resource)?.find(start) ?? { shiftDate: formatDate(start), shift: "" };
    const key = `${op.resource}\u0000${op.unit}\u0000${span.shiftDate}\u0000${span.shift}`;
    sequence = key === group ? sequence + 1 : 1;
    group = key;
    const order = orders.get(op.order);
    rows.push({
      resource: op.resource,
      unit: op.unit,
      shiftDate: span.shiftDate,
      shift: span.shift,
      sequence,
      order: op.order,
      operation: op.operation,
      item: order?.item ?? "",
      quantity: op.quantity ?? order?.quantity ?? null,
      start: op.start,
      end: op.end,
      setupMinutes: op.setupMinutes,
      changeoverMinutes: op.changeoverMinutes,
    });
  }
  return rows;
}

export const DISPATCH_COLUMNS = columnsOf({
  resource: "text",
  unit: "number",
  shiftDate: "date",
  shift: "text",
  sequence: "number",
  order: "text",
  operation: "text",
  item: "text",
  quantity: "number",
  start: "datetime",
  end: "datetime",
  setupMinutes: "number",
  changeoverMinutes: "number",
});

/** The dispatch list as the `dispatch` sheet (and a schedule's CSV answer). */
export function dispatchTable(model: DispatchModel, schedule: { readonly operations: readonly ScheduledOperation[] }): Table {
  return tableOf("dispatch", DISPATCH_COLUMNS, dispatchList(model, schedule));
}
