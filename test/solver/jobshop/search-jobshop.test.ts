/**
 * Benchmark mode: optimal on job shops and flexible job shops small enough to enumerate, ft06 to its optimum
 * 55, and repeatable: the same seed and budget give the same plan, and an iteration cap gives the same plan
 * whatever the work budget and the clock.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JobShopInstance } from "../../../solver/jobshop/instance.ts";
import { parseOrLibrary } from "../../../solver/jobshop/parse-orlib.ts";
import { searchJobShop, toJobShopResponse } from "../../../solver/jobshop/search-jobshop.ts";
import type { JobShopResponse } from "../../../solver/jobshop/search-jobshop.ts";
import { checkJobShop } from "../../helpers/check-jobshop.ts";
import { FT06 } from "../../helpers/ft06.ts";

function solve(instance: JobShopInstance, workUnits: number, seed = 1, maxIterations?: number): JobShopResponse {
  const budget = { workUnits, deadlineMs: 60_000, ...(maxIterations !== undefined ? { maxIterations } : {}) };
  const result = searchJobShop(instance, { seed, budget, clock: () => 0 });
  const response = toJobShopResponse(instance, result, { elapsedMs: 0 });
  expect(checkJobShop(instance, response)).toEqual([]);
  return response;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** Optimal makespan by enumerating every order of the jobs on every machine (semi-active schedules). */
function bruteForceMakespan(instance: JobShopInstance): number {
  const m = instance.machineCount;
  const n = instance.jobs.length;
  let best = Infinity;
  const orders = permutations(Array.from({ length: n }, (_, j) => j));
  const visit = (machine: number, chosen: number[][]) => {
    if (machine === m) {
      // Simulate: repeatedly start any operation whose job and machine predecessors are done.
      const next = new Array<number>(n).fill(0);
      const jobFree = new Array<number>(n).fill(0);
      const machinePos = new Array<number>(m).fill(0);
      const machineFree = new Array<number>(m).fill(0);
      let progress = true;
      while (progress) {
        progress = false;
        for (let j = 0; j < n; j++) {
          const k = next[j]!;
          if (k >= instance.jobs[j]!.length) continue;
          const { machine: mm, time } = instance.jobs[j]![k]![0]!;
          if (chosen[mm]![machinePos[mm]!] !== j) continue;
          const start = Math.max(jobFree[j]!, machineFree[mm]!);
          jobFree[j] = machineFree[mm] = start + time;
          next[j] = k + 1;
          machinePos[mm] = machinePos[mm]! + 1;
          progress = true;
        }
      }
      if (next.every((k, j) => k === instance.jobs[j]!.length)) best = Math.min(best, Math.max(...jobFree));
      return;
    }
    for (const order of orders) visit(machine + 1, [...chosen, order]);
  };
  visit(0, []);
  return best;
}

/**
 * Optimal makespan of a tiny flexible job shop: every assignment of machines and every interleaving of the
 * jobs' routes, each list-scheduled (appended to its machine); the semi-active schedules are among these.
 */
function bruteForceFlexible(instance: JobShopInstance): number {
  const n = instance.jobs.length;
  let best = Infinity;
  const walk = (next: number[], jobFree: number[], machineFree: number[]) => {
    if (next.every((k, j) => k === instance.jobs[j]!.length)) return void (best = Math.min(best, Math.max(0, ...jobFree)));
    for (let j = 0; j < n; j++) {
      const k = next[j]!;
      if (k >= instance.jobs[j]!.length) continue;
      for (const { machine, time } of instance.jobs[j]![k]!) {
        const end = Math.max(jobFree[j]!, machineFree[machine]!) + time;
        walk(next.map((x, i) => (i === j ? x + 1 : x)), jobFree.map((x, i) => (i === j ? end : x)), machineFree.map((x, i) => (i === machine ? end : x)));
      }
    }
  };
  walk(new Array<number>(n).fill(0), new Array<number>(n).fill(0), new Array<number>(instance.machineCount).fill(0));
  return best;
}

describe("searchJobShop", () => {
  it("finds the enumerated optimum of random 3-job flexible job shops with 2 operations on up to 3 machines", () => {
    const alternative = fc.record({ machine: fc.integer({ min: 0, max: 2 }), time: fc.integer({ min: 1, max: 9 }) });
    const operation = fc.uniqueArray(alternative, { minLength: 1, maxLength: 2, selector: (a) => a.machine });
    const arb = fc.array(fc.array(operation, { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(arb, (jobs) => {
        const instance: JobShopInstance = { name: "tiny-flexible", machineCount: 3, jobs };
        expect(solve(instance, 200_000).makespan).toBe(bruteForceFlexible(instance));
      }),
      { seed: 17, numRuns: 40 },
    );
  });

  it("plans zero processing times and jobs that visit a machine twice feasibly", () => {
    const alternative = fc.record({ machine: fc.integer({ min: 0, max: 2 }), time: fc.integer({ min: 0, max: 3 }) });
    const operation = fc.uniqueArray(alternative, { minLength: 1, maxLength: 2, selector: (a) => a.machine });
    const arb = fc.array(fc.array(operation, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(arb, (jobs) => void solve({ name: "zero-times", machineCount: 3, jobs }, 100_000)),
      { seed: 23, numRuns: 100 },
    );
  });

  it("with an iteration cap gives the same plan whatever the work budget", () => {
    const instance = parseOrLibrary(FT06, "ft06");
    const capped = solve(instance, 1e12, 3, 400);
    expect(solve(instance, 1e13, 3, 400)).toEqual(capped);
  });

  it("stops at the safety deadline with its best plan so far, reported as timed out", () => {
    let now = 0;
    // Each clock reading advances a millisecond: the 50 ms deadline comes after about 50 iterations.
    const result = searchJobShop(parseOrLibrary(FT06, "ft06"), { seed: 1, budget: { workUnits: 1e12, deadlineMs: 50 }, clock: () => now++ });
    expect(result.status).toBe("timedout");
    expect(result.iterations).toBeLessThan(60);
    expect(checkJobShop(parseOrLibrary(FT06, "ft06"), toJobShopResponse(parseOrLibrary(FT06, "ft06"), result, { elapsedMs: 0 }))).toEqual([]);
  });

  it("finds the enumerated optimum of random 3-job 2-machine job shops", () => {
    const arb = fc.array(fc.record({ first: fc.nat(1), a: fc.integer({ min: 1, max: 9 }), b: fc.integer({ min: 1, max: 9 }) }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(arb, (jobs) => {
        const instance: JobShopInstance = {
          name: "tiny",
          machineCount: 2,
          jobs: jobs.map((j) => [[{ machine: j.first, time: j.a }], [{ machine: 1 - j.first, time: j.b }]]),
        };
        expect(solve(instance, 5_000).makespan).toBe(bruteForceMakespan(instance));
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it("solves ft06 to its optimum 55", () => {
    const response = solve(parseOrLibrary(FT06, "ft06"), 3_000_000);
    expect(response.makespan).toBe(55);
    expect(response.operations).toHaveLength(36);
  });

  it("uses the faster alternatives of a flexible job shop", () => {
    const instance: JobShopInstance = {
      name: "flex",
      machineCount: 2,
      jobs: [
        [[{ machine: 0, time: 4 }, { machine: 1, time: 4 }]],
        [[{ machine: 0, time: 4 }, { machine: 1, time: 9 }]],
      ],
    };
    const response = solve(instance, 5_000);
    expect(response.makespan).toBe(4);
    expect(response.status).toBe("optimal");
  });

  it("is deterministic for a seed", () => {
    const instance = parseOrLibrary(FT06, "ft06");
    expect(solve(instance, 200_000, 5)).toEqual(solve(instance, 200_000, 5));
  });

  it("is deterministic for a seed on flexible job shops too (incremental and full re-evaluation mixed)", () => {
    const alternative = fc.record({ machine: fc.integer({ min: 0, max: 3 }), time: fc.integer({ min: 1, max: 20 }) });
    const operation = fc.uniqueArray(alternative, { minLength: 1, maxLength: 3, selector: (a) => a.machine });
    const arb = fc.array(fc.array(operation, { minLength: 2, maxLength: 5 }), { minLength: 4, maxLength: 8 });
    fc.assert(
      fc.property(arb, fc.nat(1000), (jobs, seed) => {
        const instance: JobShopInstance = { name: "flexible", machineCount: 4, jobs };
        expect(solve(instance, 2_000_000, seed)).toEqual(solve(instance, 2_000_000, seed));
      }),
      { seed: 5, numRuns: 10 },
    );
  });
});
