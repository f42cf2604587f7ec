import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseCapacity, capacityReport } from "../../../solver/capacity/assess-capacity.ts";
import { capacityRequest, singleOpRoutings, weekdays } from "./fixtures.ts";

const eightToFour = weekdays("day", "08:00", "16:00");

function report(input: Record<string, unknown>) {
  const request = capacityRequest({ calendars: [eightToFour], ...input });
  return capacityReport(request, analyseCapacity(request));
}
const loadOf = (r: ReturnType<typeof report>, resource: string) => r.resources.find((x) => x.id === resource)!.buckets.map((b) => b.loadMinutes);

describe("infinite loading", () => {
  it("backward: the last operation ends at due and spills over the bucket edge into the day before", () => {
    const r = report({
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["X", ["R"], 300]]),
      orders: [{ id: "o1", item: "X", quantity: 1, due: "2026-03-03T10:00" }],
    });
    // Tue 08:00–10:00 = 120, the other 180 on Monday 13:00–16:00.
    expect(loadOf(r, "R")).toEqual([180, 120, 0, 0, 0]);
    expect(r.orders).toEqual([{ id: "o1", hoursByResource: { R: 5 }, unmeetable: false }]);
  });

  it("keeps load in standard minutes: efficiency stretches the span, not the load", () => {
    const r = report({
      resources: [{ id: "R", calendar: "day", efficiency: 0.5 }],
      routings: singleOpRoutings([["X", ["R"], 150]]),
      orders: [{ id: "o1", item: "X", quantity: 1, due: "2026-03-03T10:00" }],
    });
    // 150 standard minutes take 300 working minutes (Mon 13:00 – Tue 10:00), spread 180 : 120.
    expect(loadOf(r, "R")).toEqual([90, 60, 0, 0, 0]);
    expect(r.resources[0]!.buckets[0]).toMatchObject({ availableMinutes: 240, utilization: 90 / 240 });
    expect(r.orders[0]!.hoursByResource).toEqual({ R: 2.5 });
  });

  it("backward through a routing: setup + quantity × run per operation, minGap as elapsed time", () => {
    const r = report({
      resources: [
        { id: "A", calendar: "day" },
        { id: "B", calendar: "day" },
      ],
      routings: [
        {
          item: "X",
          operations: [
            { id: "cut", resources: ["A"], setupMinutes: 30, runMinutesPerUnit: 1 },
            { id: "weld", resources: ["B"], runMinutesPerUnit: 2, minGapMinutes: 60 },
          ],
        },
      ],
      orders: [{ id: "o1", item: "X", quantity: 90, due: "2026-03-04T09:00" }],
    });
    // weld 180: Wed 08:00–09:00 and Tue 14:00–16:00; cut 120 must end by Tue 13:00: Tue 11:00–13:00.
    expect(loadOf(r, "B")).toEqual([0, 120, 60, 0, 0]);
    expect(loadOf(r, "A")).toEqual([0, 120, 0, 0, 0]);
    expect(r.orders[0]!.hoursByResource).toEqual({ A: 2, B: 3 });
  });

  it("backward on a midnight-crossing shift with a break after midnight", () => {
    const night = [{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }];
    const r = report({
      calendars: [{ id: "night", shifts: { mon: night, tue: night } }],
      resources: [{ id: "R", calendar: "night" }],
      routings: singleOpRoutings([["X", ["R"], 200]]),
      orders: [{ id: "o1", item: "X", quantity: 1, due: "2026-03-03T03:00" }],
    });
    // Tue 02:30–03:00 (30) and 00:00–02:00 (120), then Mon 23:10–24:00 (50).
    expect(loadOf(r, "R")).toEqual([50, 150, 0, 0, 0]);
  });

  it("forward from planStart, and from a later release, across the bucket edge", () => {
    const r = report({
      loading: "forward",
      planStart: "2026-03-02T14:00",
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["X", ["R"], 300]]),
      orders: [
        { id: "now", item: "X", quantity: 1, due: "2026-03-06T16:00" },
        { id: "released", item: "X", quantity: 1, due: "2026-03-06T16:00", release: "2026-03-03T12:00" },
      ],
    });
    // now: Mon 14:00–16:00 (120) + Tue 08:00–11:00 (180); released: Tue 12:00–16:00 (240) + Wed 08:00–09:00 (60).
    expect(loadOf(r, "R")).toEqual([120, 420, 60, 0, 0]);
    expect(r.orders.map((o) => o.unmeetable)).toEqual([false, false]);
  });

  it("weekly buckets: the weekend carries no load", () => {
    const r = report({
      buckets: { start: "2026-03-02", size: "week", count: 2 },
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["X", ["R"], 600]]),
      orders: [{ id: "o1", item: "X", quantity: 1, due: "2026-03-09T10:00" }],
    });
    // Mon 9th 08:00–10:00 = 120 in week 2, all of Friday 6th (480) in week 1.
    expect(loadOf(r, "R")).toEqual([480, 120]);
  });

  it("an order that cannot start after planStart (or its release) is unmeetable and loaded forward", () => {
    const r = report({
      planStart: "2026-03-02T00:00",
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["X", ["R"], 300]]),
      orders: [
        { id: "early", item: "X", quantity: 1, due: "2026-03-02T12:00" },
        { id: "late-material", item: "X", quantity: 1, due: "2026-03-04T16:00", release: "2026-03-04T12:00" },
        { id: "fine", item: "X", quantity: 1, due: "2026-03-06T16:00" },
      ],
    });
    expect(r.orders.map((o) => [o.id, o.unmeetable])).toEqual([
      ["early", true],
      ["late-material", true],
      ["fine", false],
    ]);
    // early: forward Mon 08:00–13:00; late-material: Wed 12:00–16:00 + Thu 08:00–09:00; fine: Fri 11:00–16:00.
    expect(loadOf(r, "R")).toEqual([300, 0, 240, 60, 300]);
  });

  it("forward loading flags an order that ends after its due date", () => {
    const r = report({
      loading: "forward",
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["X", ["R"], 300]]),
      orders: [{ id: "o1", item: "X", quantity: 1, due: "2026-03-02T12:00" }],
    });
    expect(r.orders[0]!.unmeetable).toBe(true);
    expect(loadOf(r, "R")).toEqual([300, 0, 0, 0, 0]);
  });

  it("loads an operation with alternatives on its first resource", () => {
    const r = report({
      resources: [
        { id: "A", calendar: "day" },
        { id: "B", calendar: "day" },
      ],
      routings: singleOpRoutings([["X", ["B", "A"], 60]]),
      orders: [{ id: "o1", item: "X", quantity: 1, due: "2026-03-02T16:00" }],
    });
    expect(loadOf(r, "B")).toEqual([60, 0, 0, 0, 0]);
    expect(loadOf(r, "A")).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("loading conserves standard minutes", () => {
  it("puts every standard minute of an order that lies inside the grid into some bucket of its resource", () => {
    const night = [{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }] }];
    const calendars = [weekdays("day", "06:00", "14:00", [{ start: "10:00", end: "10:20" }]), { id: "night", shifts: { mon: night, wed: night, thu: night } }];
    const resources = [
      { id: "A", calendar: "day", efficiency: 0.8, units: 2 },
      { id: "B", calendar: "night", efficiency: 1.25 },
    ];
    const routings = [
      { item: "X", operations: [{ id: "x1", resources: ["A"], setupMinutes: 15, runMinutesPerUnit: 1.5 }, { id: "x2", resources: ["B", "A"], runMinutesPerUnit: 2, minGapMinutes: 90 }] },
      { item: "Y", operations: [{ id: "y1", resources: ["B"], setupMinutes: 5, runMinutesPerUnit: 0.7 }] },
    ];
    const order = fc.record({ item: fc.constantFrom("X", "Y"), quantity: fc.integer({ min: 1, max: 150 }), day: fc.integer({ min: 14, max: 27 }), hour: fc.integer({ min: 0, max: 23 }) });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 12 }), fc.constantFrom("backward", "forward"), (specs, loading) => {
        const orders = specs.map((o, i) => ({ id: `o${i}`, item: o.item, quantity: o.quantity, due: `2026-03-${String(o.day).padStart(2, "0")}T${String(o.hour).padStart(2, "0")}:00` }));
        const r = report({ calendars, resources, routings, orders, loading, buckets: { start: "2026-03-02", size: "week", count: 6 } });
        // Independently: standard minutes per resource straight from routings and quantities.
        const expected: Record<string, number> = { A: 0, B: 0 };
        for (const o of orders) {
          for (const op of routings.find((x) => x.item === o.item)!.operations) expected[op.resources[0]!]! += (op.setupMinutes ?? 0) + o.quantity * op.runMinutesPerUnit;
        }
        for (const id of ["A", "B"]) {
          expect(loadOf(r, id).reduce((a, b) => a + b, 0)).toBeCloseTo(expected[id]!, 4);
          expect(r.orders.reduce((sum, o) => sum + (o.hoursByResource[id] ?? 0) * 60, 0)).toBeCloseTo(expected[id]!, 3);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});
