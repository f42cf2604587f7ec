/** A pool as the constraint of the bottleneck analysis (issue 21): the machines have room, the crew does not. */
import { describe, expect, it } from "vitest";
import { analyseBottleneck } from "../../../solver/bottleneck/analyse-bottleneck.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { BottleneckRequest, BottleneckResponse } from "../../../src/bottleneck.ts";
import { bruteForceMix, twoBindingResources } from "./fixtures.ts";

/** The two-resource plant at 20 + 20 units, every operation needing one welder on the day shift. */
function crewedPlant(): BottleneckRequest {
  const request = twoBindingResources({ x: 20, y: 20 });
  return BottleneckRequest.parse({
    ...request,
    pools: [{ id: "welders", calendar: "day", units: 1 }],
    routings: request.routings.map((r) => ({ ...r, operations: r.operations.map((op) => ({ ...op, requires: [{ pool: "welders" }] })) })),
  });
}

describe("a pool as the constraint", () => {
  it("ranks the welders first: 20 × 72 + 20 × 60 = 2,640 labour minutes of 2,400", async () => {
    const response = BottleneckResponse.parse(await analyseBottleneck(crewedPlant(), { engine: highsEngine }));
    expect(response.constraint).toEqual({ kind: "resource", resource: "welders", utilization: 2640 / 2400, pool: true });
    // R1 48 × 20 + 24 × 20 = 1,440 and R2 24 × 20 + 36 × 20 = 1,200 of 2,400 each: room on both machines.
    expect(response.loads.map((l) => [l.resource, l.loadMinutes, l.availableMinutes])).toEqual([
      ["welders", 2640, 2400],
      ["R1", 1440, 2400],
      ["R2", 1200, 2400],
    ]);
    expect(response.products.map((p) => p.throughputPerConstraintMinute)).toEqual([10 / 72, 9 / 60]);
    // The best mix under the welders' hours, by brute force over every integer mix.
    const brute = bruteForceMix(
      [
        { throughput: 10, demand: 20, minutes: [48, 24, 72] },
        { throughput: 9, demand: 20, minutes: [24, 36, 60] },
      ],
      [2400, 2400, 2400],
    );
    expect(response.throughput).toBe(brute.throughput);
    expect(brute.mixes).toContainEqual([response.mix.X, response.mix.Y]);
  });
});
