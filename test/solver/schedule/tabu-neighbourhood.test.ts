/**
 * The tabu search's neighbourhood (tabu-neighbourhood.ts) builds the moves after the block ends only when they
 * can be kept, and skips its loop over the critical operations when that loop would draw nothing: on random
 * factories (with few and with many units per resource) it gives the same moves and leaves the random stream
 * where the full loop leaves it, and with no limit it gives every move, counted here independently (block ends,
 * interior swaps, each critical operation to each other unit at the position of its start, by a linear count).
 * fast-check with fixed seeds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { criticalPaths } from "../../../solver/schedule/critical-path.ts";
import { Decoder } from "../../../solver/schedule/decode-schedule.ts";
import type { Sequencing } from "../../../solver/schedule/decode-schedule.ts";
import { dispatchSchedule } from "../../../solver/schedule/dispatch-atc.ts";
import type { Relocation } from "../../../solver/schedule/relocate.ts";
import { fewUnits, neighbourhood } from "../../../solver/schedule/tabu-neighbourhood.ts";
import { createRandom } from "../../../solver/random.ts";
import { randomFactory, randomFactoryArb } from "./fixtures.ts";
import type { RandomFactory } from "./fixtures.ts";

/** Random factories, some with four times the units: more than six other units to sample from. */
const factoryArb = fc.tuple(randomFactoryArb, fc.boolean()).map(([g, many]): RandomFactory => (many ? { ...g, resources: g.resources.map((r) => ({ ...r, units: 4 * r.units })) } : g));

/** A decoded first plan of the factory, or null when it has none. */
function firstPlan(g: RandomFactory, seed: number): { decoder: Decoder; s: Sequencing } | null {
  const compiled = compileProblem(randomFactory(g));
  if (!compiled.ok) return null;
  const decoder = new Decoder(compiled.compiled.problem);
  const s = dispatchSchedule(decoder, { k1: 2, noise: 0.3 }, createRandom(seed));
  if (s === null || s === "stopped" || !decoder.decode(s)) return null;
  return { decoder, s };
}

/** Every move of the neighbourhood without a limit, from the critical tree, by definition. */
function everyMove(decoder: Decoder, s: Sequencing): Relocation[] {
  const p = decoder.problem;
  const { blocks, ops } = criticalPaths(decoder, s, new Uint8Array(p.opCount));
  const moves: Relocation[] = [];
  for (const { machine, first, last } of blocks) {
    const list = s.seq[machine]!;
    moves.push({ op: list[first + 1]!, machine, pos: first });
    if (last > first + 1) moves.push({ op: list[last]!, machine, pos: last - 1 }, { op: list[last]!, machine, pos: first }, { op: list[first]!, machine, pos: last });
  }
  if (p.objective !== "makespan") for (const { machine, first, last } of blocks) for (let i = first + 1; i < last - 1; i++) moves.push({ op: s.seq[machine]![i + 1]!, machine, pos: i });
  for (const op of ops) {
    for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
      const r = p.resources[p.altResource[a]!]!;
      for (let machine = r.firstMachine; machine < r.firstMachine + r.units; machine++) {
        if (machine === s.machineOf[op]) continue;
        const pos = s.seq[machine]!.filter((other) => decoder.start[other]! < decoder.start[op]!).length;
        moves.push({ op, machine, pos });
      }
    }
  }
  return moves;
}

describe("tabu neighbourhood", () => {
  it("gives the same moves and random draws with its loop skipped as with it run", () => {
    let skipped = 0;
    fc.assert(
      fc.property(factoryArb, fc.nat(1000), fc.constantFrom(1, 2, 4, 8, 40), (g, seed, limit) => {
        const plan = firstPlan(g, seed);
        if (plan === null) return;
        const { decoder, s } = plan;
        const critical = new Uint8Array(decoder.problem.opCount);
        const [lazy, full] = [createRandom(seed), createRandom(seed)];
        const drawless = fewUnits(decoder.problem);
        const moves = neighbourhood(decoder, s, critical, lazy, limit, drawless);
        expect(moves).toEqual(neighbourhood(decoder, s, critical, full, limit, false));
        expect(lazy.int(1_000_000)).toBe(full.int(1_000_000));
        if (drawless && moves.length === limit) skipped++;
      }),
      { seed: 2026, numRuns: 150 },
    );
    // The skip happened, not only the loop.
    expect(skipped).toBeGreaterThan(10);
  });

  it("with no limit gives every block-end move, interior swap and reassignment (few units: nothing sampled)", () => {
    let reassignments = 0;
    fc.assert(
      fc.property(randomFactoryArb, fc.nat(1000), (g, seed) => {
        const plan = firstPlan(g, seed);
        if (plan === null || !fewUnits(plan.decoder.problem)) return;
        const { decoder, s } = plan;
        const moves = neighbourhood(decoder, s, new Uint8Array(decoder.problem.opCount), createRandom(seed), Infinity, true);
        expect(moves).toEqual(everyMove(decoder, s));
        reassignments += moves.filter((m) => m.machine !== s.machineOf[m.op]).length;
      }),
      { seed: 2027, numRuns: 100 },
    );
    expect(reassignments).toBeGreaterThan(100);
  });

  it("counts operations with more than six other units as sampled (draws)", () => {
    const base = fc.sample(randomFactoryArb, { seed: 5, numRuns: 1 })[0]!;
    const one = (units: number) => ({ ...base, resources: base.resources.map((r) => ({ ...r, units })) });
    const problem = (g: RandomFactory) => {
      const compiled = compileProblem(randomFactory(g));
      if (!compiled.ok) throw new Error(compiled.reason);
      return compiled.compiled.problem;
    };
    expect(fewUnits(problem(one(1)))).toBe(true);
    expect(fewUnits(problem(one(8)))).toBe(false);
  });
});
