/**
 * The large-neighbourhood search of large plans (lns-dispatch.ts) on small plants: it never returns worse than its start, reaches a brute-force optimum on a tiny shop, is deterministic,
 * and every plan it produces through the search passes the independent validator.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScheduleRequest } from "../../../src/schedule.ts";
import { createRandom } from "../../../solver/random.ts";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { Decoder } from "../../../solver/schedule/decode-schedule.ts";
import { dispatchSchedule } from "../../../solver/schedule/dispatch-atc.ts";
import { K1_LADDER, ruleOfRound, searchDispatchRules } from "../../../solver/schedule/lns-dispatch.ts";
import { busyFactoryArb, MONDAY, randomFactory, randomFactoryArb, request, solve } from "./fixtures.ts";

/** The search on the compiled request from the plain dispatching plan (k1 = 2), as searchProblem starts it. */
function lnsFrom(req: ScheduleRequest, seed: number, workUnits: number, maxIterations?: number) {
  const compiled = compileProblem(req);
  if (!compiled.ok) throw new Error(compiled.reason);
  const decoder = new Decoder(compiled.compiled.problem);
  const random = createRandom(seed);
  const s = dispatchSchedule(decoder, { k1: 2, noise: 0 }, random);
  if (s === null || s === "stopped" || !decoder.decode(s)) return null;
  const start = decoder.objective.slice();
  const result = searchDispatchRules(decoder, { s, objective: start, k1: 2 }, seed, {
    random,
    workUnits,
    ...(maxIterations !== undefined ? { maxIterations } : {}),
    stopNow: () => false,
  });
  // The returned plan decodes to the objective claimed for it.
  expect(decoder.decode(result.best.s)).toBe(true);
  expect(decoder.objective).toEqual(result.best.objective);
  return { start, result };
}

/** Lexicographic comparison, written out here rather than borrowed from the engine. */
function lexCompare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Every permutation of 0 … n − 1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]));
}

describe("large-neighbourhood search", () => {
  it("reaches the brute-force optimum of weighted tardiness on one machine with five orders, which the first plan misses", () => {
    // One op each, 10 min a unit, no setups; the day shift starts 06:00, all 200 minutes fit before 14:00.
    // Due dates in minutes after 06:00.
    const jobs = [
      { qty: 6, priority: 2, due: 140 },
      { qty: 1, priority: 1, due: 110 },
      { qty: 2, priority: 1, due: 50 },
      { qty: 5, priority: 5, due: 90 },
      { qty: 6, priority: 2, due: 130 },
    ];
    const at = (minutes: number) => `${MONDAY}T${String(6 + Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    const req = request({
      resources: [{ id: "R", calendar: "day" }],
      routings: [{ item: "x", operations: [{ id: "op", resources: ["R"], runMinutesPerUnit: 10 }] }],
      orders: jobs.map((j, i) => ({ id: `o${i}`, item: "x", quantity: j.qty, priority: j.priority, due: at(j.due) })),
    });
    // Weight of priority p: 10^(5 − p) (the API's documented priority weights).
    let optimum = Infinity;
    for (const order of permutations(jobs.length)) {
      let t = 0;
      let cost = 0;
      for (const j of order) {
        t += 10 * jobs[j]!.qty;
        cost += 10 ** (5 - jobs[j]!.priority) * Math.max(0, t - jobs[j]!.due);
      }
      optimum = Math.min(optimum, cost);
    }
    const run = lnsFrom(req, 1, 1_000_000, 200)!;
    expect(run.start[0]).toBeGreaterThan(optimum);
    expect(run.result.best.objective[0]).toBe(optimum);
  });

  it("never returns worse than its start on random small factories, with any budget", () => {
    fc.assert(
      fc.property(randomFactoryArb, fc.integer({ min: 0, max: 40 }), (g, iterations) => {
        const run = lnsFrom(randomFactory(g), g.seed, 1_000_000, iterations);
        if (run === null) return;
        expect(lexCompare(run.result.best.objective, run.start)).toBeLessThanOrEqual(0);
        expect(run.result.iterations).toBeLessThanOrEqual(iterations);
      }),
      { seed: 20, numRuns: 60 },
    );
  });

  it("tries the look-ahead ladder first, each seed from another rung", () => {
    const random = createRandom(1);
    const first = (seed: number) => Array.from({ length: K1_LADDER.length }, (_, round) => ruleOfRound(round, seed, 2, random).k1);
    expect([...first(0)].sort()).toEqual([...K1_LADDER].sort());
    expect(first(1)[0]).toBe(first(0)[1]);
    expect(first(0).every((k1, i) => k1 === K1_LADDER[i])).toBe(true);
    // After the ladder, perturbations around the best look-ahead: k1 within ×/÷ e^0.5, some jitter.
    for (let round = K1_LADDER.length; round < K1_LADDER.length + 50; round++) {
      const rule = ruleOfRound(round, 0, 10, random);
      expect(rule.k1).toBeGreaterThanOrEqual(10 / Math.exp(0.5));
      expect(rule.k1).toBeLessThanOrEqual(10 * Math.exp(0.5));
      expect(rule.noise).toBeGreaterThanOrEqual(0);
      expect(rule.noise).toBeLessThan(0.3);
    }
  });
});

describe("the search with the large-neighbourhood search on (lnsAbove 0)", () => {
  // solve runs the independent validator on every plan.
  const solveWithLns = (req: ScheduleRequest, seed: number, workUnits: number) => solve(req, seed, workUnits, { lnsAbove: 0 });

  const validAndRepeatable = (arb: typeof randomFactoryArb, workUnits: number, seed: number, numRuns: number) =>
    fc.assert(
      fc.property(arb, (g) => {
        const req = randomFactory(g);
        const a = solveWithLns(req, g.seed, workUnits);
        const b = solveWithLns(req, g.seed, workUnits);
        expect(b.result.objective).toEqual(a.result.objective);
        expect(b.response.operations).toEqual(a.response.operations);
      }),
      { seed, numRuns },
    );

  it("produces plans the independent validator accepts, the same for the same seed and budget", () => validAndRepeatable(randomFactoryArb, 5_000, 21, 40));

  // With 100,000 units on busy factories the rounds stall and the windows (late-order-windows.ts) take over.
  it("produces valid, repeatable plans on busy factories too, with budgets that reach the windows", () => validAndRepeatable(busyFactoryArb, 100_000, 22, 30));
});
