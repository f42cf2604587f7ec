/**
 * The demo steel-strip plant (data/steel-plant.json). The expected figures are the headline numbers of
 * data/README.md, computed from the raw JSON by the data's author, not by this engine; the work in process
 * (`progress`) is checked against the same figures without it. A missing file fails the test
 * (readFileSync throws) rather than skipping it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseCapacity, assessCapacity, capacityReport } from "../../../solver/capacity/assess-capacity.ts";
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

  it("takes the work in process off: the done operations' standard minutes leave week 1, nothing else moves", () => {
    const withProgress = capacityReport(request, analyseCapacity(request));
    const without = capacityReport({ ...request, progress: [] }, analyseCapacity({ ...request, progress: [] }));
    // Straight from the JSON: each done operation's setup + quantity × run, on its first resource (where it was loaded).
    const removed = new Map<string, number>();
    for (const p of request.progress) {
      const order = request.orders.find((o) => o.id === p.order)!;
      const op = request.routings.find((r) => r.item === order.item)!.operations.find((x) => x.id === p.operation)!;
      expect(p.status).toBe("done");
      removed.set(op.resources[0]!, (removed.get(op.resources[0]!) ?? 0) + op.setupMinutes + order.quantity * op.runMinutesPerUnit);
    }
    expect(Object.fromEntries(removed)).toEqual({ PKL: 850, CRM1: 1238 }); // the figures in data/README.md
    withProgress.resources.forEach((r, i) => {
      const before = without.resources[i]!.buckets.map((b) => b.loadMinutes);
      const expected = before.map((load, week) => (week === 0 ? load - (removed.get(r.id) ?? 0) : load));
      r.buckets.forEach((b, week) => expect(b.loadMinutes, `${r.id} week ${week + 1}`).toBeCloseTo(expected[week]!, 6));
    });
    // The README's 4-week means: PKL 19.5 %, CRM1 53.0 %.
    const mean = (id: string) => {
      const buckets = withProgress.resources.find((r) => r.id === id)!.buckets;
      return buckets.reduce((s, b) => s + b.loadMinutes, 0) / buckets.reduce((s, b) => s + b.availableMinutes, 0);
    };
    expect(mean("PKL")).toBeCloseTo(0.195, 3);
    expect(mean("CRM1")).toBeCloseTo(0.53, 3);
    for (const id of ["SO-26-001", "SO-26-002", "SO-26-003", "SO-26-004", "SO-26-005"]) {
      expect(Object.keys(withProgress.orders.find((o) => o.id === id)!.hoursByResource).sort()).toEqual(["CGL", "INSP", "PACK"]);
    }
  });
});
