/**
 * Wagner–Whitin against brute force: on small instances every set of order buckets (buckets with a
 * requirement, always including the first) is priced, each order covering up to the next one.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WagnerWhitinScratch, wagnerWhitin } from "../../../../solver/mrp/lot-sizing/wagner-whitin.ts";
import { planCost } from "./plan-cost.ts";

function bruteForceCost(net: number[], setup: number, holding: number): number {
  const positive = net.flatMap((d, t) => (d > 0 ? [t] : []));
  if (positive.length === 0) return 0;
  let best = Infinity;
  const optional = positive.slice(1);
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const starts = [positive[0]!, ...optional.filter((_, k) => (mask >> k) & 1)];
    let cost = setup * starts.length;
    starts.forEach((start, k) => {
      const end = starts[k + 1] ?? net.length;
      for (let t = start; t < end; t++) cost += holding * (t - start) * net[t]!;
    });
    best = Math.min(best, cost);
  }
  return best;
}

describe("wagnerWhitin", () => {
  it("solves a hand example: S = 100, H = 1", () => {
    // 2^7 order sets priced by brute force; the plan must cover all 525 units at the optimal cost.
    const net = [50, 60, 70, 60, 95, 75, 60, 55];
    const lots = wagnerWhitin(net, 100, 1);
    expect(planCost(net, lots, 100, 1)).toBe(bruteForceCost(net, 100, 1));
    expect(Array.from(lots).reduce((a, b) => a + b, 0)).toBe(525);
  });

  it("places one lot when setups are expensive and none without requirements", () => {
    expect(Array.from(wagnerWhitin([10, 0, 10], 1000, 1))).toEqual([20, 0, 0]);
    expect(Array.from(wagnerWhitin([0, 10, 10], 0, 1))).toEqual([0, 10, 10]);
    expect(Array.from(wagnerWhitin([0, 0], 5, 1))).toEqual([0, 0]);
  });

  it("matches the brute-force optimum and covers every requirement on time", () => {
    const instance = fc.record({
      net: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })), { minLength: 1, maxLength: 9 }),
      setup: fc.integer({ min: 0, max: 200 }),
      holding: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(instance, ({ net, setup, holding }) => {
        const lots = wagnerWhitin(net, setup, holding);
        expect(planCost(net, lots, setup, holding)).toBe(bruteForceCost(net, setup, holding));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("plans the same with one scratch reused across instances (as planning does item after item)", () => {
    const instance = fc.record({
      net: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })), { minLength: 6, maxLength: 6 }),
      setup: fc.integer({ min: 0, max: 200 }),
      holding: fc.integer({ min: 0, max: 5 }),
    });
    const scratch = new WagnerWhitinScratch(6);
    fc.assert(
      fc.property(instance, ({ net, setup, holding }) => {
        expect(Array.from(wagnerWhitin(net, setup, holding, scratch))).toEqual(Array.from(wagnerWhitin(net, setup, holding)));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
