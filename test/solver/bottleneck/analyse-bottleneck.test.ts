import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseBottleneck } from "../../../solver/bottleneck/analyse-bottleneck.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import { BottleneckRequest, BottleneckResponse } from "../../../src/bottleneck.ts";
import { ModelError } from "../../../src/errors.ts";
import { parseDateTime } from "../../../src/time.ts";
import { bruteForceMix, twoBindingResources } from "./fixtures.ts";

const STEEL_PLANT = new URL("../../../data/steel-plant.json", import.meta.url);

describe.each([highsEngine, jslpEngine])("analyseBottleneck with the $name engine", (engine) => {
  it("answers the two-binding-resource plant: LP mix beside the ranking's, prices, next constraint", async () => {
    const response = BottleneckResponse.parse(await analyseBottleneck(twoBindingResources(), { engine }));
    // Full demand: R1 60 × 48 + 60 × 24 = 4,320 of 2,400 (180 %), R2 60 × 24 + 60 × 36 = 3,600 (150 %).
    expect(response.constraint).toEqual({ kind: "resource", resource: "R1", utilization: 1.8 });
    expect(response.loads.map((l) => [l.resource, l.loadMinutes, l.availableMinutes])).toEqual([
      ["R1", 4320, 2400],
      ["R2", 3600, 2400],
    ]);
    expect(response.products).toEqual([
      { item: "X", tvc: 10, throughputPerUnit: 10, minutesByResource: { R1: 48, R2: 24 }, throughputPerConstraintMinute: 10 / 48 },
      { item: "Y", tvc: 5, throughputPerUnit: 9, minutesByResource: { R1: 24, R2: 36 }, throughputPerConstraintMinute: 9 / 24 },
    ]);
    const brute = bruteForceMix(
      [
        { throughput: 10, demand: 60, minutes: [48, 24] },
        { throughput: 9, demand: 60, minutes: [24, 36] },
      ],
      [2400, 2400],
    );
    expect(brute.mixes).toEqual([[25, 50]]);
    expect(response.mix).toEqual({ X: 25, Y: 50 });
    expect(response.mixStatus).toBe("optimal");
    expect(response.throughput).toBe(brute.throughput);
    expect(response.netProfit).toBe(700 - 500);
    expect(response.binding).toEqual(["R1", "R2"]);
    expect(response.loads.map((l) => l.mixLoadMinutes)).toEqual([expect.closeTo(2400, 6), expect.closeTo(2400, 6)]);
    expect(response.rankingMix).toEqual({ order: ["Y", "X"], mix: { X: 10, Y: 60 }, throughput: 640, netProfit: 140 });
    // Duals 3 and 4 per unscaled minute are 3/24 and 4/24 per minute here: 7.5 and 10 per hour.
    expect(response.capacityValue.map((v) => [v.resource, v.throughputPerExtraHour])).toEqual([
      ["R2", expect.closeTo(10, 4)],
      ["R1", expect.closeTo(7.5, 4)],
    ]);
    const r1 = response.capacityValue.find((v) => v.resource === "R1")!;
    expect(r1.tenPercentMore.nextConstraint).toEqual({ kind: "resource", resource: "R2", utilization: 1.5 });
    expect(r1.tenPercentMore.throughput).toBe(
      bruteForceMix(
        [
          { throughput: 10, demand: 60, minutes: [48, 24] },
          { throughput: 9, demand: 60, minutes: [24, 36] },
        ],
        [2640, 2400],
      ).throughput,
    );
    expect(response.dbr).toBeUndefined();
  });

  it("says the market is the constraint when everything fits, and makes the whole demand", async () => {
    const response = await analyseBottleneck(twoBindingResources({ x: 10, y: 10 }), { engine });
    expect(response.constraint).toEqual({ kind: "market", resource: null });
    expect(response.mix).toEqual({ X: 10, Y: 10 });
    expect(response.rankingMix.mix).toEqual({ X: 10, Y: 10 });
    expect(response.throughput).toBe(190);
    expect(response.netProfit).toBe(190 - 500);
    expect(response.binding).toEqual([]);
    expect(response.capacityValue).toEqual([]);
    expect(response.products.map((p) => p.throughputPerConstraintMinute)).toEqual([null, null]);
  });

  it("beats the drum on the most loaded resource when the market is the constraint", async () => {
    const request = BottleneckRequest.parse({
      ...twoBindingResources({ x: 10, y: 10 }),
      orders: [{ id: "o1", item: "Y", quantity: 2, due: "2026-03-03T16:00" }],
      now: "2026-03-02T09:00",
    });
    const response = await analyseBottleneck(request, { engine });
    // R1 loads (480 + 240) / 2400 = 30 %, R2 25 %: the drum is R1, y1 is the first operation (no buffer).
    expect(response.dbr).toEqual({
      drumResource: "R1",
      drum: [{ order: "o1", operation: "y1", unit: 0, start: "2026-03-02T09:00", end: "2026-03-02T09:48" }],
      releases: [{ order: "o1", release: "2026-03-02T09:00", drumStart: "2026-03-02T09:00", bufferMinutes: 0 }],
      buffers: [{ order: "o1", status: "black", consumed: 1 }],
      unscheduled: [],
    });
  });

  it("throws a ModelError naming every problem of a wrong request", async () => {
    const request = twoBindingResources();
    request.products.push({ item: "nope", price: 1, demand: 1 });
    const error = await analyseBottleneck(request, { engine }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).problems).toEqual([{ path: "products[2].item", message: 'unknown item "nope"' }]);
  });
});

describe.runIf(existsSync(STEEL_PLANT))("analyseBottleneck on the demo steel plant", () => {
  it("finds a constraint, a feasible optimal mix no worse than the ranking, and a consistent drum; both engines agree", async () => {
    const request = BottleneckRequest.parse(JSON.parse(readFileSync(STEEL_PLANT, "utf8")));
    const response = BottleneckResponse.parse(await analyseBottleneck(request, { engine: highsEngine, timeLimitSeconds: 20 }));
    const check = await analyseBottleneck(request, { engine: jslpEngine });
    expect(check.throughput).toBeCloseTo(response.throughput, 6);

    const top = response.loads[0]!;
    expect(response.constraint.resource).toBe(top.utilization !== null && top.utilization > 1 ? top.resource : null);
    expect(response.mixStatus).toBe("optimal");
    let throughput = 0;
    let minutes = 0;
    for (const [i, p] of request.products.entries()) {
      const q = response.mix[p.item]!;
      const economics = response.products[i]!;
      expect(q).toBeLessThanOrEqual(p.demand);
      throughput += economics.throughputPerUnit * q;
      minutes += q * Object.values(economics.minutesByResource).reduce((a, b) => a + b, 0);
    }
    expect(response.throughput).toBeCloseTo(throughput, 6);
    expect(response.netProfit).toBeCloseTo(throughput - request.operatingExpense, 6);
    expect(response.throughput).toBeGreaterThanOrEqual(response.rankingMix.throughput);
    // The mix's load per resource depends on its split of alternatives; its total does not.
    expect(response.loads.reduce((s, l) => s + l.mixLoadMinutes, 0)).toBeCloseTo(minutes, 3);
    for (const l of response.loads) expect(l.mixLoadMinutes).toBeLessThanOrEqual(l.availableMinutes + 1e-6);
    if (response.constraint.resource !== null) {
      expect(response.capacityValue.map((v) => v.resource)).toContain(response.constraint.resource);
    }

    const dbr = response.dbr!;
    expect(dbr.drumResource).toBe(response.constraint.resource ?? top.resource);
    expect(dbr.drum.length).toBeGreaterThan(0);
    const spans = dbr.drum.map((d) => [parseDateTime(d.start)!, parseDateTime(d.end)!] as const).sort((a, b) => a[0] - b[0]);
    spans.forEach((s, i) => i > 0 && expect(s[0]).toBeGreaterThanOrEqual(spans[i - 1]![1]));
    for (const r of dbr.releases) expect(parseDateTime(r.release)!).toBeLessThanOrEqual(parseDateTime(r.drumStart)!);
  });
});
