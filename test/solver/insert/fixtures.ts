/**
 * A small job shop for the insertion and review tests: a current plan from the scheduling engine (checked
 * by the independent validator), and independent re-computations of what an insertion must satisfy,
 * written from the request and the plans alone (no solver code): an append-at-the-end baseline on its own
 * minute-by-minute calendar, per-order completions, and the frozen operations.
 */
import { expect } from "vitest";
import type { z } from "zod";
import { WEEKDAYS } from "../../../src/calendar.ts";
import type { Calendar } from "../../../src/calendar.ts";
import { InsertRequest } from "../../../src/insert.ts";
import type { InsertResponse, PlanOption } from "../../../src/insert.ts";
import type { Order } from "../../../src/order.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import type { ScheduledOperation, ScheduleResponse } from "../../../src/schedule.ts";
import { formatDate, parseDateTime, parseTimeOfDay, weekdayIndex } from "../../../src/time.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";

const SHIFT = [{ start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] }];

/** Monday 2 March 2026, 06:00. */
export const NOW = "2026-03-02T06:00";

/**
 * The shop: a cutter with coating-family changeovers, two mills (one slow), two paint booths as alternatives.
 * With `rules` (issue 16) milling may split over the two mills, cut frames move to milling in batches of 5 and
 * painting follows milling within a day.
 */
export function shop(orders: Array<z.input<typeof Order>>, rules = false) {
  const ruled = rules ? { mill: { split: { minQuantity: 5 } }, cut: { transferQuantity: 5 }, paint: { maxWaitMinutes: 1440 } } : { mill: {}, cut: {}, paint: {} };
  return {
    calendars: [{ id: "day", shifts: { mon: SHIFT, tue: SHIFT, wed: SHIFT, thu: SHIFT, fri: SHIFT }, exceptions: [{ date: "2026-03-06", shifts: [] }] }],
    resources: [
      { id: "CUT", calendar: "day", setupMatrix: { default: 25, changeovers: [{ from: "red", to: "blue", minutes: 10 }] } },
      { id: "MILL", calendar: "day", units: 2, efficiency: 0.8 },
      { id: "PAINT", calendar: "day" },
      { id: "PAINT2", calendar: "day", efficiency: 0.5 },
    ],
    routings: [
      {
        item: "red-frame",
        operations: [
          { id: "cut", resources: ["CUT"], setupMinutes: 10, runMinutesPerUnit: 6, family: "red", ...ruled.cut },
          { id: "mill", resources: ["MILL"], runMinutesPerUnit: 8, minGapMinutes: 30, ...ruled.mill },
          { id: "paint", resources: ["PAINT", "PAINT2"], setupMinutes: 5, runMinutesPerUnit: 4, ...ruled.paint },
        ],
      },
      {
        item: "blue-panel",
        operations: [
          { id: "cut", resources: ["CUT"], setupMinutes: 10, runMinutesPerUnit: 5, family: "blue" },
          { id: "paint", resources: ["PAINT", "PAINT2"], runMinutesPerUnit: 6 },
        ],
      },
    ],
    orders,
  };
}

export const ORDERS: Array<z.input<typeof Order>> = [
  { id: "A1", item: "red-frame", quantity: 20, due: "2026-03-03T14:00", priority: 2 },
  { id: "A2", item: "blue-panel", quantity: 30, due: "2026-03-04T14:00" },
  { id: "A3", item: "red-frame", quantity: 15, due: "2026-03-05T14:00" },
  { id: "A4", item: "blue-panel", quantity: 25, due: "2026-03-09T14:00", priority: 4 },
  { id: "A5", item: "red-frame", quantity: 10, due: "2026-03-10T14:00" },
  { id: "A6", item: "blue-panel", quantity: 12, due: "2026-03-11T14:00", priority: 5 },
];

/** A1's cut is done, its milling runs on MILL unit 1 with 40 minutes to go. */
export const PROGRESS = [
  { order: "A1", operation: "cut", status: "done", resource: "CUT", start: "2026-02-27T06:00" },
  { order: "A1", operation: "mill", status: "running", resource: "MILL", unit: 1, start: "2026-02-27T12:00", remainingMinutes: 40 },
] as const;

/** The current plan of the shop's orders, from the scheduling engine, checked by the validator. */
export function currentPlan(orders = ORDERS, progress: ReadonlyArray<(typeof PROGRESS)[number]> = PROGRESS, rules = false): ScheduleResponse {
  const request = ScheduleRequest.parse({ ...shop(orders, rules), planStart: NOW, progress });
  const result = searchSchedule(request, { seed: 1, budget: { workUnits: 5_000, deadlineMs: 60_000 }, clock: () => 0 });
  const response = toScheduleResponse(request, result, { elapsedMs: 0, workers: 1 });
  expect(validateSchedule(request, response)).toEqual([]);
  return response;
}

export function insertRequest(rushOrders: Array<z.input<typeof Order>>, extra: Record<string, unknown> = {}, orders = ORDERS, rules = false): InsertRequest {
  return InsertRequest.parse({ ...shop(orders, rules), schedule: currentPlan(orders, PROGRESS, rules), rushOrders, now: NOW, progress: PROGRESS, ...extra });
}

/**
 * Validator errors of an option's plan, as a re-plan of confirmed and rush orders from `now` with the same
 * progress against the current plan with the frozen fence (so the validator checks the frozen operations and
 * the option's changes too).
 */
export function optionErrors(request: InsertRequest, option: PlanOption): string[] {
  const frozenUntil = request.frozenUntil !== undefined && request.frozenUntil > request.now ? request.frozenUntil : request.now;
  const options = request.options.moveToleranceMinutes === undefined ? {} : { moveToleranceMinutes: request.options.moveToleranceMinutes };
  const scheduleRequest = ScheduleRequest.parse({ ...request, orders: [...request.orders, ...request.rushOrders], planStart: request.now, reference: request.schedule, frozenUntil, options });
  const response: ScheduleResponse = {
    status: "feasible",
    operations: option.schedule.operations,
    changes: option.changes,
    orders: option.schedule.orders,
    kpis: option.kpis,
    solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] },
  };
  return validateSchedule(scheduleRequest, response);
}

/** An operation's part: order, operation and part (issue 16; part 0 when not split). */
export const key = (op: { order: string; operation: string; part?: number | undefined }) => `${op.order}/${op.operation}/${op.part ?? 0}`;

/** Completion of every order in a list of operations: its latest end. */
export function completions(operations: readonly ScheduledOperation[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const op of operations) out.set(op.order, Math.max(out.get(op.order) ?? -Infinity, parseDateTime(op.end)!));
  return out;
}

/** Frozen operations: running ones and those starting before frozenUntil (default now). */
export function frozenOperations(request: InsertRequest): ScheduledOperation[] {
  const until = parseDateTime(request.frozenUntil ?? request.now)!;
  return request.schedule.operations.filter((op) => op.state === "running" || parseDateTime(op.start)! < until);
}

/** Minute-by-minute working test of a calendar without midnight-crossing shifts (the fixtures' kind). */
function isWorking(calendar: Calendar): (t: number) => boolean {
  return (t) => {
    const day = Math.floor(t / 1440) * 1440;
    const exception = calendar.exceptions.find((e) => e.date === formatDate(t));
    const shifts = exception ? exception.shifts : calendar.shifts[WEEKDAYS[weekdayIndex(t)]!];
    const minute = t - day;
    return shifts.some(
      (s) => parseTimeOfDay(s.start)! <= minute && minute < parseTimeOfDay(s.end)! && !s.breaks.some((b) => parseTimeOfDay(b.start)! <= minute && minute < parseTimeOfDay(b.end)!),
    );
  };
}

/**
 * Completion of each rush order when its operations are appended at the end of every unit's queue of the
 * current plan (rush orders one after the other in the given order), each on the unit where it ends first.
 */
export function appendBaseline(request: InsertRequest, order: readonly string[]): Map<string, number> {
  const calendars = new Map(request.calendars.map((c) => [c.id, isWorking(c)]));
  const resources = new Map(request.resources.map((r) => [r.id, r]));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const families = new Map<string, string | undefined>();
  for (const o of [...request.orders, ...request.rushOrders]) for (const op of routings.get(o.item)!.operations) families.set(`${o.id}/${op.id}`, op.family);
  const tail = new Map<string, { end: number; family: string | undefined }>();
  for (const op of request.schedule.operations) {
    const unit = `${op.resource}#${op.unit}`;
    const end = parseDateTime(op.end)!;
    if (end >= (tail.get(unit)?.end ?? -Infinity)) tail.set(unit, { end, family: families.get(`${op.order}/${op.operation}`) });
  }
  const release = Math.max(parseDateTime(request.now)!, parseDateTime(request.frozenUntil ?? request.now)!);
  const out = new Map<string, number>();
  for (const id of order) {
    const rush = request.rushOrders.find((o) => o.id === id)!;
    let ready = Math.max(release, rush.release === undefined ? release : parseDateTime(rush.release)!);
    routings.get(rush.item)!.operations.forEach((op, k) => {
      if (k > 0) ready += op.minGapMinutes;
      let best: { unit: string; end: number } | null = null;
      for (const id of op.resources) {
        const resource = resources.get(id)!;
        const working = calendars.get(resource.calendar)!;
        for (let u = 0; u < resource.units; u++) {
          const last = tail.get(`${id}#${u}`);
          const matrix = resource.setupMatrix;
          const changeover =
            matrix && last?.family !== undefined && op.family !== undefined && last.family !== op.family
              ? (matrix.changeovers.find((c) => c.from === last.family && c.to === op.family)?.minutes ?? matrix.default)
              : 0;
          let need = Math.ceil(op.setupMinutes + changeover + (rush.quantity * op.runMinutesPerUnit) / resource.efficiency - 1e-9);
          let t = Math.max(ready, last?.end ?? -Infinity);
          while (!working(t)) t++;
          while (need > 0) {
            if (working(t)) need--;
            t++;
          }
          if (best === null || t < best.end) best = { unit: `${id}#${u}`, end: t };
        }
      }
      tail.set(best!.unit, { end: best!.end, family: op.family });
      ready = best!.end;
    });
    out.set(id, ready);
  }
  return out;
}

/**
 * Asserts what every option must satisfy, recomputed from the request and the option alone. Shift-only plans
 * (fastest, allow-N-late, and protect-confirmed unless `searched`: the route's may come from a search) keep every
 * confirmed operation on its unit and never earlier; every plan keeps the frozen part and reports its impact truly.
 */
export function expectSoundOptions(request: InsertRequest, response: InsertResponse, searched = false): void {
  expect(response.status).toBe("feasible");
  expect(response.options.length).toBeGreaterThanOrEqual(2);
  expect(response.options[0]!.name).toBe("fastest");
  expect(response.options.at(-1)!.name).toBe("protect-confirmed");
  const before = new Map(request.schedule.operations.map((op) => [key(op), op]));
  const beforeDone = completions(request.schedule.operations);
  const frozen = frozenOperations(request);
  const release = parseDateTime(request.frozenUntil ?? request.now)!;
  const rushIds = new Set(request.rushOrders.map((o) => o.id));
  for (const option of response.options) {
    expect(optionErrors(request, option), option.name).toEqual([]);
    const after = new Map(option.schedule.operations.map((op) => [key(op), op]));
    // The frozen part is untouched (and marked frozen, running work as running).
    for (const op of frozen) expect(after.get(key(op)), `${option.name}: ${key(op)}`).toEqual(op.state === "running" ? op : { ...op, state: "frozen" });
    // Rush operations start after the frozen horizon.
    for (const op of option.schedule.operations) if (rushIds.has(op.order)) expect(parseDateTime(op.start)!).toBeGreaterThanOrEqual(release);
    // Shift-only: confirmed operations keep resource and unit and never move earlier. The count of those that moved is right.
    const shiftOnly = option.name === "fastest" || option.name.startsWith("allow-") || (option.name === "protect-confirmed" && !searched);
    let moved = 0;
    for (const [k, was] of before) {
      const now = after.get(k)!;
      if (shiftOnly) {
        expect([now.resource, now.unit], k).toEqual([was.resource, was.unit]);
        expect(parseDateTime(now.start)!, k).toBeGreaterThanOrEqual(parseDateTime(was.start)!);
      }
      if (now.state !== "running" && (now.start !== was.start || now.resource !== was.resource || now.unit !== was.unit)) moved++;
    }
    expect(option.movedOperations).toBe(moved);
    // Impact and promises recomputed from the two schedules.
    const done = completions(option.schedule.operations);
    const expected = request.orders
      .filter((o) => beforeDone.has(o.id) && done.get(o.id)! > beforeDone.get(o.id)!)
      .map((o) => {
        const [was, now, due] = [beforeDone.get(o.id)!, done.get(o.id)!, parseDateTime(o.due)!];
        return { order: o.id, delayMinutes: now - was, becameLate: was <= due && now > due };
      });
    expect(option.impact.map(({ order, delayMinutes, becameLate }) => ({ order, delayMinutes, becameLate })).sort((a, b) => a.order.localeCompare(b.order))).toEqual(
      expected.sort((a, b) => a.order.localeCompare(b.order)),
    );
    const harmed = request.orders.filter((o) => beforeDone.has(o.id) && done.get(o.id)! > Math.max(parseDateTime(o.due)!, beforeDone.get(o.id)!));
    expect(option.ordersMadeLate).toBe(harmed.length);
    const weighted = harmed.reduce((sum, o) => sum + 10 ** (5 - o.priority) * (done.get(o.id)! - Math.max(parseDateTime(o.due)!, beforeDone.get(o.id)!)), 0);
    expect(option.weightedHarm).toBe(weighted);
    for (const o of request.rushOrders) expect(parseDateTime(option.promise[o.id]!)).toBe(done.get(o.id));
  }
  expect(response.options.at(-1)!.ordersMadeLate).toBe(0);
  expect(response.options.at(-1)!.weightedHarm).toBe(0);
}
