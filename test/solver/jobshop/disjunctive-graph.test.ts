/** The disjunctive graph: heads, tails and makespan by hand, cycles detected, key orders always acyclic. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobShopGraph } from "../../../solver/jobshop/disjunctive-graph.ts";
import type { JobShopInstance } from "../../../solver/jobshop/instance.ts";

// Job 0: m0 for 3, then m1 for 2. Job 1: m1 for 4, then m0 for 1.
const TWO_BY_TWO: JobShopInstance = {
  name: "2x2",
  machineCount: 2,
  jobs: [
    [[{ machine: 0, time: 3 }], [{ machine: 1, time: 2 }]],
    [[{ machine: 1, time: 4 }], [{ machine: 0, time: 1 }]],
  ],
};

/** Operations 0, 1 (job 0) and 2, 3 (job 1); machine orders given as lists. */
function load(orders: number[][]): JobShopGraph {
  const graph = new JobShopGraph(TWO_BY_TWO);
  for (let o = 0; o < graph.opCount; o++) graph.setAlternative(o, o);
  for (const order of orders) for (const o of order) graph.linkAfter(o, graph.last[graph.machine[o]!]!);
  return graph;
}

describe("JobShopGraph", () => {
  it("computes heads, tails and the makespan of a plan by hand", () => {
    // m0: 0 then 3; m1: 2 then 1. Starts: op0 0, op2 0, op1 max(3, 4) = 4, op3 max(4, 3) = 4; makespan 6.
    const graph = load([[0, 3], [2, 1]]);
    expect(graph.evaluate()).toBe(true);
    expect(Array.from(graph.head)).toEqual([0, 4, 0, 4]);
    // Tails: op1 0, op3 0, op0 max(2 + 0, 1 + 0) = 2, op2 max(1 + 0, 2 + 0) = 2.
    expect(Array.from(graph.tail)).toEqual([2, 0, 2, 0]);
    expect(graph.makespan).toBe(6);
    expect(graph.completionSum()).toBe(6 + 5);
  });

  it("reports a cycle: m0 runs job 1's last operation first, m1 job 0's last operation first", () => {
    // op3 before op0 on m0 and op1 before op2 on m1: op0 → op1 → op2 → op3 → op0.
    expect(load([[3, 0], [1, 2]]).evaluate()).toBe(false);
  });

  it("moves an operation and snapshots restore the plan exactly", () => {
    const graph = load([[0, 3], [2, 1]]);
    graph.evaluate();
    const plan = graph.snapshot();
    graph.move(3, 3, -1); // op3 first on m0: op3 starts at 4, op0 at 5, op1 at 8 → makespan 10
    expect(graph.evaluate()).toBe(true);
    expect(graph.makespan).toBe(10);
    graph.restore(plan);
    expect(graph.makespan).toBe(6);
    expect(Array.from(graph.head)).toEqual([0, 4, 0, 4]);
  });

  it("loads any keys that grow along the routes as an acyclic plan in key order", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        const graph = new JobShopGraph(TWO_BY_TWO);
        const key = [a!, a! + b!, c!, c! + d!];
        graph.loadByKeys([0, 1, 2, 3], key);
        for (let m = 0; m < 2; m++) {
          const order: number[] = [];
          for (let o = graph.first[m]!; o >= 0; o = graph.machNext[o]!) order.push(o);
          expect(order.map((o) => key[o]!)).toEqual(order.map((o) => key[o]!).sort((x, y) => x - y));
        }
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
