/**
 * Incremental re-evaluation against full evaluation: on random (flexible) job shops, with zero processing
 * times and jobs that visit a machine twice, long sequences of random moves inside machine orders (not only
 * the search's safe ones, so some close cycles) give exactly the heads, tails and makespan of a fresh full
 * evaluation of the same machine orders, report every cycle and leave the plan unchanged then.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { constructPlan } from "../../../solver/jobshop/construct-jobshop.ts";
import { JobShopGraph } from "../../../solver/jobshop/disjunctive-graph.ts";
import { incrementalScratch, shiftOnMachine } from "../../../solver/jobshop/incremental-evaluation.ts";
import type { JobShopInstance } from "../../../solver/jobshop/instance.ts";
import { createRandom } from "../../../solver/random.ts";

const instances = fc
  .record({ machines: fc.integer({ min: 1, max: 4 }), seed: fc.nat() })
  .chain(({ machines, seed }) =>
    fc.record({
      seed: fc.constant(seed),
      instance: fc
        .array(
          fc.array(fc.uniqueArray(fc.record({ machine: fc.integer({ min: 0, max: machines - 1 }), time: fc.integer({ min: 0, max: 9 }) }), { minLength: 1, maxLength: 2, selector: (a) => a.machine }), { minLength: 1, maxLength: 5 }),
          { minLength: 1, maxLength: 6 },
        )
        .map((jobs): JobShopInstance => ({ name: "random", machineCount: machines, jobs })),
    }),
  );

function machineOrder(graph: JobShopGraph, machine: number): number[] {
  const order: number[] = [];
  for (let o = graph.first[machine]!; o >= 0; o = graph.machNext[o]!) order.push(o);
  return order;
}

/** A fresh graph with the same alternatives and machine orders, evaluated in full (null: a cycle). */
function fullyEvaluated(instance: JobShopInstance, graph: JobShopGraph): JobShopGraph | null {
  const copy = new JobShopGraph(instance);
  for (let o = 0; o < graph.opCount; o++) copy.setAlternative(o, graph.alt[o]!);
  for (let m = 0; m < graph.machineCount; m++) for (const o of machineOrder(graph, m)) copy.linkAfter(o, copy.last[m]!);
  return copy.evaluate() ? copy : null;
}

describe("shiftOnMachine", () => {
  it("gives the heads, tails and makespan of a full evaluation after every move, and undoes a move that closes a cycle", () => {
    let moved = 0;
    let cycles = 0;
    fc.assert(
      fc.property(instances, ({ instance, seed }) => {
        const graph = new JobShopGraph(instance);
        const random = createRandom(seed);
        constructPlan(graph, random, 2);
        const scratch = incrementalScratch(graph.opCount);
        for (let step = 0; step < 30; step++) {
          const op = random.int(graph.opCount);
          const order = machineOrder(graph, graph.machine[op]!).filter((o) => o !== op);
          const after = order.length === 0 ? -1 : random.int(order.length + 1) - 1 < 0 ? -1 : order[random.int(order.length)]!;
          const before = { orders: Array.from({ length: graph.machineCount }, (_, m) => machineOrder(graph, m)), head: graph.head.slice(), makespan: graph.makespan };
          const touched = shiftOnMachine(graph, scratch, op, after);
          if (touched < 0) {
            cycles++;
            expect(Array.from({ length: graph.machineCount }, (_, m) => machineOrder(graph, m))).toEqual(before.orders);
            expect(graph.head).toEqual(before.head);
            expect(graph.makespan).toBe(before.makespan);
            // The move really closes a cycle: the same orders with op moved cannot be evaluated.
            graph.unlink(op);
            graph.linkAfter(op, after);
            expect(fullyEvaluated(instance, graph)).toBeNull();
            graph.unlink(op);
            graph.linkAfter(op, before.orders[graph.machine[op]!]![before.orders[graph.machine[op]!]!.indexOf(op) - 1] ?? -1);
            continue;
          }
          expect(graph.machPrev[op]).toBe(after);
          const full = fullyEvaluated(instance, graph);
          expect(full).not.toBeNull();
          expect(graph.head).toEqual(full!.head);
          expect(graph.tail).toEqual(full!.tail);
          expect(graph.makespan).toBe(full!.makespan);
          // The kept topological order is one: every arc points forward in it.
          for (let o = 0; o < graph.opCount; o++) {
            for (const next of [graph.jobNext[o]!, graph.machNext[o]!]) if (next >= 0) expect(graph.position[next]!).toBeGreaterThan(graph.position[o]!);
          }
          moved++;
        }
      }),
      { seed: 11, numRuns: 300 },
    );
    expect(moved).toBeGreaterThan(3000);
    expect(cycles).toBeGreaterThan(50);
  });
});
