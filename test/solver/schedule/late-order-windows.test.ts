/**
 * Window-by-window re-optimisation of large plans (late-order-windows.ts, large-plan-search.ts) on small
 * generated plants: the objective it claims is the full decode's of the plan it returns (its moves are
 * evaluated exactly), every move it keeps improves the whole plan, it never returns worse than its start, it
 * is deterministic under the same budget, and every plan the search produces with it passes the independent
 * validator (lns-dispatch.test.ts checks that on busy random factories too). fast-check with fixed seeds; no timing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScheduleRequest } from "../../../src/schedule.ts";
import { createRandom } from "../../../solver/random.ts";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { Decoder } from "../../../solver/schedule/decode-schedule.ts";
import type { Sequencing } from "../../../solver/schedule/decode-schedule.ts";
import { dispatchSchedule } from "../../../solver/schedule/dispatch-atc.ts";
import { STALL_ROUNDS, searchLargePlan } from "../../../solver/schedule/large-plan-search.ts";
import { incrementalApplies } from "../../../solver/schedule/incremental-decode.ts";
import { improveLateWindows } from "../../../solver/schedule/late-order-windows.ts";
import { searchDispatchRules } from "../../../solver/schedule/lns-dispatch.ts";
import { scalePlant } from "../../../bench/schedule.bench.ts";
import { busyFactoryArb, randomFactory, randomFactoryArb, solve } from "./fixtures.ts";

/** A small benchmark plant (bench/schedule.bench.ts) whose orders are all due within the first days, so that many are late. */
function latePlant(orders: number): ScheduleRequest {
  const plant = scalePlant(orders, 10);
  return { ...plant, orders: plant.orders.map((o, i) => ({ ...o, due: `2026-03-0${3 + (i % 5)}T14:00` })) };
}

/** Lexicographic comparison, written out here rather than borrowed from the engine. */
function lexCompare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The compiled request and its plain dispatching plan, decoded (null when the calendars' horizon is too short). */
function firstPlan(req: ScheduleRequest) {
  const compiled = compileProblem(req);
  if (!compiled.ok) throw new Error(compiled.reason);
  const decoder = new Decoder(compiled.compiled.problem);
  const s = dispatchSchedule(decoder, { k1: 2, noise: 0 }, createRandom(1));
  if (s === null || s === "stopped" || !decoder.decode(s)) return null;
  return { decoder, s, objective: decoder.objective.slice() };
}

/** The objective of s decoded in full by a decoder of its own. */
function decodedObjective(decoder: Decoder, s: Sequencing): number[] {
  const fresh = new Decoder(decoder.problem);
  expect(fresh.decode(s)).toBe(true);
  return fresh.objective;
}

describe("late-order windows", () => {
  it("claim the full decode's objective, keep only improving moves, never return worse, and repeat under the same budget", () => {
    let improvedRuns = 0;
    fc.assert(
      fc.property(busyFactoryArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 200, max: 20_000 }), (g, windows, workUnits) => {
        const first = firstPlan(randomFactory(g));
        if (first === null) return;
        const { decoder, s, objective } = first;
        const reported: number[][] = [];
        const control = { workUnits, maxIterations: windows, stopNow: () => false };
        const result = improveLateWindows(decoder, s, { ...control, onImprovement: (_, best) => reported.push(best.slice()) });
        expect(result.completed).toBe(true);
        expect(result.iterations).toBeLessThanOrEqual(windows);
        expect(decodedObjective(decoder, result.best)).toEqual(result.objective);
        expect(lexCompare(result.objective, objective)).toBeLessThanOrEqual(0);
        // Each kept move improved the whole plan's objective; the last one is the result.
        [objective, ...reported].forEach((o, k, all) => k > 0 && expect(lexCompare(o, all[k - 1]!)).toBeLessThan(0));
        if (reported.length > 0) (improvedRuns++, expect(reported.at(-1)).toEqual(result.objective));
        const again = improveLateWindows(decoder, s, control);
        expect(again.objective).toEqual(result.objective);
        expect(again.best.seq).toEqual(result.best.seq);
        expect(Array.from(again.best.machineOf)).toEqual(Array.from(result.best.machineOf));
      }),
      { seed: 2020, numRuns: 80 },
    );
    // The property above holds trivially for a search that moves nothing: it must improve some plans.
    expect(improvedRuns).toBeGreaterThan(5);
  });

  it("improve the plan the dispatching rounds have converged on, in a plant with many late orders", () => {
    const first = firstPlan(latePlant(150))!;
    const { decoder, s, objective } = first;
    const control = { random: createRandom(1), workUnits: 5_000_000, stopNow: () => false };
    const rounds = searchDispatchRules(decoder, { s, objective, k1: 2 }, 1, { ...control, stallRounds: STALL_ROUNDS });
    expect(rounds.stalled).toBe(true);
    const windows = improveLateWindows(decoder, rounds.best.s, { workUnits: 5_000_000, stopNow: () => false });
    expect(lexCompare(windows.objective, rounds.best.objective)).toBeLessThan(0);
    expect(decodedObjective(decoder, windows.best)).toEqual(windows.objective);
  });

  it("leave a stalled round count of exactly STALL_ROUNDS rounds without improvement", () => {
    const first = firstPlan(latePlant(150))!;
    const { decoder, s, objective } = first;
    let last = 0;
    const rounds = searchDispatchRules(decoder, { s, objective, k1: 2 }, 1, {
      random: createRandom(1),
      workUnits: 5_000_000,
      stallRounds: STALL_ROUNDS,
      stopNow: () => false,
      onImprovement: (round) => (last = round),
    });
    expect(rounds.stalled).toBe(true);
    expect(rounds.iterations - last).toBe(STALL_ROUNDS);
  });
});

describe("the large-plan search with windows (lnsAbove 0)", () => {
  // solve runs the independent validator on every plan.
  const solveLarge = (req: ScheduleRequest, seed: number, workUnits: number, maxIterations?: number) =>
    solve(req, seed, workUnits, { lnsAbove: 0, ...(maxIterations !== undefined ? { maxIterations } : {}) });

  it("on a plant with many late orders: passes the validator, and maxIterations repeats a plan", () => {
    const req = latePlant(150);
    solveLarge(req, 1, 5_000_000);
    const capped = solveLarge(req, 1, 5_000_000, STALL_ROUNDS + 20);
    expect(capped.result.iterations).toBeLessThanOrEqual(STALL_ROUNDS + 20);
    expect(solveLarge(req, 1, 5_000_000, STALL_ROUNDS + 20).response.operations).toEqual(capped.response.operations);
  });

  it("leaves the budget to the rounds where re-timing a move is not exact (split lots, transfer batches, maximum waits, no work)", () => {
    let checked = 0;
    fc.assert(
      fc.property(randomFactoryArb, (g) => {
        const first = firstPlan(randomFactory(g));
        if (first === null || incrementalApplies(first.decoder)) return;
        checked++;
        const start = { s: first.s, objective: first.objective, k1: 2 };
        const control = () => ({ random: createRandom(g.seed), workUnits: 50_000, stopNow: () => false });
        const roundsOnly = searchDispatchRules(first.decoder, start, g.seed, control());
        const large = searchLargePlan(first.decoder, start, g.seed, control());
        expect(large.iterations).toBe(roundsOnly.iterations);
        expect(large.best.objective).toEqual(roundsOnly.best.objective);
      }),
      { seed: 23, numRuns: 40 },
    );
    expect(checked).toBeGreaterThan(10);
  });

  it("beats the rounds alone from the same start, seed and budget", () => {
    const first = firstPlan(latePlant(150))!;
    const start = { s: first.s, objective: first.objective, k1: 2 };
    const control = () => ({ random: createRandom(1), workUnits: 3_000_000, stopNow: () => false });
    const roundsOnly = searchDispatchRules(first.decoder, start, 1, control());
    const withWindows = searchLargePlan(first.decoder, start, 1, control());
    expect(lexCompare(withWindows.best.objective, roundsOnly.best.objective)).toBeLessThan(0);
    expect(withWindows.work).toBeLessThanOrEqual(3_000_000);
    expect(decodedObjective(first.decoder, withWindows.best.s)).toEqual(withWindows.best.objective);
  });
});
