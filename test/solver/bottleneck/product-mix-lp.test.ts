import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MixProduct } from "../../../solver/bottleneck/product-mix-lp.ts";
import { compileMix, solveMix } from "../../../solver/bottleneck/product-mix-lp.ts";
import { minutesByResource, rankConstraint } from "../../../solver/bottleneck/rank-constraint.ts";
import { rankingMix } from "../../../solver/bottleneck/ranking-mix.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import { bruteForceMix } from "./fixtures.ts";

/** Products with fixed loads only, as a table: minutes[r] on resources[r]. */
function fixedProducts(rows: ReadonlyArray<{ t: number; demand: number; minutes: readonly number[] }>, resources: readonly string[]): MixProduct[] {
  return rows.map((row, j) => ({
    item: `P${j}`,
    throughputPerUnit: row.t,
    demand: row.demand,
    loads: row.minutes.flatMap((m, r) => (m > 0 ? [{ resources: [resources[r]!], minutes: m }] : [])),
  }));
}

async function lpAndRanking(engine: typeof highsEngine, products: MixProduct[], resources: string[], capacities: number[]) {
  const available = new Map(resources.map((r, i) => [r, capacities[i]!]));
  const compiled = compileMix(products);
  const lp = await solveMix(engine, products, compiled, compiled.resources.map((r) => available.get(r)!), { integer: true });
  const perUnit = products.map((p) => minutesByResource(p.loads, available));
  const { constraint } = rankConstraint(resources, available, products.map((p, i) => ({ demand: p.demand, minutes: perUnit[i]! })));
  const ranked = rankingMix(products.map((p, i) => ({ throughputPerUnit: p.throughputPerUnit, demand: p.demand, minutes: perUnit[i]! })), constraint.resource, available);
  const rankingThroughput = products.reduce((s, p, i) => s + p.throughputPerUnit * ranked.quantities[i]!, 0);
  return { lp: lp!, ranked, rankingThroughput, constraint };
}

describe.each([highsEngine, jslpEngine])("product mix with the $name engine", (engine) => {
  it("agrees with the T/CU ranking when one resource binds (Goldratt's P&Q, B the constraint)", async () => {
    const table = [
      { t: 45, demand: 100, minutes: [15, 15, 15, 15] },
      { t: 60, demand: 50, minutes: [10, 30, 5, 5] },
    ];
    const resources = ["A", "B", "C", "D"];
    const capacities = [2400, 2400, 2400, 2400];
    const { lp, ranked, rankingThroughput, constraint } = await lpAndRanking(engine, fixedProducts(table, resources), resources, capacities);
    const brute = bruteForceMix(table.map((r) => ({ throughput: r.t, demand: r.demand, minutes: r.minutes })), capacities);
    expect(constraint.resource).toBe("B");
    // T/CU on B: P 45 / 15 = 3 beats Q 60 / 30 = 2: all 100 P (1,500 min), then 900 / 30 = 30 Q.
    expect(ranked.quantities).toEqual([100, 30]);
    expect(lp.quantities).toEqual([100, 30]);
    expect(lp.throughput).toBe(6300);
    expect(brute).toEqual({ throughput: 6300, mixes: [[100, 30]] });
    expect(rankingThroughput).toBe(6300);
  });

  it("beats the ranking when two resources bind, and matches brute force over every integer mix", async () => {
    const table = [
      { t: 10, demand: 60, minutes: [2, 1] },
      { t: 9, demand: 60, minutes: [1, 1.5] },
    ];
    const resources = ["R1", "R2"];
    const capacities = [100, 100];
    const { lp, ranked, rankingThroughput, constraint } = await lpAndRanking(engine, fixedProducts(table, resources), resources, capacities);
    const brute = bruteForceMix(table.map((r) => ({ throughput: r.t, demand: r.demand, minutes: r.minutes })), capacities);
    expect(constraint.resource).toBe("R1");
    expect(brute.mixes).toEqual([[25, 50]]);
    expect(lp.quantities).toEqual([25, 50]);
    expect(lp.throughput).toBe(700);
    expect(lp.rowMinutes[0]).toBeCloseTo(100, 6);
    expect(lp.rowMinutes[1]).toBeCloseTo(100, 6);
    // T/CU on R1: Y 9 beats X 5, so Y = 60 first; then X = min(40 / 2, 10 / 1) = 10.
    expect(ranked.order).toEqual([1, 0]);
    expect(ranked.quantities).toEqual([10, 60]);
    expect(rankingThroughput).toBe(640);
  });

  it("splits an operation with alternatives freely, where the ranking keeps the proportional split", async () => {
    // X: 10 min on A or B, T 1; Y: 10 min on A only, T 2; both demand 10, A and B 100 min each.
    const products: MixProduct[] = [
      { item: "X", throughputPerUnit: 1, demand: 10, loads: [{ resources: ["A", "B"], minutes: 10 }] },
      { item: "Y", throughputPerUnit: 2, demand: 10, loads: [{ resources: ["A"], minutes: 10 }] },
    ];
    const { lp, ranked, rankingThroughput } = await lpAndRanking(engine, products, ["A", "B"], [100, 100]);
    // Y fills A; X goes entirely to B.
    expect(lp.quantities).toEqual([10, 10]);
    expect(lp.throughput).toBe(30);
    // The ranking puts half of X's 10 minutes on A (equal capacities), where Y left nothing.
    expect(ranked.quantities).toEqual([0, 10]);
    expect(rankingThroughput).toBe(20);
  });

  it("makes nothing that loses money and nothing beyond demand", async () => {
    const table = [
      { t: -5, demand: 10, minutes: [1] },
      { t: 0.5, demand: 7.6, minutes: [1] },
    ];
    const { lp, ranked } = await lpAndRanking(engine, fixedProducts(table, ["A"]), ["A"], [1000]);
    expect(lp.quantities).toEqual([0, 7]);
    expect(ranked.quantities).toEqual([0, 7]);
  });
});

describe("product mix on random small plants", () => {
  it("equals brute force with both engines, and the ranking never beats it", async () => {
    const row = fc.record({
      t: fc.integer({ min: -3, max: 20 }),
      demand: fc.integer({ min: 0, max: 6 }),
      minutes: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }), async (table, capacities) => {
        const resources = ["A", "B", "C"];
        const brute = bruteForceMix(table.map((r) => ({ throughput: r.t, demand: r.demand, minutes: r.minutes })), capacities);
        for (const engine of [highsEngine, jslpEngine]) {
          const { lp, rankingThroughput } = await lpAndRanking(engine, fixedProducts(table, resources), resources, capacities);
          expect(lp.throughput).toBeCloseTo(brute.throughput, 6);
          expect(brute.mixes).toContainEqual(lp.quantities);
          expect(rankingThroughput).toBeLessThanOrEqual(lp.throughput + 1e-9);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});
