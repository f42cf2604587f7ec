/**
 * Capacity in labour hours (issue 21): pools load like resources, against a hand tally. Mon–Fri 08:00–16:00;
 * two operators in the morning, one from 12:00 (720 labour minutes a day).
 */
import { describe, expect, it } from "vitest";
import { analyseCapacity, capacityReport } from "../../../solver/capacity/assess-capacity.ts";
import { capacityRequest, weekdays } from "./fixtures.ts";

const request = capacityRequest({
  buckets: { start: "2026-03-02", size: "day", count: 2 },
  planStart: "2026-03-02T00:00",
  calendars: [weekdays("day", "08:00", "16:00")],
  resources: [
    { id: "M1", calendar: "day" },
    { id: "M2", calendar: "day" },
    { id: "M3", calendar: "day", efficiency: 0.8 },
  ],
  pools: [{ id: "operators", calendar: "day", units: 2, unitsByShift: [{ from: "12:00", to: "16:00", units: 1 }] }],
  routings: [
    { item: "A", operations: [{ id: "a", resources: ["M1"], runMinutesPerUnit: 1, requires: [{ pool: "operators" }] }] },
    { item: "B", operations: [{ id: "b", resources: ["M2"], runMinutesPerUnit: 2, requires: [{ pool: "operators", units: 2 }] }] },
    { item: "C", operations: [{ id: "c", resources: ["M3"], runMinutesPerUnit: 1, requires: [{ pool: "operators" }] }] },
  ],
  orders: [
    { id: "a", item: "A", quantity: 300, due: "2026-03-02T16:00" },
    { id: "b", item: "B", quantity: 120, due: "2026-03-02T16:00" },
    { id: "c", item: "C", quantity: 120, due: "2026-03-03T16:00" },
  ],
});
const report = capacityReport(request, analyseCapacity(request));

describe("capacity in labour hours", () => {
  it("loads each order's labour: units × working minutes of its operation", () => {
    // a: 300 min × 1 operator = 5 h; b: 240 min × 2 = 8 h; c: 120 std / 0.8 = 150 working min × 1 = 2.5 h.
    expect(report.orders.map((o) => o.labourHoursByPool)).toEqual([{ operators: 5 }, { operators: 8 }, { operators: 2.5 }]);
  });

  it("compares the pool's labour minutes with what it offers per bucket", () => {
    // Offered: 240 × 2 + 240 × 1 = 720 a day. Monday a + b = 300 + 480 = 780 (60 over); Tuesday c = 150.
    expect(report.pools).toEqual([
      {
        id: "operators",
        buckets: [
          { shiftMinutes: 480, workingMinutes: 480, availableMinutes: 720, loadMinutes: 780, utilization: 780 / 720, overloadMinutes: 60 },
          { shiftMinutes: 480, workingMinutes: 480, availableMinutes: 720, loadMinutes: 150, utilization: 150 / 720, overloadMinutes: 0 },
        ],
      },
    ]);
  });

  it("finds the pool as the bottleneck: the machines have room, the operators do not", () => {
    expect(report.bottlenecks[0]).toEqual({ resource: "operators", pool: true, peakUtilization: 780 / 720, meanUtilization: 930 / 1440, overloadMinutes: 60, overloadedBuckets: [0] });
    // M1 300 / 480 is the busiest machine.
    expect(report.bottlenecks.slice(1).map((b) => [b.resource, b.peakUtilization])).toEqual([
      ["M1", 300 / 480],
      ["M2", 240 / 480],
      ["M3", 120 / 384],
    ]);
  });
});
