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
    const kpisOf = (result: unknown) => kpiExtractors.bottleneck!.extract({}, result);
    const done = { scenario: "base", status: "done" as const, kpis: kpisOf({ throughput: 5, netProfit: 1, constraint: { kind: "resource", resource: "CGL" } }) };
    expect(compareScenarios("bottleneck", [done, { scenario: "x", status: "running" }])).toBeUndefined();
    const comparison = compareScenarios("bottleneck", [done, { scenario: "x", status: "cancelled", kpis: kpisOf({ throughput: 8, netProfit: 4, constraint: { kind: "market", resource: null } }) }]);
    expect(comparison?.scenarios[1]).toEqual({
      name: "x",
      status: "cancelled",
      values: { throughput: 8, netProfit: 4, constraint: "market" },
      vsBase: { throughput: 3, netProfit: 3 },
    });
  });

  describe("insert", () => {
    const request = { rushOrders: [{ id: "R1", due: "2026-04-03T22:00" }, { id: "R2", due: "2026-04-02T06:00" }] };
    const option = (name: string, promise: Record<string, string>, delays: number[], ordersMadeLate: number) => ({
      name,
      promise,
      impact: delays.map((delayMinutes, i) => ({ order: `O${i}`, before: "2026-04-01T06:00", after: "2026-04-01T06:00", delayMinutes, becameLate: false })),
      ordersMadeLate,
      weightedHarm: 100 * ordersMadeLate,
      movedOperations: 0,
      changes: { count: delays.length, operations: [] },
    });

    it("reads the fastest and protect-confirmed plans: latest promise, worst rush lateness, harm and delay (hand-worked)", () => {
      const response = {
        status: "feasible",
        options: [
          option("fastest", { R1: "2026-04-02T10:00", R2: "2026-04-02T08:30" }, [120, 45, 30], 2),
          option("re-plan", { R1: "2026-04-02T12:00", R2: "2026-04-02T05:00" }, [30, 10], 1),
          option("allow-1-late", { R1: "2026-04-03T06:00", R2: "2026-04-03T06:00" }, [60], 1),
          option("protect-confirmed", { R1: "2026-04-05T06:00", R2: "2026-04-04T22:00" }, [15], 0),
        ],
      };
      expect(kpiExtractors.insert!.extract(request, response)).toEqual({
        // R1 completes last; R2 is the late one: 08:30 − 06:00 = 150 (R1 is 36 h = 2160 early).
        fastestPromise: "2026-04-02T10:00",
        fastestRushLatenessMinutes: 150,
        fastestOrdersHarmed: 2,
        fastestDelayMinutes: 195,
        fastestWeightedHarm: 200,
        // Re-plan ships R2 an hour early and R1 34 h early: the worst is −60.
        replanPromise: "2026-04-02T12:00",
        replanRushLatenessMinutes: -60,
        replanWeightedHarm: 100,
        replanChanges: 2,
        // R1 32 h late (1920), R2 2 days 16 h late (3840): the worst is R2's, though R1 completes last.
        protectPromise: "2026-04-05T06:00",
        protectRushLatenessMinutes: 3840,
        protectDelayMinutes: 15,
        tradeOffPlans: 2,
      });
    });

    it("a rush order shipping early has negative lateness", () => {
      const response = { status: "feasible", options: [option("fastest", { R1: "2026-04-01T22:00" }, [], 0), option("protect-confirmed", { R1: "2026-04-03T21:30" }, [], 0)] };
      const values = kpiExtractors.insert!.extract({ rushOrders: [request.rushOrders[0]] }, response);
      expect([values.fastestRushLatenessMinutes, values.protectRushLatenessMinutes, values.fastestDelayMinutes, values.tradeOffPlans]).toEqual([-2880, -30, 0, 0]);
    });

    it("an infeasible answer has no plans: every figure null", () => {
      const values = kpiExtractors.insert!.extract(request, { status: "infeasible", reason: "no room", options: [] });
      expect(Object.keys(values).sort()).toEqual(kpiExtractors.insert!.definitions.map((d) => d.key).sort());
      expect(Object.values(values).every((v) => v === null)).toBe(true);
    });

    it("datetimes are compared side by side, never subtracted", () => {
      const result = (promise: string) => ({ status: "feasible", options: [option("fastest", { R1: promise }, [], 0), option("protect-confirmed", { R1: promise }, [], 0)] });
      const kpisOf = (promise: string) => kpiExtractors.insert!.extract({ rushOrders: [request.rushOrders[0]] }, result(promise));
      const comparison = compareScenarios("insert", [
        { scenario: "base", status: "done", kpis: kpisOf("2026-04-04T06:00") },
        { scenario: "extra shift", status: "done", kpis: kpisOf("2026-04-03T14:00") },
      ]);
      const row = comparison!.scenarios[1]!;
      expect(row.values.fastestPromise).toBe("2026-04-03T14:00");
      expect(row.vsBase).not.toHaveProperty("fastestPromise");
      expect(row.vsBase.fastestRushLatenessMinutes).toBe(-960);
      expect(comparison!.kpis.find((k) => k.key === "protectPromise")?.unit).toBe("datetime");
    });
  });

  describe("review", () => {
    const decision = (order: string, kind: string, requested: string, promise: string | null, impact: Array<[string, number]>) => ({
      order,
      decision: kind,
      requested,
      promise,
      reasons: [],
      impact: impact.map(([o, delayMinutes]) => ({ order: o, before: "2026-04-01T06:00", after: "2026-04-01T06:00", delayMinutes, becameLate: false })),
    });

    it("counts decisions over changes and candidates; only acceptances count as delay to the other orders (hand-worked)", () => {
      const response = {
        changes: [decision("C1", "accept", "2026-04-10T22:00", "2026-04-09T14:00", [["C1", 600], ["O7", 90]])],
        candidates: [
          decision("Q1", "accept", "2026-04-09T22:00", "2026-04-08T22:00", [["O7", 30], ["O9", 200]]),
          decision("Q2", "counter-offer", "2026-04-16T22:00", "2026-04-18T06:00", [["O3", 500]]),
          decision("Q3", "counter-offer", "2026-04-17T22:00", "2026-04-17T23:30", []),
          decision("Q4", "decline", "2026-04-17T22:00", null, []),
          decision("Q5", "accept", "2026-04-30T22:00", "2026-04-20T06:00", []),
        ],
      };
      expect(kpiExtractors.review!.extract({}, response)).toEqual({
        accepted: 3,
        counterOffers: 2,
        declined: 1,
        // Q2 1 day 8 h past (1920) + Q3 90 minutes.
        counterOfferDelayMinutes: 2010,
        latestAcceptedPromise: "2026-04-20T06:00",
        // C1's own slip is its change, not a cost to others; O7 delayed twice counts once; Q2 is not committed.
        ordersDelayed: 2,
        delayMinutes: 320,
      });
    });

    it("an empty review: nothing accepted, no promise", () => {
      expect(kpiExtractors.review!.extract({}, { changes: [], candidates: [decision("Q", "decline", "2026-04-01T06:00", null, [])] })).toEqual({
        accepted: 0,
        counterOffers: 0,
        declined: 1,
        counterOfferDelayMinutes: 0,
        latestAcceptedPromise: null,
        ordersDelayed: 0,
        delayMinutes: 0,
      });
    });
  });
});
