/** What a decode costs in work units (decode-cost.ts), worked by hand on tiny plants. */
import { describe, expect, it } from "vitest";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { decodeCost, PLACEMENT_COST, retimeCost } from "../../../solver/schedule/decode-cost.ts";
import { order, request } from "./fixtures.ts";

const resources = [{ id: "M1", calendar: "day" }, { id: "M2", calendar: "day" }];
/** Two orders of a two-operation item and one of a one-operation item: five operations. */
function plant(first: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return request({
    resources,
    routings: [
      { item: "p", operations: [{ id: "a", resources: ["M1"], runMinutesPerUnit: 10, ...first }, { id: "b", resources: ["M2"], runMinutesPerUnit: 10 }] },
      { item: "q", operations: [{ id: "a", resources: ["M2"], runMinutesPerUnit: 10 }] },
    ],
    orders: [order("o1", "p", { quantity: 20 }), order("o2", "p", { quantity: 20 }), order("o3", "q")],
    ...extra,
  });
}

function costOf(body: ReturnType<typeof plant>): number {
  const compiled = compileProblem(body);
  if (!compiled.ok) throw new Error(compiled.reason);
  return decodeCost(compiled.compiled.problem);
}

describe("decodeCost", () => {
  it("counts a plain operation as one unit", () => {
    expect(costOf(plant())).toBe(5);
  });

  it("counts every operation twice under shop-floor rules", () => {
    expect(costOf(plant({ transferQuantity: 5 }))).toBe(5 * PLACEMENT_COST.shopFloor);
  });

  it("adds the pool's extra to each operation that needs a pool", () => {
    const pooled = plant({ requires: [{ pool: "crew" }] }, { pools: [{ id: "crew", calendar: "day", units: 1 }] });
    // o1/a and o2/a need the crew.
    expect(costOf(pooled)).toBe(Math.round(5 + 2 * PLACEMENT_COST.pooledExtra));
  });

  it("charges re-timed operations at the re-timing weight", () => {
    expect(retimeCost(10)).toBe(16);
  });
});
