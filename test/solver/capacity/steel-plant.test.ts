/**
 * The demo steel-strip plant (data/steel-plant.json). The expected figures are the headline numbers of
 * data/README.md, computed from the raw JSON by the data's author, not by this engine. A missing file
 * fails the test (readFileSync throws) rather than skipping it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assessCapacity } from "../../../solver/capacity/assess-capacity.ts";
import { checkCapacityRequest } from "../../../solver/capacity/check-capacity-request.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { CapacityRequest } from "../../../src/capacity.ts";
import { validateCountermeasures } from "./validate-countermeasures.ts";

const request = CapacityRequest.parse(JSON.parse(readFileSync(new URL("../../../data/steel-plant.json", import.meta.url), "utf8")));

describe("capacity assessment of the demo steel plant", () => {
  it("is a sound request", () => {
    expect(checkCapacityRequest(request)).toEqual([]);
  });

  it("reproduces the README's load and capacity figures, with the galvanizing line as the constraint", async () => {
    const response = await assessCapacity(request, { engine: highsEngine, timeLimitSeconds: 30 });
    const cgl = response.resources.find((r) => r.id === "CGL")!.buckets;
    expect(cgl.map((b) => b.loadMinutes)).toEqual([2847, 4401, 3970, 3354]);
    // Week 2 has the Qingming holiday (−900) and the overtime Saturday (+450).
    expect(cgl.map((b) => b.availableMinutes)).toEqual([4500, 4050, 4500, 4500]);
    expect(cgl.map((b) => b.overloadMinutes)).toEqual([0, 351, 0, 0]);
    // CRM2 (efficiency 0.85) is idle: every rolling operation is loaded on its first resource, CRM1.
    expect(response.resources.find((r) => r.id === "CRM2")!.buckets.map((b) => [b.loadMinutes, b.availableMinutes])).toEqual([
      [0, 3825],
      [0, 3442.5],
      [0, 3825],
      [0, 3825],
    ]);

    const [first] = response.bottlenecks;
    expect(first).toMatchObject({ resource: "CGL", overloadedBuckets: [1], overloadMinutes: 351 });
    expect(first!.meanUtilization!).toBeCloseTo(14572 / 17550, 9);
    expect(response.orders).toHaveLength(42);
    expect(response.orders.every((o) => !o.unmeetable)).toBe(true);
    expect(response.lineCapacity.every((l) => l.constraint.resources.includes("CGL"))).toBe(true);

    // The cheapest countermeasure is building the 351 overloaded minutes ahead in week 1 (1,653 min of slack).
    const checked = validateCountermeasures(request, response);
    expect(response.countermeasures!.status).toBe("optimal");
    expect(checked.uncoveredMinutes).toBe(0);
    expect(checked.totalCost).toBeCloseTo(351 * request.levers!.holdingCostPerMinutePerBucket, 6);
    expect(response.countermeasures!.actions.map((a) => [a.kind, a.resource, a.bucket, a.toBucket])).toEqual([["build-ahead", "CGL", 1, 0]]);
  });
});
