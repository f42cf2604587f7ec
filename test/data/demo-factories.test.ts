/**
 * The demo factories in data/ are what `npm start`, the README examples and several capability tests run on,
 * so they must be valid models and must keep the properties data/README.md promises (alternative mills, a
 * midnight shift, a holiday, a galvanizing line loaded at 80-105 %, a four-level BOM with every lot-sizing rule).
 * The checks below recompute those numbers from the raw JSON with deliberately simple code of their own.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkBottleneckRequest } from "../../solver/bottleneck/check-bottleneck-request.ts";
import { checkCapacityRequest } from "../../solver/capacity/check-capacity-request.ts";
import { checkMrpRequest } from "../../solver/mrp/check-mrp-request.ts";
import { checkScheduleRequest } from "../../solver/schedule/check-schedule-request.ts";
import { BottleneckRequest } from "../../src/bottleneck.ts";
import type { Calendar, Shift } from "../../src/calendar.ts";
import { WEEKDAYS } from "../../src/calendar.ts";
import { CapacityRequest } from "../../src/capacity.ts";
import { checkFactory } from "../../src/check-factory.ts";
import { FactoryModel } from "../../src/factory.ts";
import { MrpRequest } from "../../src/mrp.ts";
import { ScheduleRequest } from "../../src/schedule.ts";
import { MINUTES_PER_DAY, formatDate, parseDate, parseDateTime, parseTimeOfDay, weekdayIndex } from "../../src/time.ts";

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../data/${name}`, import.meta.url), "utf8"));
}

/** Parses with a schema and fails the test with every zod issue, which is far easier to act on than "invalid". */
function parse<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) expect(z.treeifyError(result.error)).toEqual({});
  return result.data as z.infer<T>;
}

const minutes = (time: string) => parseTimeOfDay(time)!;
const crossesMidnight = (shift: Shift) => minutes(shift.end) <= minutes(shift.start);

/** Working minutes of one shift: its length minus its breaks (a shift ending at or before its start runs past midnight). */
function shiftWorkingMinutes(shift: Shift): number {
  const length = (start: string, end: string) => (minutes(end) - minutes(start) + MINUTES_PER_DAY) % MINUTES_PER_DAY || MINUTES_PER_DAY;
  return shift.breaks.reduce((sum, b) => sum - length(b.start, b.end), length(shift.start, shift.end));
}

/** Shifts starting on a date: the exception for that date if any, else the weekly pattern. */
function shiftsOn(calendar: Calendar, day: number): Shift[] {
  const date = formatDate(day * MINUTES_PER_DAY);
  const exception = calendar.exceptions.find((e) => e.date === date);
  return exception ? exception.shifts : calendar.shifts[WEEKDAYS[weekdayIndex(day * MINUTES_PER_DAY)]!];
}

/** Working minutes of the shifts that start in [from, from + days). */
function workingMinutes(calendar: Calendar, from: number, days: number): number {
  let sum = 0;
  for (let d = 0; d < days; d++) for (const s of shiftsOn(calendar, from / MINUTES_PER_DAY + d)) sum += shiftWorkingMinutes(s);
  return sum;
}

describe("data/steel-plant.json", () => {
  const raw = readJson("steel-plant.json");
  const model = parse(FactoryModel, raw);
  const schedule = parse(ScheduleRequest, raw);
  const capacity = parse(CapacityRequest, raw);
  const bottleneck = parse(BottleneckRequest, raw);
  const routingOf = (item: string) => model.routings.find((r) => r.item === item)!;
  const resource = (id: string) => model.resources.find((r) => r.id === id)!;

  it("is a valid factory model with no semantic problems", () => {
    expect(checkFactory(model)).toEqual([]);
  });

  it("is a valid schedule, capacity and bottleneck request", () => {
    expect(checkScheduleRequest(schedule)).toEqual([]);
    expect(checkCapacityRequest(capacity)).toEqual([]);
    expect(checkBottleneckRequest(bottleneck)).toEqual([]);
    expect(capacity.levers).toBeDefined();
  });

  it("starts with work in process: operations done before planStart, in routing order", () => {
    const planStart = parseDateTime(schedule.planStart)!;
    expect(schedule.progress.length).toBeGreaterThan(0);
    for (const p of schedule.progress) {
      expect(p.status).toBe("done");
      expect(parseDateTime(p.start)!, `${p.order} ${p.operation}`).toBeLessThan(planStart);
      const ops = routingOf(model.orders.find((o) => o.id === p.order)!.item).operations.map((op) => op.id);
      const before = ops.slice(0, ops.indexOf(p.operation));
      for (const op of before) expect(schedule.progress.some((q) => q.order === p.order && q.operation === op), `${p.order} ${op} before ${p.operation}`).toBe(true);
    }
  });

  it("rolls every product on one of two mills of different efficiency", () => {
    for (const routing of model.routings) {
      const roll = routing.operations.find((op) => op.resources.length === 2);
      expect(roll, routing.item).toBeDefined();
      const [a, b] = roll!.resources.map(resource);
      expect(a!.efficiency).not.toBe(b!.efficiency);
    }
  });

  it("has a shift crossing midnight, a holiday and an overtime day", () => {
    const shifts = model.calendars.flatMap((c) => [...WEEKDAYS.flatMap((d) => c.shifts[d]), ...c.exceptions.flatMap((e) => e.shifts)]);
    expect(shifts.some(crossesMidnight)).toBe(true);
    const exceptions = model.calendars.flatMap((c) => c.exceptions.map((e) => ({ c, e, weekly: c.shifts[WEEKDAYS[weekdayIndex(parseDate(e.date)!)]!] })));
    expect(exceptions.some(({ e, weekly }) => e.shifts.length === 0 && weekly.length > 0)).toBe(true);
    expect(exceptions.some(({ e, weekly }) => e.shifts.length > 0 && weekly.length === 0)).toBe(true);
  });

  it("has at least 35 orders of every priority 1..5, some non-standard, some with a release, all due after planStart", () => {
    expect(model.orders.length).toBeGreaterThanOrEqual(35);
    expect(new Set(model.orders.map((o) => o.priority))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(model.orders.filter((o) => o.kind === "non-standard").length).toBeGreaterThanOrEqual(2);
    expect(model.orders.some((o) => o.release !== undefined)).toBe(true);
    const planStart = parseDateTime(schedule.planStart)!;
    for (const o of model.orders) {
      expect(parseDateTime(o.due)!, o.id).toBeGreaterThan(planStart);
      if (o.release) expect(parseDateTime(o.release)!, o.id).toBeLessThan(parseDateTime(o.due)!);
      expect(o.quantity, o.id).toBeGreaterThanOrEqual(20);
      expect(o.quantity, o.id).toBeLessThanOrEqual(200);
    }
  });

  it("plans from a Monday, with the first bucket on planStart's date", () => {
    expect(weekdayIndex(parseDateTime(schedule.planStart)!)).toBe(0);
    expect(capacity.buckets.start).toBe(schedule.planStart.slice(0, 10));
    expect(capacity.planStart).toBe(schedule.planStart);
  });

  it("makes thin-to-thick coating changeovers cheaper than the reverse on the galvanizing line", () => {
    const galvanizing = model.resources.find((r) => r.setupMatrix !== undefined && r.setupMatrix.changeovers.length > 0)!;
    const weight = (family: string) => Number(family.replace(/\D/g, ""));
    const listed = galvanizing.setupMatrix!.changeovers;
    let compared = 0;
    for (const up of listed.filter((c) => weight(c.to) > weight(c.from))) {
      const down = listed.find((c) => c.from === up.to && c.to === up.from);
      expect(down, `${up.to} → ${up.from}`).toBeDefined();
      expect(up.minutes).toBeLessThan(down!.minutes);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
    const families = new Set(model.routings.flatMap((r) => r.operations.flatMap((op) => (op.resources.includes(galvanizing.id) && op.family ? [op.family] : []))));
    expect(families.size).toBeGreaterThanOrEqual(4);
  });

  it("loads the galvanizing line at 80-105 % over the horizon and over 100 % in the holiday week", () => {
    const cgl = resource("CGL");
    const calendar = model.calendars.find((c) => c.id === cgl.calendar)!;
    expect(capacity.buckets.size).toBe("week");
    const start = parseDate(capacity.buckets.start)!;
    const weeks = capacity.buckets.count;
    const available = Array.from({ length: weeks }, (_, w) => workingMinutes(calendar, start + w * 7 * MINUTES_PER_DAY, 7) * cgl.units * cgl.efficiency);
    // Orders are short next to a week, so loading each order's galvanizing minutes in its due week is close to backward loading.
    const load = new Array<number>(weeks).fill(0);
    for (const o of model.orders) {
      const op = routingOf(o.item).operations.find((x) => x.resources.includes("CGL"))!;
      const week = Math.floor((parseDateTime(o.due)! - start) / (7 * MINUTES_PER_DAY));
      load[week]! += op.setupMinutes + o.quantity * op.runMinutesPerUnit;
    }
    const total = load.reduce((a, b) => a + b) / available.reduce((a, b) => a + b);
    expect(total).toBeGreaterThanOrEqual(0.8);
    expect(total).toBeLessThanOrEqual(1.05);
    const holiday = calendar.exceptions.find((e) => e.shifts.length === 0)!;
    const holidayWeek = Math.floor((parseDate(holiday.date)! - start) / (7 * MINUTES_PER_DAY));
    expect(holidayWeek).toBeGreaterThanOrEqual(0);
    expect(holidayWeek).toBeLessThan(weeks);
    expect(load[holidayWeek]!).toBeGreaterThan(available[holidayWeek]!);
  });

  it("sells every product above its material cost, with demand exceeding the galvanizing line in the period", () => {
    const unitCost = new Map(model.items.map((i) => [i.id, i.unitCost ?? 0]));
    let cglMinutes = 0;
    for (const p of bottleneck.products) {
      const tvc = model.bom.filter((l) => l.parent === p.item).reduce((sum, l) => sum + l.quantity * unitCost.get(l.component)!, 0);
      expect(tvc, p.item).toBeGreaterThan(0);
      expect(p.price, p.item).toBeGreaterThan(tvc);
      cglMinutes += p.demand * routingOf(p.item).operations.find((op) => op.resources.includes("CGL"))!.runMinutesPerUnit;
    }
    const cgl = resource("CGL");
    const from = parseDateTime(bottleneck.period.start)!;
    const days = (parseDateTime(bottleneck.period.end)! - from) / MINUTES_PER_DAY;
    const available = workingMinutes(model.calendars.find((c) => c.id === cgl.calendar)!, from, days) * cgl.units * cgl.efficiency;
    expect(cglMinutes / available).toBeGreaterThan(1);
  });
});

describe("data/appliance-plant.json", () => {
  const raw = readJson("appliance-plant.json");
  const model = parse(FactoryModel, raw);
  const mrp = parse(MrpRequest, raw);
  const item = (id: string) => model.items.find((i) => i.id === id)!;
  const components = (id: string) => model.bom.filter((l) => l.parent === id).map((l) => l.component);
  const isParent = (id: string) => model.bom.some((l) => l.parent === id);

  it("is a valid factory model with no semantic problems", () => {
    expect(checkFactory(model)).toEqual([]);
  });

  it("is a valid MRP request, and its orders a valid capacity and schedule request", () => {
    expect(checkMrpRequest(mrp)).toEqual([]);
    expect(checkCapacityRequest(parse(CapacityRequest, raw))).toEqual([]);
    expect(checkScheduleRequest(parse(ScheduleRequest, raw))).toEqual([]);
  });

  it("has a four-level BOM (finished good → sub-assembly → part → raw material)", () => {
    const depth = (id: string): number => 1 + Math.max(0, ...components(id).map(depth));
    const tops = model.items.filter((i) => !model.bom.some((l) => l.component === i.id) && isParent(i.id));
    expect(tops.map((i) => i.id).sort()).toEqual(["RF-BCD350", "WM-F100", "WM-F80"]);
    expect(Math.max(...tops.map((i) => depth(i.id)))).toBe(4);
  });

  it("has a phantom sub-assembly without a routing", () => {
    const phantoms = model.items.filter((i) => i.phantom);
    expect(phantoms.length).toBeGreaterThanOrEqual(1);
    for (const p of phantoms) {
      expect(isParent(p.id), p.id).toBe(true);
      expect(model.routings.some((r) => r.item === p.id), p.id).toBe(false);
    }
  });

  it("uses every lot-sizing rule, with minimum/multiple only where MRP allows them", () => {
    const rules = new Set(model.items.map((i) => i.lotSizing.rule));
    expect(rules).toEqual(new Set(["lot-for-lot", "fixed", "periods", "eoq", "wagner-whitin", "silver-meal"]));
    for (const i of model.items.filter((x) => x.lotSizing.rule === "wagner-whitin" || x.lotSizing.rule === "silver-meal")) {
      expect(i.minimum, i.id).toBeUndefined();
      expect(i.multiple, i.id).toBeUndefined();
    }
    expect(model.items.some((i) => i.minimum !== undefined)).toBe(true);
    expect(model.items.some((i) => i.multiple !== undefined)).toBe(true);
    expect(model.items.filter((i) => i.scrapRate > 0).length).toBe(1);
  });

  it("routes every item it makes, so planned make orders can be scheduled", () => {
    const routed = new Set(model.routings.map((r) => r.item));
    for (const i of model.items) {
      const makes = !i.phantom && (i.source ?? (isParent(i.id) ? "make" : "buy")) === "make";
      expect(routed.has(i.id), i.id).toBe(makes);
    }
    expect(model.items.some((i) => i.source === "make" && !isParent(i.id))).toBe(true);
    const alternatives = model.routings.flatMap((r) => r.operations).filter((op) => op.resources.length > 1);
    expect(alternatives.length).toBeGreaterThan(0);
  });

  it("buys purchased parts with a lead time in weekly buckets, each from a named supplier", () => {
    const bought = model.items.filter((i) => !isParent(i.id) && i.source !== "make");
    expect(bought.length).toBeGreaterThanOrEqual(10);
    for (const i of bought) expect(i.leadTime, i.id).toBeGreaterThanOrEqual(1);
    for (const i of bought) expect(i.supplier, i.id).toBeDefined();
    expect(model.items.filter((i) => i.supplier !== undefined)).toHaveLength(bought.length);
    expect(item("COMPRESSOR").leadTime).toBeGreaterThan(item("DOOR-HINGE").leadTime);
  });

  it("freezes the finished goods' first two weeks, with the final assembly of week 1 firmed, on the plant's calendar", () => {
    expect(mrp.buckets.calendar).toBe("two-shift");
    const finished = ["RF-BCD350", "WM-F100", "WM-F80"];
    expect(model.items.filter((i) => i.planningFenceBuckets !== undefined).map((i) => [i.id, i.planningFenceBuckets])).toEqual(finished.map((id) => [id, 2]).reverse());
    // the firm planned orders are week 1's final-assembly work orders of `orders`, with the same ids and quantities
    const week1 = model.orders.filter((o) => o.id.endsWith("-W01") || o.id === "FA-EXP-2604-DUBAI");
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(mrp.firmPlannedOrders.map((f) => [f.id, f.item, f.bucket, f.quantity]).sort(byId)).toEqual(week1.map((o) => [o.id, o.item, 1, o.quantity]).sort(byId));
  });

  it("places every demand and open receipt on a known item inside the horizon", () => {
    expect(mrp.buckets.size).toBe("week");
    expect(mrp.buckets.count).toBe(12);
    const start = parseDate(mrp.buckets.start)!;
    expect(weekdayIndex(start)).toBe(0);
    const end = start + mrp.buckets.count * 7 * MINUTES_PER_DAY;
    const ids = new Set(model.items.map((i) => i.id));
    for (const d of [...mrp.demands, ...mrp.receipts]) {
      expect(ids.has(d.item), d.id).toBe(true);
      expect((d.bucket === undefined) !== (d.date === undefined), `${d.id}: exactly one of bucket and date`).toBe(true);
      if (d.bucket !== undefined) expect(d.bucket >= 0 && d.bucket < mrp.buckets.count, d.id).toBe(true);
      else expect(parseDate(d.date!)! >= start && parseDate(d.date!)! < end, d.id).toBe(true);
    }
    expect(mrp.demands.some((d) => d.date !== undefined)).toBe(true);
    const finished = new Set(["RF-BCD350", "WM-F100", "WM-F80"]);
    expect(mrp.demands.every((d) => finished.has(d.item))).toBe(true);
    expect(new Set(mrp.demands.map((d) => d.id)).size).toBe(mrp.demands.length);
    expect(new Set(mrp.receipts.map((r) => r.id)).size).toBe(mrp.receipts.length);
  });
});
