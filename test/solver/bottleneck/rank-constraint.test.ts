import { describe, expect, it } from "vitest";
import { minutesByResource, rankConstraint } from "../../../solver/bottleneck/rank-constraint.ts";

describe("minutesByResource", () => {
  it("splits flexible load in proportion to the alternatives' capacity, evenly when none has any", () => {
    const available = new Map([
      ["A", 300],
      ["B", 100],
      ["Z1", 0],
      ["Z2", 0],
    ]);
    const minutes = minutesByResource(
      [
        { resources: ["A"], minutes: 2 },
        { resources: ["A", "B"], minutes: 8 },
        { resources: ["Z1", "Z2"], minutes: 3 },
      ],
      available,
    );
    expect(Object.fromEntries(minutes)).toEqual({ A: 2 + 6, B: 2, Z1: 1.5, Z2: 1.5 });
  });
});

describe("rankConstraint", () => {
  const available = new Map([
    ["saw", 1000],
    ["mill", 500],
    ["paint", 2000],
  ]);

  it("ranks by load at full demand over capacity and names the resource above 100 %", () => {
    const { loads, constraint } = rankConstraint(["saw", "mill", "paint"], available, [
      { demand: 100, minutes: new Map([["saw", 4], ["mill", 3]]) },
      { demand: 50, minutes: new Map([["mill", 5], ["paint", 10]]) },
    ]);
    // saw 400 / 1000, mill (300 + 250) / 500, paint 500 / 2000.
    expect(loads.map((l) => [l.resource, l.loadMinutes, l.utilization])).toEqual([
      ["mill", 550, 1.1],
      ["saw", 400, 0.4],
      ["paint", 500, 0.25],
    ]);
    expect(constraint).toEqual({ kind: "resource", resource: "mill", utilization: 1.1 });
  });

  it("says the market is the constraint when every resource can make the whole demand, even at exactly 100 %", () => {
    const { constraint } = rankConstraint(["saw", "mill", "paint"], available, [{ demand: 100, minutes: new Map([["mill", 5]]) }]);
    expect(constraint).toEqual({ kind: "market", resource: null });
  });

  it("puts load on a resource without capacity first, as infinitely loaded", () => {
    const { loads, constraint } = rankConstraint(["saw", "ghost"], available, [{ demand: 1, minutes: new Map([["saw", 2000], ["ghost", 1]]) }]);
    expect(loads.map((l) => [l.resource, l.utilization])).toEqual([
      ["ghost", null],
      ["saw", 2],
    ]);
    expect(constraint).toEqual({ kind: "resource", resource: "ghost", utilization: null });
  });
});
