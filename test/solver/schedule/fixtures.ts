/** Tiny schedule requests for the rule tests, and a solve helper that always runs the independent validator. */
import fc from "fast-check";
import { expect } from "vitest";
import { ScheduleRequest, ScheduleResponse } from "../../../src/schedule.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import type { ScheduleSearchResult } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";

/** 2026-03-02 is a Monday. */
export const MONDAY = "2026-03-02";

type Shift = { start: string; end: string; breaks?: Array<{ start: string; end: string }> };

/** A calendar with the same shifts Monday to Friday. */
export function weekdays(id: string, shifts: Shift[]) {
  return { id, shifts: { mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts } };
}

export const DAY_SHIFT = weekdays("day", [{ start: "06:00", end: "14:00" }]);

/** Parses a request (defaults filled by zod, as the API does). */
export function request(body: Record<string, unknown>): ScheduleRequest {
  return ScheduleRequest.parse({ planStart: `${MONDAY}T06:00`, calendars: [DAY_SHIFT], ...body });
}

/** A one-operation routing. */
export function routing(item: string, resources: string[], runMinutesPerUnit: number, extra: Record<string, unknown> = {}) {
  return { item, operations: [{ id: "op", resources, runMinutesPerUnit, ...extra }] };
}

export function order(id: string, item: string, extra: Record<string, unknown> = {}) {
  return { id, item, quantity: 1, due: `${MONDAY}T23:00`, ...extra };
}

export interface Solved {
  response: ScheduleResponse;
  result: ScheduleSearchResult;
}

/**
 * Searches, builds the response and checks it with the independent validator. `lnsAbove` (0: the large-plan
 * search on small plants) and `maxIterations` go to the search.
 */
export function solve(req: ScheduleRequest, seed = 1, workUnits = 20_000, extra: { lnsAbove?: number; maxIterations?: number } = {}): Solved {
  const { lnsAbove, maxIterations } = extra;
  // A frozen clock: results depend on the seed and the work budget only.
  const budget = { workUnits, deadlineMs: 60_000, ...(maxIterations !== undefined ? { maxIterations } : {}) };
  const result = searchSchedule(req, { seed, budget, clock: () => 0, ...(lnsAbove !== undefined ? { lnsAbove } : {}) });
  const response = toScheduleResponse(req, result, { elapsedMs: 0, workers: 1 });
  expect(() => ScheduleResponse.parse(response)).not.toThrow();
  if (response.status !== "infeasible") expect(validateSchedule(req, response)).toEqual([]);
  return { response, result };
}

export function op(response: ScheduleResponse, orderId: string, operation = "op") {
  const found = response.operations.find((o) => o.order === orderId && o.operation === operation);
  if (!found) throw new Error(`no ${orderId}/${operation} in the schedule`);
  return found;
}

const shiftSets = [
  [{ start: "06:00", end: "14:00", breaks: [{ start: "09:00", end: "09:20" }] }],
  [{ start: "22:00", end: "06:00", breaks: [{ start: "01:00", end: "01:30" }] }],
  [{ start: "06:00", end: "14:00" }, { start: "14:00", end: "22:00" }],
];
/** Random small factories: calendars, resources, routings (with the rules of issue 16) and orders. */
export const randomFactoryArb = fc.record({
  resources: fc.array(fc.record({ cal: fc.nat(2), units: fc.integer({ min: 1, max: 2 }), eff: fc.constantFrom(0.8, 1, 1.5), matrix: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  routings: fc.array(
    fc.array(
      fc.record({
        res: fc.array(fc.nat(2), { minLength: 1, maxLength: 2 }),
        run: fc.integer({ min: 0, max: 90 }),
        setup: fc.nat(20),
        fam: fc.nat(2),
        gap: fc.constantFrom(0, 0, 45, 600),
        transfer: fc.option(fc.integer({ min: 1, max: 3 })),
        split: fc.option(fc.record({ minQuantity: fc.integer({ min: 1, max: 2 }), maxParts: fc.option(fc.integer({ min: 1, max: 3 })) })),
        unbroken: fc.constantFrom(false, false, true),
        wait: fc.option(fc.constantFrom(0, 60, 240, 1440)),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 2 },
  ),
  orders: fc.array(
    fc.record({ item: fc.nat(1), qty: fc.integer({ min: 1, max: 6 }), dueHour: fc.integer({ min: 7, max: 60 }), prio: fc.integer({ min: 1, max: 5 }), release: fc.option(fc.integer({ min: 0, max: 30 })), buffer: fc.option(fc.constantFrom(60, 600)) }),
    { minLength: 1, maxLength: 6 },
  ),
  seed: fc.nat(100),
});
export type RandomFactory = typeof randomFactoryArb extends fc.Arbitrary<infer T> ? T : never;

/** The request of a random factory. */
export function randomFactory(g: RandomFactory): ScheduleRequest {
  const calendars = shiftSets.map((shifts, i) => weekdays(`c${i}`, shifts));
  const resources = g.resources.map((r, i) => ({
    id: `r${i}`,
    calendar: `c${r.cal}`,
    units: r.units,
    efficiency: r.eff,
    ...(r.matrix ? { setupMatrix: { default: 25, changeovers: [{ from: "f0", to: "f1", minutes: 5 }] } } : {}),
  }));
  const routings = g.routings.map((ops, i) => ({
    item: `i${i}`,
    operations: ops.map((o, k) => ({
      id: `s${k}`,
      resources: [...new Set(o.res.map((x) => `r${x % resources.length}`))],
      runMinutesPerUnit: o.run,
      setupMinutes: o.setup,
      family: `f${o.fam}`,
      minGapMinutes: o.gap,
      ...(o.transfer !== null ? { transferQuantity: o.transfer } : {}),
      ...(o.split !== null ? { split: { minQuantity: o.split.minQuantity, ...(o.split.maxParts !== null ? { maxParts: o.split.maxParts } : {}) } } : {}),
      ...(o.unbroken ? { interruptible: false } : {}),
      ...(o.wait !== null && k > 0 ? { maxWaitMinutes: o.gap + o.wait } : {}),
    })),
  }));
  const at = (hours: number) => new Date(Date.UTC(2026, 2, 2, 6) + hours * 3_600_000).toISOString().slice(0, 16);
  const orders = g.orders.map((o, i) => ({
    id: `o${i}`,
    item: `i${o.item % routings.length}`,
    quantity: o.qty,
    due: at(o.dueHour),
    priority: o.prio,
    ...(o.release !== null ? { release: at(o.release) } : {}),
    ...(o.buffer !== null ? { dueBufferMinutes: o.buffer } : {}),
  }));
  return request({ calendars, resources, routings, orders });
}

/** Random factories the windows work on (re-timing is exact: no split lots, transfer batches or maximum waits, work in every operation), with twice the orders, due sooner. */
export const busyFactoryArb = randomFactoryArb.map(
  (g): RandomFactory => ({
    ...g,
    routings: g.routings.map((ops) => ops.map((o) => ({ ...o, run: Math.max(1, o.run), transfer: null, split: null, wait: null }))),
    orders: [...g.orders, ...g.orders.map((o) => ({ ...o, dueHour: Math.max(7, o.dueHour - 20), prio: 1 + (o.prio % 5) }))],
  }),
);

/** Random small shops with scarce material: stock, receipts, staging, a reservation, and orders of a product and its sub-assembly. */
export const scarceMaterialShopArb = fc.record({
  stock: fc.integer({ min: 0, max: 6 }),
  receipts: fc.array(fc.record({ hour: fc.integer({ min: 0, max: 60 }), quantity: fc.integer({ min: 1, max: 4 }) }), { maxLength: 3 }),
  staging: fc.integer({ min: 0, max: 300 }),
  reserve: fc.integer({ min: 0, max: 2 }),
  orders: fc.array(fc.record({ item: fc.constantFrom("p", "s"), quantity: fc.integer({ min: 1, max: 3 }), priority: fc.integer({ min: 1, max: 5 }), hours: fc.integer({ min: 1, max: 48 }) }), { minLength: 1, maxLength: 6 }),
  seed: fc.integer({ min: 1, max: 5 }),
});

export type ScarceMaterialShop = typeof scarceMaterialShopArb extends fc.Arbitrary<infer T> ? T : never;

/** The request body of one scarce-material shop: p (from s and raw) on R or S, s (from raw) on R. */
export function scarceMaterialShop(x: ScarceMaterialShop) {
  const orders = x.orders.map((o, i) => ({ id: `o${i}`, item: o.item, quantity: o.quantity, priority: o.priority, due: new Date(Date.parse(`${MONDAY}T06:00Z`) + o.hours * 3_600_000).toISOString().slice(0, 16) }));
  return {
    resources: [{ id: "R", calendar: "day" }, { id: "S", calendar: "day", units: 2 }],
    items: [{ id: "p" }, { id: "s" }, { id: "raw", onHand: x.stock, stagingMinutes: x.staging }],
    bom: [{ parent: "p", component: "s", quantity: 1 }, { parent: "p", component: "raw", quantity: 1 }, { parent: "s", component: "raw", quantity: 1 }],
    routings: [
      { item: "p", operations: [{ id: "a", resources: ["R", "S"], runMinutesPerUnit: 40 }, { id: "b", resources: ["S"], runMinutesPerUnit: 30, consumes: ["s"] }] },
      routing("s", ["R"], 50),
    ],
    receipts: x.receipts.map((r) => ({ item: "raw", date: new Date(Date.parse(`${MONDAY}T00:00Z`) + r.hour * 3_600_000).toISOString().slice(0, 16), quantity: r.quantity })),
    reservations: x.reserve > 0 && x.stock >= x.reserve ? [{ order: "o0", item: "raw", quantity: x.reserve }] : [],
    orders,
    options: { material: "constrain" },
  };
}
