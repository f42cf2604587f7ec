/**
 * Full pegging (issue 23): a three-level record with scrap worked by hand, and a property on random
 * plans — the supplies pegged to a demand along each path add up to the gross requirement they cover.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.ts";
import type { MrpDemandSupply, MrpRequest } from "../../../src/mrp.ts";
import { MrpRequest as MrpRequestSchema } from "../../../src/mrp.ts";
import { computeFullPegging } from "../../../solver/mrp/full-pegging.ts";
import { computeMaterialPlan } from "../../../solver/mrp/plan-materials.ts";
import { arbitraryMrpRequest } from "./arbitrary-mrp.ts";
import { planJson } from "./plan.ts";
import { validateMrp } from "./validate-mrp.ts";

/**
 * A (on hand 5) ← B × 2 (lead time 1, scrap 0.2, on hand 4) ← C × 3 (lead time 1, on hand 30); demands
 * D1 = 10 in bucket 2, D2 = 10 in bucket 3.
 *
 * A: t2 5 − 10 → MRP-A-2 = 5; t3 → MRP-A-3 = 10 (lead time 0). FIFO: on hand 5 + MRP-A-2 5 → D1; MRP-A-3 → D2.
 * B: gross = 2 × A's releases: 10 in bucket 2, 20 in bucket 3. t2 4 − 10 → MRP-B-2 = 6 good, starts
 *    6 / 0.8 = 7.5 in bucket 1; t3 → MRP-B-3 = 20 good, starts 25 in bucket 2.
 *    MRP-A-2's requirement (10 B) ← on hand 4 + MRP-B-2 6; its 10 B are A-2's 5 units for D1, so all go to D1:
 *    on hand 4 → D1, MRP-B-2 6 → D1. MRP-A-3's 20 B ← MRP-B-3 20 → D2.
 * C: gross = 3 × B's releases: 22.5 in bucket 1, 75 in bucket 2. t1 30 − 22.5 = 7.5; t2 7.5 − 75 → MRP-C-2 = 67.5.
 *    MRP-B-2's requirement (22.5 C, for 7.5 started = 6 good B, all D1's) ← on hand 22.5 → D1.
 *    MRP-B-3's requirement (75 C, for 25 started = 20 good B, all D2's) ← on hand 7.5 + MRP-C-2 67.5 → D2.
 * So D1 waits for A 5 + 5, B 4 + 6 (= 2 × 5 for MRP-A-2's units), C 22.5 (= 3 × 6 / 0.8);
 * D2 for A 10, B 20 (= 2 × 10), C 7.5 + 67.5 (= 3 × 20 / 0.8).
 */
const threeLevels = MrpRequestSchema.parse({
  buckets: { start: "2026-03-02", size: "day", count: 4 },
  items: [
    { id: "A", onHand: 5 },
    { id: "B", leadTime: 1, scrapRate: 0.2, onHand: 4 },
    { id: "C", leadTime: 1, onHand: 30 },
  ],
  bom: [
    { parent: "A", component: "B", quantity: 2 },
    { parent: "B", component: "C", quantity: 3 },
  ],
  demands: [
    { id: "D1", item: "A", bucket: 2, quantity: 10 },
    { id: "D2", item: "A", bucket: 3, quantity: 10 },
  ],
  options: { pegging: "full" },
});

describe("full pegging through three levels with scrap", () => {
  const response = planJson(threeLevels);

  it("passes the independent validator", () => {
    expect(validateMrp(threeLevels, response)).toEqual([]);
  });

  it("pegs every order to the end demands with the item path", () => {
    expect(response.plannedOrders.map((o) => [o.id, o.quantity, o.startQuantity, o.pegging])).toEqual([
      ["MRP-A-2", 5, 5, [{ demand: "D1", quantity: 5, path: ["A"] }]],
      ["MRP-A-3", 10, 10, [{ demand: "D2", quantity: 10, path: ["A"] }]],
      ["MRP-B-2", 6, 7.5, [{ demand: "D1", quantity: 6, path: ["B", "A"] }]],
      ["MRP-B-3", 20, 25, [{ demand: "D2", quantity: 20, path: ["B", "A"] }]],
      ["MRP-C-2", 67.5, 67.5, [{ demand: "D2", quantity: 67.5, path: ["C", "B", "A"] }]],
    ]);
  });

  it("lists what each demand waits for, stock included", () => {
    expect(response.demands).toEqual([
      {
        id: "D1",
        item: "A",
        bucket: 2,
        quantity: 10,
        supply: [
          { kind: "on-hand", item: "A", quantity: 5, path: ["A"] },
          { kind: "planned-order", id: "MRP-A-2", item: "A", quantity: 5, path: ["A"] },
          { kind: "on-hand", item: "B", quantity: 4, path: ["B", "A"] },
          { kind: "planned-order", id: "MRP-B-2", item: "B", quantity: 6, path: ["B", "A"] },
          { kind: "on-hand", item: "C", quantity: 22.5, path: ["C", "B", "A"] },
        ],
      },
      {
        id: "D2",
        item: "A",
        bucket: 3,
        quantity: 10,
        supply: [
          { kind: "planned-order", id: "MRP-A-3", item: "A", quantity: 10, path: ["A"] },
          { kind: "planned-order", id: "MRP-B-3", item: "B", quantity: 20, path: ["B", "A"] },
          { kind: "on-hand", item: "C", quantity: 7.5, path: ["C", "B", "A"] },
          { kind: "planned-order", id: "MRP-C-2", item: "C", quantity: 67.5, path: ["C", "B", "A"] },
        ],
      },
    ]);
    expect(response.receipts).toEqual([]);
  });

  it("pegs open receipts and firm orders too, and names a firm order in the supply", () => {
    // B's on hand 4 becomes open receipt R-B (4, bucket 0); C's MRP-C-2 becomes firm F-C (67.5, bucket 2).
    const request = { ...threeLevels, items: threeLevels.items.map((item) => (item.id === "B" ? { ...item, onHand: 0 } : item)) };
    request.receipts = [{ id: "R-B", item: "B", bucket: 0, quantity: 4 }];
    request.firmPlannedOrders = [{ id: "F-C", item: "C", bucket: 2, quantity: 67.5 }];
    const answer = planJson(request);
    expect(validateMrp(request, answer)).toEqual([]);
    expect(answer.receipts).toEqual([{ id: "R-B", item: "B", bucket: 0, quantity: 4, pegging: [{ demand: "D1", quantity: 4, path: ["B", "A"] }] }]);
    expect(answer.plannedOrders.find((o) => o.id === "F-C")).toMatchObject({ firm: true, pegging: [{ demand: "D2", quantity: 67.5, path: ["C", "B", "A"] }] });
    expect(answer.demands![1]!.supply.at(-1)).toEqual({ kind: "firm-order", id: "F-C", item: "C", quantity: 67.5, path: ["C", "B", "A"] });
  });
});

/**
 * Independently of the engine: along each path p to a demand, the units its supplies give must be the
 * requirement p carries. A demand's item requires its quantity. An order (planned or firm) of item Q
 * giving u units along p requires u / (1 − scrap of Q) × BOM quantity of each component X along [X, …p];
 * a phantom's own orders are not listed, so what a phantom's stock and receipts leave of its requirement
 * is what its hidden orders give, passed on unscrapped.
 */
function checkPegSums(request: MrpRequest, demand: MrpDemandSupply): void {
  const items = new Map(request.items.map((item) => [item.id, item]));
  const given = new Map<string, number>();
  const fromOrders = new Map<string, number>();
  for (const peg of demand.supply) {
    const key = peg.path.join("<");
    given.set(key, (given.get(key) ?? 0) + peg.quantity);
    if (peg.kind === "planned-order" || peg.kind === "firm-order") fromOrders.set(key, (fromOrders.get(key) ?? 0) + peg.quantity);
  }
  // Requirements along each path, from the demand's item down.
  const required = new Map<string, number>([[demand.item, demand.quantity]]);
  const pending = [[demand.item]];
  while (pending.length > 0) {
    const path = pending.shift()!;
    const key = path.join("<");
    const item = items.get(path[0]!)!;
    const need = required.get(key)!;
    // A phantom's hidden orders give what its listed stock and receipts do not.
    if (item.phantom) expect(given.get(key) ?? 0, `${demand.id} along ${key}`).toBeLessThanOrEqual(need + 1e-6);
    else expect(given.get(key) ?? 0, `${demand.id} along ${key}`).toBeCloseTo(need, 6);
    const exploded = item.phantom ? need - (given.get(key) ?? 0) : (fromOrders.get(key) ?? 0) / (1 - item.scrapRate);
    for (const line of request.bom.filter((l) => l.parent === item.id)) {
      const childPath = [line.component, ...path];
      required.set(childPath.join("<"), (required.get(childPath.join("<")) ?? 0) + exploded * line.quantity);
      if (exploded > 1e-9) pending.push(childPath);
    }
  }
  for (const key of given.keys()) expect(required.has(key), `${demand.id}: a peg along ${key}, which requires nothing`).toBe(true);
}

describe("full pegging on random plans", () => {
  it("gives each demand, along every path, exactly the units the path requires", () => {
    fc.assert(
      fc.property(arbitraryMrpRequest(), (request) => {
        const full: MrpRequest = { ...request, options: { pegging: "full" } };
        const response = planJson(full);
        expect(validateMrp(full, response)).toEqual([]);
        for (const demand of response.demands!) checkPegSums(full, demand);
      }),
      { seed: 23, numRuns: 300 },
    );
  });
});

describe("the bound on full pegging", () => {
  it("refuses a pegging larger than its bound with a 422-class error naming options.pegging", () => {
    // the three-level example makes 9 pieces: the 5 + 4 supplies its two demands list
    const plan = computeMaterialPlan(threeLevels);
    expect(computeFullPegging(threeLevels, plan).count).toBe(9);
    expect(() => computeFullPegging(threeLevels, plan, 8)).toThrow(ModelError);
    try {
      computeFullPegging(threeLevels, plan, 8);
    } catch (error) {
      expect((error as ModelError).problems.map((p) => p.path)).toEqual(["options.pegging"]);
    }
  });
});
