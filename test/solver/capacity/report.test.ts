import { describe, expect, it } from "vitest";
import { analyseCapacity, capacityReport } from "../../../solver/capacity/assess-capacity.ts";
import { checkCapacityRequest } from "../../../solver/capacity/check-capacity-request.ts";
import { utilization } from "../../../solver/capacity/four-step-report.ts";
import { CapacityRequest } from "../../../src/capacity.ts";
import { capacityRequest, singleOpRoutings, weekdays } from "./fixtures.ts";

const eightToFour = weekdays("day", "08:00", "16:00");

function report(input: Record<string, unknown>) {
  const request = capacityRequest({ calendars: [eightToFour], ...input });
  return capacityReport(request, analyseCapacity(request));
}

describe("four-step report", () => {
  it("compares load with capacity: utilization and overload per bucket", () => {
    const r = report({
      buckets: { start: "2026-03-02", size: "day", count: 2 },
      resources: [{ id: "R", calendar: "day", efficiency: 0.75 }],
      routings: singleOpRoutings([["X", ["R"], 1, 0]]),
      orders: [
        { id: "a", item: "X", quantity: 180, due: "2026-03-02T16:00" },
        { id: "b", item: "X", quantity: 540, due: "2026-03-02T16:00", release: "2026-03-02T00:00" },
      ],
      planStart: "2026-03-02T00:00",
    });
    // Available 480 × 0.75 = 360. a: 180 std = 240 working min, fits Monday. b: 540 std = 720 working min,
    // does not fit before 16:00 → unmeetable, forward from Mon 08:00: 480 working (360 std) Monday, 180 std Tuesday.
    expect(r.orders.map((o) => o.unmeetable)).toEqual([false, true]);
    expect(r.resources[0]!.buckets).toEqual([
      { shiftMinutes: 480, workingMinutes: 480, availableMinutes: 360, loadMinutes: 540, utilization: 1.5, overloadMinutes: 180 },
      { shiftMinutes: 480, workingMinutes: 480, availableMinutes: 360, loadMinutes: 180, utilization: 0.5, overloadMinutes: 0 },
    ]);
    expect(r.buckets).toEqual([
      { index: 0, start: "2026-03-02T00:00", end: "2026-03-03T00:00" },
      { index: 1, start: "2026-03-03T00:00", end: "2026-03-04T00:00" },
    ]);
    expect(r.countermeasures).toBeNull();
  });

  it("reports utilization 0 for an idle empty bucket and null for load without capacity", () => {
    expect(utilization(0, 0)).toBe(0);
    expect(utilization(5, 0)).toBeNull();
    expect(utilization(5, 20)).toBe(0.25);
  });
});

describe("bottlenecks", () => {
  it("ranks by peak, then mean utilization, and lists the overloaded buckets", () => {
    const r = report({
      buckets: { start: "2026-03-02", size: "day", count: 3 },
      resources: ["Low", "Peak", "Steady"].map((id) => ({ id, calendar: "day" })),
      routings: singleOpRoutings([
        ["L", ["Low"], 1],
        ["P", ["Peak"], 1],
        ["S", ["Steady"], 1],
      ]),
      orders: [
        { id: "l", item: "L", quantity: 240, due: "2026-03-02T16:00" }, // Low: 0.5 on Monday
        { id: "p", item: "P", quantity: 480, due: "2026-03-04T16:00" }, // Peak: 1.0 on Wednesday
        { id: "s1", item: "S", quantity: 432, due: "2026-03-02T16:00" }, // Steady: 0.9 three days
        { id: "s2", item: "S", quantity: 432, due: "2026-03-03T16:00" },
        { id: "s3", item: "S", quantity: 432, due: "2026-03-04T16:00" },
      ],
    });
    expect(r.bottlenecks.map((b) => [b.resource, b.peakUtilization, b.meanUtilization])).toEqual([
      ["Peak", 1, 1 / 3],
      ["Steady", 0.9, 0.9],
      ["Low", 0.5, 0.5 / 3],
    ]);
    expect(r.bottlenecks.every((b) => b.overloadedBuckets.length === 0)).toBe(true);
  });

  it("lists each resource's overloaded buckets and overload minutes", () => {
    const r = report({
      buckets: { start: "2026-03-02", size: "day", count: 3 },
      planStart: "2026-03-02T00:00",
      resources: [{ id: "Busy", calendar: "day" }, { id: "Calm", calendar: "day" }],
      routings: singleOpRoutings([["B", ["Busy"], 1], ["C", ["Calm"], 1]]),
      orders: [
        // Unmeetable (due Monday 12:00), so loaded forward from Mon 08:00: 480 Monday, 240 Tuesday.
        { id: "b1", item: "B", quantity: 720, due: "2026-03-02T12:00" },
        // Backward from Tue 16:00: 480 on Tuesday, 120 on Monday.
        { id: "b2", item: "B", quantity: 600, due: "2026-03-03T16:00" },
        { id: "c", item: "C", quantity: 100, due: "2026-03-04T16:00" },
      ],
    });
    expect(r.bottlenecks.map((b) => [b.resource, b.peakUtilization, b.overloadedBuckets, b.overloadMinutes])).toEqual([
      ["Busy", 1.5, [0, 1], 120 + 240],
      ["Calm", 100 / 480, [], 0],
    ]);
    expect(r.bottlenecks[0]!.meanUtilization).toBeCloseTo(1320 / 1440, 12);
  });
});

describe("line capacity", () => {
  it("is set by the slowest station; alternatives add up, shared resources add their minutes", () => {
    const r = report({
      buckets: { start: "2026-03-06", size: "day", count: 2 }, // Friday, Saturday
      resources: ["A", "B", "C"].map((id) => ({ id, calendar: "day" })),
      routings: [
        {
          item: "X",
          operations: [
            { id: "x1", resources: ["A"], runMinutesPerUnit: 2 },
            { id: "x2", resources: ["B", "C"], setupMinutes: 60, runMinutesPerUnit: 6 },
          ],
        },
        {
          item: "Y",
          operations: [
            { id: "y1", resources: ["A"], runMinutesPerUnit: 4 },
            { id: "y2", resources: ["A"], setupMinutes: 20, runMinutesPerUnit: 4 },
          ],
        },
        { item: "Z", operations: [{ id: "z1", resources: ["A"], setupMinutes: 10, runMinutesPerUnit: 0 }] },
      ],
    });
    // X: A 480/2 = 240; B+C (960 − 60)/6 = 150 → 150, station x2. Y: A shared, (480 − 20)/8 = 57.5.
    expect(r.lineCapacity).toEqual([
      { item: "X", constraint: { operations: ["x2"], resources: ["B", "C"] }, unitsPerBucket: [150, 0] },
      { item: "Y", constraint: { operations: ["y1", "y2"], resources: ["A"] }, unitsPerBucket: [57.5, 0] },
      { item: "Z", constraint: { operations: [], resources: [] }, unitsPerBucket: [null, null] },
    ]);
  });
});

describe("request checks", () => {
  it("rejects zero buckets and negative minutes in the shape", () => {
    const base = { calendars: [eightToFour], resources: [{ id: "R", calendar: "day" }] };
    expect(CapacityRequest.safeParse({ ...base, buckets: { start: "2026-03-02", size: "day", count: 0 } }).success).toBe(false);
    const negative = CapacityRequest.safeParse({
      ...base,
      buckets: { start: "2026-03-02", size: "day", count: 1 },
      levers: { outsourceCostPerMinute: { R: -1 } },
      routings: [{ item: "X", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: -2 }] }],
    });
    expect(negative.success).toBe(false);
    const paths = negative.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["routings.0.operations.0.runMinutesPerUnit", "levers.outsourceCostPerMinute.R"]));
  });

  it("names unknown resources and calendars, in the model and in the levers, by path", () => {
    const request = capacityRequest({
      calendars: [eightToFour],
      resources: [{ id: "R", calendar: "nope" }],
      routings: singleOpRoutings([["X", ["R", "Ghost"], 1]]),
      levers: { outsourceCostPerMinute: { Phantom: 2 } },
      planStart: "2026-04-01T00:00",
    });
    expect(checkCapacityRequest(request).map((p) => p.path)).toEqual([
      "resources[0].calendar",
      "routings[0].operations[0].resources[1]",
      "levers.outsourceCostPerMinute.Phantom",
      "planStart",
    ]);
    expect(checkCapacityRequest(capacityRequest({ calendars: [eightToFour], resources: [{ id: "R", calendar: "day" }] }))).toEqual([]);
  });
});
