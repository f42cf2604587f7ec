/**
 * Incremental evaluation (issue 20) against the full decode: on random small factories (calendars with
 * breaks and night shifts, setup matrices, alternatives, parallel units, minimum gaps, uninterruptible
 * operations, releases, due-date buffers, frozen operations) and chains of random relocations, re-timing
 * after a move gives exactly the full decode's starts, ends, changeovers, critical links, completions and
 * objective; a move the full decode rejects (a cycle) is never accepted; undo restores the schedule before
 * the move; and the tabu search takes the same moves either way. fast-check with fixed seeds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { cloneSequencing, Decoder } from "../../../solver/schedule/decode-schedule.ts";
import type { Sequencing } from "../../../solver/schedule/decode-schedule.ts";
import { dispatchSchedule } from "../../../solver/schedule/dispatch-atc.ts";
import { IncrementalDecoder, incrementalApplies } from "../../../solver/schedule/incremental-decode.ts";
import { FREE } from "../../../solver/schedule/problem.ts";
import type { SchedulingProblem } from "../../../solver/schedule/problem.ts";
import { relocate } from "../../../solver/schedule/relocate.ts";
import { tabuSearch } from "../../../solver/schedule/tabu-search.ts";
import type { Relocation } from "../../../solver/schedule/relocate.ts";
import { createRandom } from "../../../solver/random.ts";
import type { Random } from "../../../solver/random.ts";
import { parseDateTime } from "../../../src/time.ts";
import { MONDAY, randomFactory, randomFactoryArb } from "./fixtures.ts";
import type { RandomFactory } from "./fixtures.ts";

/** The random factories without the rules that always decode in full (split lots, transfer batches, maximum waits), and with work in every operation. */
const factoryArb = randomFactoryArb.map(
  (g): RandomFactory => ({ ...g, routings: g.routings.map((ops) => ops.map((o) => ({ ...o, run: Math.max(1, o.run), transfer: null, split: null, wait: null }))) }),
);

/** A random relocation of a free operation: to a unit of one of its alternatives, at any position. */
function randomMove(p: SchedulingProblem, s: Sequencing, random: Random): Relocation | null {
  const free = [...s.machineOf.keys()].filter((op) => p.opState[op] === FREE && s.machineOf[op]! >= 0);
  if (free.length === 0) return null;
  const op = free[random.int(free.length)]!;
  const machines: number[] = [];
  for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
    const r = p.resources[p.altResource[a]!]!;
    for (let u = 0; u < r.units; u++) machines.push(r.firstMachine + u);
  }
  const machine = machines[random.int(machines.length)]!;
  const length = s.seq[machine]!.length - (machine === s.machineOf[op] ? 1 : 0);
  return { op, machine, pos: random.int(length + 1) };
}

/** What a decode leaves that the search reads: times, critical links, completions and objective. */
function snapshot(d: Decoder, p: SchedulingProblem) {
  const free = (a: ArrayLike<number>) => Array.from(a).filter((_, op) => p.opState[op] === FREE);
  return {
    start: free(d.start),
    end: free(d.end),
    changeover: free(d.changeover),
    machTight: free(d.machTight),
    jobTight: free(d.jobTight),
    tightPred: free(d.tightPred),
    completion: Array.from(d.completion),
    objective: d.objective.slice(),
  };
}

function checkMoves(problem: SchedulingProblem, seed: number, moves: number): { accepted: number; retimed: number; cycles: number } {
  const incremental = new Decoder(problem);
  const full = new Decoder(problem);
  expect(incrementalApplies(incremental)).toBe(true);
  const random = createRandom(seed);
  const first = dispatchSchedule(incremental, { k1: 2, noise: 0.3 }, random);
  // The calendars' horizon too short for the plan: nothing to move.
  if (first === null || first === "stopped") return { accepted: 0, retimed: 0, cycles: 0 };
  const s = cloneSequencing(first);
  expect(incremental.decode(s)).toBe(true);
  const inc = new IncrementalDecoder(incremental);
  let accepted = 0;
  let retimed = 0;
  let cycles = 0;
  for (let k = 0; k < moves; k++) {
    const move = randomMove(problem, s, random);
    if (move === null) break;
    const before = snapshot(incremental, problem);
    const undo = relocate(s, move);
    const ok = inc.retime(s, undo);
    const decodes = full.decode(s);
    // A sequencing the full decode rejects is never accepted incrementally; a cycle is found as one, and only a
    // sequencing that does not decode (the full decode may run past the calendars' horizon before it meets the cycle).
    if (!decodes) expect(ok).toBe(false);
    if (!decodes && full.failure === "cycle") expect(inc.cyclic).toBe(true);
    if (inc.cyclic) expect(decodes).toBe(false);
    if (inc.cyclic) cycles++;
    if (ok) {
      retimed++;
      expect(snapshot(incremental, problem)).toEqual(snapshot(full, problem));
    }
    if (ok && random.int(2) === 0) {
      accepted++;
      continue;
    }
    inc.undo();
    relocate(s, undo);
    expect(snapshot(incremental, problem)).toEqual(before);
  }
  return { accepted, retimed, cycles };
}

describe("incremental evaluation", () => {
  it("re-times random moves exactly as the full decode does (random factories)", () => {
    let retimed = 0;
    let cycles = 0;
    fc.assert(
      fc.property(factoryArb, fc.nat(1000), (g, seed) => {
        const compiled = compileProblem(randomFactory(g));
        if (!compiled.ok) return;
        const counts = checkMoves(compiled.compiled.problem, seed, 30);
        retimed += counts.retimed;
        cycles += counts.cycles;
      }),
      { seed: 2020, numRuns: 120 },
    );
    // The property is about something: most moves were re-timed, not left to the full decode.
    expect(retimed).toBeGreaterThan(1000);
    expect(cycles).toBeGreaterThan(10);
  });

  it("re-times exactly around frozen operations", () => {
    fc.assert(
      fc.property(factoryArb, fc.nat(1000), fc.integer({ min: 0, max: 600 }), (g, seed, at) => {
        const req = randomFactory(g);
        const routing = req.routings.find((r) => r.item === req.orders[0]!.item)!;
        const resource = routing.operations[0]!.resources[0]!;
        const start = parseDateTime(`${MONDAY}T06:00`)! + at;
        const frozen = [{ order: req.orders[0]!.id, operation: routing.operations[0]!.id, resource, unit: 0, start, end: start + 90 }];
        const compiled = compileProblem(req, undefined, frozen);
        if (!compiled.ok) return;
        checkMoves(compiled.compiled.problem, seed, 20);
      }),
      { seed: 2021, numRuns: 60 },
    );
  });
});

describe("tabu search with incremental evaluation", () => {
  it("takes the same moves as with full decoding: the same best plan at the same seed", () => {
    fc.assert(
      fc.property(factoryArb, fc.nat(1000), (g, seed) => {
        const compiled = compileProblem(randomFactory(g));
        if (!compiled.ok) return;
        const problem = compiled.compiled.problem;
        const runs = [true, false].map((fullDecoding) => {
          const decoder = new Decoder(problem);
          const first = dispatchSchedule(decoder, { k1: 2, noise: 0 }, createRandom(seed));
          if (first === null || first === "stopped") return null;
          const control = { random: createRandom(seed), workUnits: Infinity, maxIterations: 60, deadline: Infinity, clock: () => 0, isOptimal: () => false, fullDecoding };
          const result = tabuSearch(decoder, first, control);
          return { objective: result.bestObjective, iterations: result.iterations, seq: result.best.seq };
        });
        expect(runs[1]).toEqual(runs[0]);
      }),
      { seed: 2022, numRuns: 40 },
    );
  });
});
