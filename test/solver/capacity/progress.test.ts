/**
 * Shop-floor progress in the capacity assessment: done operations add no load, a running one loads only its
 * remaining work on the resource it runs on, forward from planStart, the rest of the order loads as before
 * (from the scheduler's ready time), and no countermeasure moves a running operation. Expectations are
 * worked by hand on a Mon–Fri 08:00–16:00 calendar with a 12:00–12:30 break (450 working minutes a day);
 * 2026-03-02 is a Monday, buckets are days.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseCapacity, assessCapacity, capacityReport } from "../../../solver/capacity/assess-capacity.ts";
import { checkCapacityRequest } from "../../../solver/capacity/check-capacity-request.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import { op as scheduled, solve } from "../schedule/fixtures.ts";
import { capacityRequest, singleOpRoutings, weekdays } from "./fixtures.ts";
import { validateCountermeasures } from "./validate-countermeasures.ts";

const withBreak = weekdays("day", "08:00", "16:00", [{ start: "12:00", end: "12:30" }]);

function report(input: Record<string, unknown>) {
  const request = capacityRequest({ calendars: [withBreak], ...input });
  expect(checkCapacityRequest(request)).toEqual([]);
  return capacityReport(request, analyseCapacity(request));
}
const loadOf = (r: ReturnType<typeof report>, resource: string) => r.resources.find((x) => x.id === resource)!.buckets.map((b) => b.loadMinutes);

/** cut (A, 30 + 1/unit) → weld (B, 2/unit, 60 min after cut). */
const cutWeld = {
  resources: [
    { id: "A", calendar: "day" },
    { id: "B", calendar: "day" },
    { id: "C", calendar: "day" },
  ],
  routings: [
    {
      item: "X",
      operations: [
        { id: "cut", resources: ["A", "C"], setupMinutes: 30, runMinutesPerUnit: 1 },
        { id: "weld", resources: ["B"], runMinutesPerUnit: 2, minGapMinutes: 60 },
      ],
    },
  ],
};

/** press (A or B, 1/unit) → pack (C, 1/unit). */
function pressPack(extra: Record<string, unknown> = {}, packGap = 0) {
  return {
    resources: [
      { id: "A", calendar: "day" },
      { id: "B", calendar: "day" },
      { id: "C", calendar: "day" },
    ],
    routings: [
      {
        item: "Y",
        operations: [
          { id: "press", resources: ["A", "B"], runMinutesPerUnit: 1 },
          { id: "pack", resources: ["C"], runMinutesPerUnit: 1, minGapMinutes: packGap },
        ],
      },
    ],
    planStart: "2026-03-02T14:00",
    ...extra,
  };
}
const runningPress = (extra: Record<string, unknown> = {}) => ({ order: "y", operation: "press", status: "running", resource: "B", start: "2026-03-02T09:00", ...extra });

describe("done operations", () => {
  it("remove exactly their own load and leave the rest of the order's backward loading as it was", () => {
    const orders = [{ id: "x", item: "X", quantity: 90, due: "2026-03-04T09:00" }];
    // weld 180: Wed 08:00–09:00 and Tue 14:00–16:00; cut 120 ends by Tue 13:00: 12:30–13:00 and 10:30–12:00.
    const before = report({ ...cutWeld, orders, planStart: "2026-03-03T08:00" });
    expect(loadOf(before, "A")).toEqual([0, 120, 0, 0, 0]);
    expect(loadOf(before, "B")).toEqual([0, 120, 60, 0, 0]);
    // Cut was done on Monday, on its alternative C: nothing of it is loaded anywhere.
    const after = report({ ...cutWeld, orders, planStart: "2026-03-03T08:00", progress: [{ order: "x", operation: "cut", status: "done", resource: "C", start: "2026-03-02T08:00" }] });
    expect(loadOf(after, "A")).toEqual([0, 0, 0, 0, 0]);
    expect(loadOf(after, "C")).toEqual([0, 0, 0, 0, 0]);
    expect(loadOf(after, "B")).toEqual([0, 120, 60, 0, 0]);
    expect(after.orders).toEqual([{ id: "x", hoursByResource: { B: 3 }, unmeetable: false }]);
  });

  it("an order entirely done adds nothing and is not unmeetable, even with its due date past", () => {
    const r = report({
      ...cutWeld,
      orders: [{ id: "x", item: "X", quantity: 90, due: "2026-03-02T12:00" }],
      planStart: "2026-03-03T08:00",
      progress: [
        { order: "x", operation: "cut", status: "done", resource: "A", start: "2026-03-02T08:00" },
        { order: "x", operation: "weld", status: "done", resource: "B", start: "2026-03-02T11:00" },
      ],
    });
    for (const id of ["A", "B", "C"]) expect(loadOf(r, id)).toEqual([0, 0, 0, 0, 0]);
    expect(r.orders).toEqual([{ id: "x", hoursByResource: {}, unmeetable: false }]);
  });

  it("hold the next operation back until their end plus its gap, as the scheduler does", () => {
    // cut 30 + 60 = 90 working minutes from Mon 08:00 ends 09:30; weld may start at 09:30 + 240 = 13:30.
    // Backward from due Mon 14:00, weld (60) would start 13:00: unmeetable, loaded forward 13:30–14:30.
    const body = {
      ...cutWeld,
      routings: [{ item: "X", operations: [cutWeld.routings[0]!.operations[0]!, { id: "weld", resources: ["B"], runMinutesPerUnit: 1, minGapMinutes: 240 }] }],
      orders: [{ id: "x", item: "X", quantity: 60, due: "2026-03-02T14:00" }],
      planStart: "2026-03-02T10:00",
      progress: [{ order: "x", operation: "cut", status: "done", resource: "A", start: "2026-03-02T08:00" }],
    };
    const r = report(body);
    expect(r.orders[0]!.unmeetable).toBe(true);
    expect(loadOf(r, "B")).toEqual([60, 0, 0, 0, 0]);
    // The scheduler, alone in this plant, starts weld at the same instant.
    const { response } = solve(ScheduleRequest.parse({ ...body, calendars: [withBreak] }));
    expect(scheduled(response, "x", "weld").start).toBe("2026-03-02T13:30");
  });
});

describe("running operations", () => {
  it("load remainingMinutes on the resource they run on from planStart, across a break and a bucket edge", () => {
    const r = report({ ...pressPack(), orders: [{ id: "y", item: "Y", quantity: 100, due: "2026-03-05T16:00" }], progress: [runningPress({ remainingMinutes: 400 })] });
    // Mon 14:00–16:00 (120), Tue 08:00–12:00 (240), 12:30–13:10 (40) — on B, the alternative, not A.
    expect(loadOf(r, "B")).toEqual([120, 280, 0, 0, 0]);
    expect(loadOf(r, "A")).toEqual([0, 0, 0, 0, 0]);
    // pack (100) loads backward from due as without progress: Thu 14:20–16:00.
    expect(loadOf(r, "C")).toEqual([0, 0, 0, 100, 0]);
    expect(r.orders[0]!.unmeetable).toBe(false);
    expect(r.orders[0]!.hoursByResource.B).toBeCloseTo(400 / 60, 5);
    expect(r.orders[0]!.hoursByResource.C).toBeCloseTo(100 / 60, 5);
    expect(r.orders[0]!.hoursByResource.A).toBeUndefined();
  });

  it("count remaining working minutes × efficiency as standard minutes", () => {
    const resources = [
      { id: "A", calendar: "day" },
      { id: "B", calendar: "day", efficiency: 0.8 },
      { id: "C", calendar: "day" },
    ];
    const r = report({ ...pressPack({ resources }), orders: [{ id: "y", item: "Y", quantity: 100, due: "2026-03-05T16:00" }], progress: [runningPress({ remainingMinutes: 400 })] });
    // The same 400 working minutes (120 + 280) at 0.8 standard minutes each.
    expect(loadOf(r, "B")).toEqual([96, 224, 0, 0, 0]);
    expect(r.orders[0]!.hoursByResource.B).toBeCloseTo(320 / 60, 5);
  });

  it("by default have their full duration minus the working minutes since start left", () => {
    const routings = singleOpRoutings([["Z", ["R"], 1]]);
    const running = (start: string) => [{ order: "z", operation: "Z-op", status: "running", resource: "R", start }];
    // 600 minutes started Mon 08:00; by 14:00 it worked 08:00–12:00 and 12:30–14:00 = 330: 270 left,
    // Mon 14:00–16:00 (120) and Tue 08:00–10:30 (150).
    const full = report({ resources: [{ id: "R", calendar: "day" }], routings, orders: [{ id: "z", item: "Z", quantity: 600, due: "2026-03-06T16:00" }], planStart: "2026-03-02T14:00", progress: running("2026-03-02T08:00") });
    expect(loadOf(full, "R")).toEqual([120, 150, 0, 0, 0]);
    expect(full.orders[0]!.hoursByResource).toEqual({ R: 4.5 });
    // At efficiency 0.5, 300 standard minutes take the same 600 working minutes: 270 left, 135 standard.
    const slow = report({ resources: [{ id: "R", calendar: "day", efficiency: 0.5 }], routings, orders: [{ id: "z", item: "Z", quantity: 300, due: "2026-03-06T16:00" }], planStart: "2026-03-02T14:00", progress: running("2026-03-02T08:00") });
    expect(loadOf(slow, "R")).toEqual([60, 75, 0, 0, 0]);
    // Started before the grid (Fri 27 Feb 14:00): it worked 120 before the weekend, 480 are left from Mon 08:00:
    // Mon 08:00–12:00, 12:30–16:00 (450) and Tue 08:00–08:30 (30).
    const early = report({ resources: [{ id: "R", calendar: "day" }], routings, orders: [{ id: "z", item: "Z", quantity: 600, due: "2026-03-06T16:00" }], planStart: "2026-03-02T08:00", progress: running("2026-02-27T14:00") });
    expect(loadOf(early, "R")).toEqual([450, 30, 0, 0, 0]);
  });

  it("keep the rest of the order after their end: unmeetable when it cannot fit before due", () => {
    // pack (100) backward from Tue 14:00 would start 11:50, before press ends at Tue 13:10: forward from
    // 13:10 (plus a 60-minute gap: 14:10–15:50), ending after due.
    const r = report({ ...pressPack({}, 60), orders: [{ id: "y", item: "Y", quantity: 100, due: "2026-03-03T14:00" }], progress: [runningPress({ remainingMinutes: 400 })] });
    expect(r.orders[0]!.unmeetable).toBe(true);
    expect(loadOf(r, "B")).toEqual([120, 280, 0, 0, 0]);
    expect(loadOf(r, "C")).toEqual([0, 100, 0, 0, 0]);
  });

  it("loading forward: the rest follows the running operation's end, as in the scheduler's plan", () => {
    const body = { ...pressPack({ loading: "forward" }), orders: [{ id: "y", item: "Y", quantity: 100, due: "2026-03-05T16:00" }], progress: [runningPress({ remainingMinutes: 400 })] };
    const r = report(body);
    // press ends Tue 13:10; pack 13:10–14:50.
    expect(loadOf(r, "B")).toEqual([120, 280, 0, 0, 0]);
    expect(loadOf(r, "C")).toEqual([0, 100, 0, 0, 0]);
    const { response } = solve(ScheduleRequest.parse({ ...body, calendars: [withBreak] }));
    expect([scheduled(response, "y", "press").end, scheduled(response, "y", "pack").start]).toEqual(["2026-03-03T13:10", "2026-03-03T13:10"]);
  });

  it("a running last operation that ends after due makes the order unmeetable", () => {
    const r = report({
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["Z", ["R"], 1]]),
      orders: [{ id: "z", item: "Z", quantity: 600, due: "2026-03-03T12:00" }],
      planStart: "2026-03-02T14:00",
      progress: [{ order: "z", operation: "Z-op", status: "running", resource: "R", start: "2026-03-02T08:00", remainingMinutes: 400 }],
    });
    expect(r.orders[0]!.unmeetable).toBe(true);
    expect(loadOf(r, "R")).toEqual([120, 280, 0, 0, 0]);
  });
});

describe("progress conserves the remaining standard minutes", () => {
  it("loads exactly the standard minutes of the operations not reported done, backward or forward", () => {
    const calendars = [withBreak];
    const resources = [
      { id: "A", calendar: "day", efficiency: 0.8, units: 2 },
      { id: "B", calendar: "day", efficiency: 1.25 },
    ];
    const routings = [
      {
        item: "X",
        operations: [
          { id: "x1", resources: ["A"], setupMinutes: 15, runMinutesPerUnit: 1.5 },
          { id: "x2", resources: ["B", "A"], runMinutesPerUnit: 2, minGapMinutes: 90 },
          { id: "x3", resources: ["A"], runMinutesPerUnit: 0.5 },
        ],
      },
    ];
    const order = fc.record({ quantity: fc.integer({ min: 1, max: 150 }), day: fc.integer({ min: 16, max: 27 }), done: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(order, { minLength: 1, maxLength: 10 }), fc.constantFrom("backward", "forward"), (specs, loading) => {
        const orders = specs.map((o, i) => ({ id: `o${i}`, item: "X", quantity: o.quantity, due: `2026-03-${o.day}T16:00` }));
        const progress = specs.flatMap((o, i) =>
          routings[0]!.operations.slice(0, o.done).map((op, k) => ({ order: `o${i}`, operation: op.id, status: "done", resource: op.resources[0]!, start: `2026-02-2${k + 3}T08:00` })),
        );
        const r = report({ calendars, resources, routings, orders, progress, loading, buckets: { start: "2026-03-02", size: "week", count: 6 } });
        // Independently: the routing's standard minutes of every operation after the done prefix.
        const expected: Record<string, number> = { A: 0, B: 0 };
        specs.forEach((o) => {
          for (const op of routings[0]!.operations.slice(o.done)) expected[op.resources[0]!]! += (op.setupMinutes ?? 0) + o.quantity * op.runMinutesPerUnit;
        });
        for (const id of ["A", "B"]) expect(loadOf(r, id).reduce((a, b) => a + b, 0)).toBeCloseTo(expected[id]!, 4);
        r.orders.forEach((o, i) => expect(Object.keys(o.hoursByResource).length).toBe(specs[i]!.done === 3 ? 0 : specs[i]!.done === 2 ? 1 : 2));
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe("countermeasures never move a running operation", () => {
  const morning = weekdays("am", "08:00", "12:00"); // 240 working minutes a weekday

  async function plan(input: Record<string, unknown>) {
    const request = capacityRequest({ calendars: [morning], buckets: { start: "2026-03-02", size: "day", count: 3 }, planStart: "2026-03-02T08:00", ...input });
    expect(checkCapacityRequest(request)).toEqual([]);
    const response = await assessCapacity(request, { engine: highsEngine, timeLimitSeconds: 60 });
    return { response, checked: validateCountermeasures(request, response) };
  }

  // x (200, on A or B) and y (100, A only) both in Monday's 240 minutes of A: 60 over.
  const alternates = {
    resources: [
      { id: "A", calendar: "am", overtime: { maxMinutesPerBucket: 200, costPerMinute: 10 } },
      { id: "B", calendar: "am" },
    ],
    routings: [...singleOpRoutings([["X", ["A", "B"], 1]]), ...singleOpRoutings([["Y", ["A"], 1]])],
    orders: [
      { id: "x", item: "X", quantity: 200, due: "2026-03-02T12:00" },
      { id: "y", item: "Y", quantity: 100, due: "2026-03-02T12:00" },
    ],
    levers: { overtime: true, alternates: true, alternateCostPerMinute: 1 },
  };

  it("moves no running load to an alternate resource, even where that is the cheapest lever", async () => {
    const planned = await plan(alternates);
    expect(planned.response.countermeasures!.actions).toEqual([{ kind: "alternate", resource: "A", toResource: "B", bucket: 0, minutes: 60, item: "X", operation: "X-op", cost: 60 }]);
    // x is on A's unit now: only overtime (60 min × 10) can cover the 60.
    const running = await plan({ ...alternates, progress: [{ order: "x", operation: "X-op", status: "running", resource: "A", start: "2026-03-02T08:00", remainingMinutes: 200 }] });
    expect(running.response.resources[0]!.buckets[0]!.loadMinutes).toBe(300);
    expect(running.response.countermeasures!.actions).toEqual([{ kind: "overtime", resource: "A", bucket: 0, minutes: 60, cost: 600 }]);
    expect(running.checked).toEqual({ uncoveredMinutes: 0, totalCost: 600 });
  });

  it("defers no running load, even of the least important order", async () => {
    const body = {
      resources: [{ id: "R", calendar: "am" }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      orders: [
        { id: "low", item: "X", quantity: 200, due: "2026-03-02T12:00", priority: 5 },
        { id: "vip", item: "X", quantity: 100, due: "2026-03-02T12:00", priority: 1 },
      ],
      levers: { latenessCostPerBucket: 1 },
    };
    // Planned: 60 / 200 of "low" (weight 1) one bucket later costs 0.3.
    const planned = await plan(body);
    expect(planned.response.countermeasures!.actions).toMatchObject([{ kind: "defer", resource: "R", bucket: 0, toBucket: 1, minutes: 60, order: "low" }]);
    expect(planned.checked.totalCost).toBeCloseTo(0.3, 9);
    // "low" running: the only deferrable load is the VIP's, 60 / 100 × 10,000.
    const running = await plan({ ...body, progress: [{ order: "low", operation: "X-op", status: "running", resource: "R", start: "2026-03-02T08:00", remainingMinutes: 200 }] });
    expect(running.response.countermeasures!.actions).toEqual([{ kind: "defer", resource: "R", bucket: 0, toBucket: 1, minutes: 60, order: "vip", cost: 6000 }]);
    expect(running.checked.totalCost).toBeCloseTo(6000, 6);
  });

  it("builds ahead only the overload of a bucket a running operation spills into, never more than the other orders' load there", async () => {
    // Two units: the running job fills unit 0 Mon and Tue (240 + 240); two orders due Tue noon add 480 on Tue:
    // 720 on 480, 240 over, and Monday has 240 spare.
    const { response, checked } = await plan({
      resources: [{ id: "R", calendar: "am", units: 2 }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      orders: [
        { id: "job", item: "X", quantity: 480, due: "2026-03-04T12:00" },
        { id: "p1", item: "X", quantity: 240, due: "2026-03-03T12:00" },
        { id: "p2", item: "X", quantity: 240, due: "2026-03-03T12:00" },
      ],
      progress: [{ order: "job", operation: "X-op", status: "running", resource: "R", start: "2026-03-02T08:00" }],
      levers: { buildAhead: true, holdingCostPerMinutePerBucket: 1 },
    });
    expect(response.resources[0]!.buckets.map((b) => b.loadMinutes)).toEqual([240, 720, 0]);
    expect(response.countermeasures!.actions).toEqual([{ kind: "build-ahead", resource: "R", bucket: 1, toBucket: 0, minutes: 240, cost: 240 }]);
    expect(checked).toEqual({ uncoveredMinutes: 0, totalCost: 240 });
  });
});

describe("progress checks (as for /v1/schedule)", () => {
  const base = { ...cutWeld, orders: [{ id: "x", item: "X", quantity: 90, due: "2026-03-04T09:00" }] };
  const check = (progress: unknown[], extra: Record<string, unknown> = {}) =>
    checkCapacityRequest(capacityRequest({ calendars: [withBreak], ...base, planStart: "2026-03-03T08:00", progress, ...extra }));
  const done = (extra: Record<string, unknown> = {}) => ({ order: "x", operation: "cut", status: "done", resource: "A", start: "2026-03-02T08:00", ...extra });

  it("names every bad reference with its path", () => {
    expect(check([done({ order: "nope" })])).toEqual([{ path: "progress[0].order", message: 'unknown order "nope"' }]);
    expect(check([done({ operation: "paint" })])).toEqual([{ path: "progress[0].operation", message: 'order "x" has no operation "paint"' }]);
    expect(check([done({ resource: "B" })]).map((p) => p.path)).toEqual(["progress[0].resource"]);
    expect(check([done({ unit: 1 })]).map((p) => p.path)).toEqual(["progress[0].unit"]);
    expect(check([done(), done()]).map((p) => p.path)).toEqual(["progress[1]"]);
  });

  it("rejects reports that skip an operation, a running operation followed by more, and a start after planStart", () => {
    expect(check([{ order: "x", operation: "weld", status: "done", resource: "B", start: "2026-03-02T08:00" }]).map((p) => p.path)).toEqual(["progress[0]"]);
    expect(check([done({ status: "running" }), { order: "x", operation: "weld", status: "running", resource: "B", start: "2026-03-02T12:00" }]).map((p) => p.path)).toEqual(["progress[0].status"]);
    expect(check([done({ start: "2026-03-03T09:00" })]).map((p) => p.path)).toEqual(["progress[0].start"]);
  });

  it("measures a start against the default planStart, buckets.start 00:00", () => {
    expect(check([done({ start: "2026-03-02T08:00" })], { planStart: undefined }).map((p) => p.path)).toEqual(["progress[0].start"]);
    expect(check([done({ start: "2026-03-01T08:00" })], { planStart: undefined })).toEqual([]);
  });
});
