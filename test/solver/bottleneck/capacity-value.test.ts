import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { capacityValues, shadowPrices } from "../../../solver/bottleneck/capacity-value.ts";
import type { MixProduct } from "../../../solver/bottleneck/product-mix-lp.ts";
import { compileMix, solveMix } from "../../../solver/bottleneck/product-mix-lp.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import { bruteForceMix } from "./fixtures.ts";

/** max 10x + 9y s.t. 2x + y ≤ b1 (R1), x + 1.5y ≤ b2 (R2), 0 ≤ x, y ≤ 60. */
const products: MixProduct[] = [
  { item: "X", throughputPerUnit: 10, demand: 60, loads: [{ resources: ["R1"], minutes: 2 }, { resources: ["R2"], minutes: 1 }] },
  { item: "Y", throughputPerUnit: 9, demand: 60, loads: [{ resources: ["R1"], minutes: 1 }, { resources: ["R2"], minutes: 1.5 }] },
];
const table = [
  { throughput: 10, demand: 60, minutes: [2, 1] },
  { throughput: 9, demand: 60, minutes: [1, 1.5] },
];

describe.each([highsEngine, jslpEngine])("value of capacity with the $name engine", (engine) => {
  it("prices both binding rows at the hand-solved duals", async () => {
    // At (25, 50) both rows bind: 2·y1 + y2 = 10 and y1 + 1.5·y2 = 9, so y1 = 3, y2 = 4 per minute.
    const { prices, relaxedThroughput } = await shadowPrices(engine, products, compileMix(products), [100, 100]);
    expect(prices[0]).toBeCloseTo(3, 6);
    expect(prices[1]).toBeCloseTo(4, 6);
    expect(relaxedThroughput).toBeCloseTo(700, 6);
  });

  it("gives 0, not an arbitrary split, for a resource at exactly 100 % when the market is also saturated", async () => {
    // Only X, demand 50: R1 carries exactly 100. More R1 earns nothing, though y1 = 5, z = 0 is also dual-optimal.
    const only: MixProduct[] = [{ ...products[0]!, demand: 50 }];
    const { prices } = await shadowPrices(engine, only, compileMix(only), [100, 100]);
    expect(prices).toEqual([0, 0]);
  });

  it("values an extra working hour by efficiency and finds where the constraint goes after 10 % more", async () => {
    const compiled = compileMix(products);
    const { binding, values } = await capacityValues(engine, products, compiled, [100, 100], {
      efficiency: new Map([
        ["R1", 1],
        ["R2", 0.5],
      ]),
      fullDemandLoad: new Map([
        ["R1", 180],
        ["R2", 150],
      ]),
      throughput: 700,
      alsoValue: ["R1"],
    });
    expect(binding).toEqual(["R1", "R2"]);
    // R1: 3 × 60 = 180 per hour; R2: 4 × 60 × 0.5 = 120 per hour (an hour of R2 is 30 standard minutes).
    expect(values.map((v) => [v.resource, v.throughputPerExtraHour])).toEqual([
      ["R1", expect.closeTo(180, 4)],
      ["R2", expect.closeTo(120, 4)],
    ]);
    const r1 = values[0]!.tenPercentMore;
    const afterR1 = bruteForceMix(table, [110, 100]);
    expect(r1.extraMinutes).toBeCloseTo(10, 9);
    expect(r1.throughput).toBeCloseTo(afterR1.throughput, 6);
    expect(r1.throughputGain).toBeCloseTo(afterR1.throughput - 700, 6);
    // With b1 = 110 the same rows bind (x = 32.5, y = 45), prices stay 3 and 4: R1 180/h still beats R2 120/h.
    expect(r1.nextConstraint).toEqual({ kind: "resource", resource: "R1", utilization: expect.closeTo(180 / 110, 9) });
  });

  it("moves the constraint to the other binding resource when its hour is worth more", async () => {
    const { values } = await capacityValues(engine, products, compileMix(products), [100, 100], {
      efficiency: new Map(),
      fullDemandLoad: new Map([
        ["R1", 180],
        ["R2", 150],
      ]),
      throughput: 700,
      alsoValue: ["R1"],
    });
    // Efficiency 1: R2 4 × 60 = 240/h, R1 180/h, so after R1 gets 10 % more, R2 is the constraint.
    expect(values.map((v) => v.resource)).toEqual(["R2", "R1"]);
    const r1 = values.find((v) => v.resource === "R1")!;
    expect(r1.tenPercentMore.nextConstraint).toEqual({ kind: "resource", resource: "R2", utilization: 1.5 });
  });

  it("reports the market as next when 10 % more lets the whole demand through", async () => {
    const single: MixProduct[] = [{ item: "X", throughputPerUnit: 10, demand: 52, loads: [{ resources: ["R1"], minutes: 2 }] }];
    const { binding, values } = await capacityValues(engine, single, compileMix(single), [100], {
      efficiency: new Map(),
      fullDemandLoad: new Map([["R1", 104]]),
      throughput: 500,
      alsoValue: ["R1"],
    });
    expect(binding).toEqual(["R1"]);
    expect(values).toHaveLength(1);
    expect(values[0]!.tenPercentMore).toEqual({ extraMinutes: expect.closeTo(10, 9), throughput: 520, throughputGain: 20, nextConstraint: { kind: "market", resource: null } });
  });
});

describe("shadow prices on random small plants", () => {
  it("are the right derivative of the relaxed optimum, measured by re-solving the primal with a little more capacity", async () => {
    const row = fc.record({
      t: fc.integer({ min: -3, max: 20 }),
      demand: fc.integer({ min: 0, max: 6 }),
      minutes: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
    });
    const delta = 1e-3;
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }), async (table, caps) => {
        const mix: MixProduct[] = table.map((r, j) => ({
          item: `P${j}`,
          throughputPerUnit: r.t,
          demand: r.demand,
          loads: r.minutes.map((m, k) => ({ resources: [`R${k}`], minutes: m })).filter((l) => l.minutes > 0),
        }));
        const compiled = compileMix(mix);
        const capacities = compiled.resources.map((r) => caps[Number(r.slice(1))]!);
        for (const engine of [highsEngine, jslpEngine]) {
          const { prices, relaxedThroughput } = await shadowPrices(engine, mix, compiled, capacities);
          const primal = await solveMix(engine, mix, compiled, capacities, { integer: false });
          expect(relaxedThroughput).toBeCloseTo(primal!.throughput, 6);
          for (let r = 0; r < capacities.length; r++) {
            const more = await solveMix(engine, mix, compiled, capacities.map((b, i) => (i === r ? b + delta : b)), { integer: false });
            expect(prices[r]).toBeCloseTo((more!.throughput - primal!.throughput) / delta, 2);
          }
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});
