/**
 * The N6 and reassignment neighbourhoods on small random (flexible) job shops, against full evaluation:
 * every move keeps the plan acyclic, the estimate of an adjacent swap (N5) never exceeds the makespan the move
 * really gives, and a
 * reassignment's estimate never falls below the longest path through the moved operation afterwards.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../solver/random.ts";
import { constructPlan } from "../../../solver/jobshop/construct-jobshop.ts";
import { criticalBlocks } from "../../../solver/jobshop/critical-blocks.ts";
import { JobShopGraph } from "../../../solver/jobshop/disjunctive-graph.ts";
import type { JobShopInstance } from "../../../solver/jobshop/instance.ts";
import { n6Moves, SegmentScratch } from "../../../solver/jobshop/n6-moves.ts";
import type { JobShopMove } from "../../../solver/jobshop/n6-moves.ts";
import { reassignMoves } from "../../../solver/jobshop/reassign-moves.ts";

/** Random instances: 2–5 jobs of 1–4 operations on 2–4 machines, 1–3 alternatives each, times 1–9. */
const instances = (maxAlternatives: number) =>
  fc
    .record({ machines: fc.integer({ min: 2, max: 4 }), seed: fc.nat() })
    .chain(({ machines, seed }) =>
      fc.record({
        seed: fc.constant(seed),
        instance: fc.array(
          fc.array(fc.uniqueArray(fc.record({ machine: fc.integer({ min: 0, max: machines - 1 }), time: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: maxAlternatives, selector: (a) => a.machine }), { minLength: 1, maxLength: 4 }),
          { minLength: 2, maxLength: 5 },
        ).map((jobs): JobShopInstance => ({ name: "random", machineCount: machines, jobs })),
      }),
    );

/** A random plan: list scheduling with noise. */
function randomPlan(instance: JobShopInstance, seed: number): JobShopGraph {
  const graph = new JobShopGraph(instance);
  constructPlan(graph, createRandom(seed), 2);
  return graph;
}

/** Applies the move to a copy of the plan and evaluates it; null when it has a cycle. */
function applied(instance: JobShopInstance, graph: JobShopGraph, move: JobShopMove): JobShopGraph | null {
  const copy = new JobShopGraph(instance);
  copy.restore(graph.snapshot());
  copy.move(move.op, move.alternative, move.after);
  return copy.evaluate() ? copy : null;
}

/** Machine orders as lists, to check the move put the operation where it says. */
function machineOrder(graph: JobShopGraph, machine: number): number[] {
  const order: number[] = [];
  for (let o = graph.first[machine]!; o >= 0; o = graph.machNext[o]!) order.push(o);
  return order;
}

describe("N6 moves", () => {
  it("keep the plan acyclic and move the operation across exactly the operations they pass; adjacent swaps never overestimate the makespan", () => {
    let checked = 0;
    fc.assert(
      fc.property(instances(1), ({ instance, seed }) => {
        const graph = randomPlan(instance, seed);
        const random = createRandom(seed);
        for (let path = 0; path < 3; path++) {
          for (const move of n6Moves(graph, new SegmentScratch(graph.opCount), criticalBlocks(graph, random))) {
            const after = applied(instance, graph, move);
            expect(after).not.toBeNull();
            if (move.passed.length === 1) expect(move.estimate).toBeLessThanOrEqual(after!.makespan);
            const before = machineOrder(graph, graph.machine[move.op]!);
            const order = machineOrder(after!, graph.machine[move.op]!);
            for (const y of move.passed) {
              expect(before.indexOf(y) > before.indexOf(move.op)).toBe(move.forward);
              expect(order.indexOf(y) > order.indexOf(move.op)).toBe(!move.forward);
            }
            checked++;
          }
        }
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(300);
  });

  it("are the block-end insertions: every critical block of two or more operations offers its N5 swaps", () => {
    fc.assert(
      fc.property(instances(1), ({ instance, seed }) => {
        const graph = randomPlan(instance, seed);
        const blocks = criticalBlocks(graph, createRandom(seed));
        const moves = n6Moves(graph, new SegmentScratch(graph.opCount), blocks);
        for (const block of blocks.filter((b) => b.length >= 2)) {
          // Swapping the first two and the last two operations of a block is always acyclic (N5).
          const swaps = [[block[0]!, block[1]!], [block.at(-2)!, block.at(-1)!]];
          // (Unless both belong to one job: a job that visits the machine twice keeps its route.)
          for (const [u, v] of swaps) expect(moves.some((m) => m.op === u && m.after === v && m.forward)).toBe(graph.job[u!] !== graph.job[v!]);
        }
        // A critical path's blocks cover it from time 0 to the makespan.
        const path = blocks.flat();
        expect(graph.head[path[0]!]).toBe(0);
        expect(graph.head[path.at(-1)!]! + graph.time[path.at(-1)!]!).toBe(graph.makespan);
        expect(path.reduce((s, o) => s + graph.time[o]!, 0)).toBe(graph.makespan);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe("reassignment moves", () => {
  it("keep the plan acyclic and bound the longest path through the moved operation from above", () => {
    let checked = 0;
    fc.assert(
      fc.property(instances(3), ({ instance, seed }) => {
        const graph = randomPlan(instance, seed);
        const moves: JobShopMove[] = [];
        reassignMoves(graph, criticalBlocks(graph, createRandom(seed)), moves, { positions: 0 });
        for (const move of moves) {
          expect(graph.altMachine[move.alternative]).not.toBe(graph.machine[move.op]);
          const after = applied(instance, graph, move);
          expect(after).not.toBeNull();
          const o = move.op;
          expect(move.estimate).toBeGreaterThanOrEqual(after!.head[o]! + after!.time[o]! + after!.tail[o]!);
          checked++;
        }
      }),
      { seed: 5, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
