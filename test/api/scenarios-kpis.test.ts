import { describe, expect, it } from "vitest";
import { difference, kpiExtractors } from "../../api/jobs/kpis.ts";
import { compareScenarios } from "../../api/jobs/scenarios.ts";

describe("KPI extraction", () => {
  it("schedule: the plan's KPIs and its busiest resource", () => {
    const response = {
      kpis: { onTimeRate: 0.75, weightedTardiness: 1200, makespanMinutes: 4320, setupMinutes: 0, changeoverMinutes: 0, utilization: { CGL: 0.91, PKL: 0.4, PACK: 0.2 } },
    };
    expect(kpiExtractors.schedule!.extract({}, response)).toEqual({
      onTimeRate: 0.75,
      weightedTardiness: 1200,
      makespanMinutes: 4320,
      maxUtilization: 0.91,
      busiestResource: "CGL",
    });
  });

  it("capacity: a bucket with load but no capacity makes the peak unbounded (null)", () => {
    const response = {
      bottlenecks: [
        { resource: "A", peakUtilization: 0.5, overloadMinutes: 10 },
        { resource: "B", peakUtilization: null, overloadMinutes: 30 },
      ],
      countermeasures: null,
    };
    expect(kpiExtractors.capacity!.extract({}, response)).toEqual({
      peakUtilization: null,
      peakResource: "B",
      overloadMinutes: 40,
      countermeasureCost: null,
      uncoveredMinutes: null,
    });
  });

  it("bottleneck: throughput, net profit and the constraint (the market when no resource binds)", () => {
    expect(kpiExtractors.bottleneck!.extract({}, { throughput: 9, netProfit: -1, constraint: { kind: "market", resource: null } })).toEqual({
      throughput: 9,
      netProfit: -1,
      constraint: "market",
    });
  });

  it("differences only between numbers", () => {
    expect(difference(3, 5)).toBe(-2);
    expect(difference(null, 5)).toBeNull();
    expect(difference("CGL", "PKL")).toBeNull();
    expect(difference(1, undefined)).toBeNull();
  });

  it("compares only once every scenario has finished", () => {
    const done = { scenario: "base", status: "done" as const, result: { throughput: 5, netProfit: 1, constraint: { kind: "resource", resource: "CGL" } } };
    expect(compareScenarios("bottleneck", [done, { scenario: "x", status: "running", result: undefined }], [{}, {}], (x) => x)).toBeUndefined();
    const comparison = compareScenarios(
      "bottleneck",
      [done, { scenario: "x", status: "cancelled", result: { throughput: 8, netProfit: 4, constraint: { kind: "market", resource: null } } }],
      [{}, {}],
      (x) => x,
    );
    expect(comparison?.scenarios[1]).toEqual({
      name: "x",
      status: "cancelled",
      values: { throughput: 8, netProfit: 4, constraint: "market" },
      vsBase: { throughput: 3, netProfit: 3 },
    });
  });
});
