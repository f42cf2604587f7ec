/**
 * Issue 20: how fast the tabu search iterates at plant scale, 10,000 orders × 5 operations (50,000 operations,
 * bench/schedule.bench.ts's scalePlant): compiled and constructed once, then each task runs a fixed number of
 * iterations from the first plan, with every neighbour decoded in full as before issue 20 and incrementally.
 * Iterations per second = iterations / the task's time; the task's name gives the work units (placed
 * operations) one iteration spent, measured by a first run.
 */
import type { Bench } from "tinybench";
import { compileProblem } from "../solver/schedule/compile-problem.ts";
import { Decoder } from "../solver/schedule/decode-schedule.ts";
import { dispatchSchedule } from "../solver/schedule/dispatch-atc.ts";
import { tabuSearch } from "../solver/schedule/tabu-search.ts";
import { createRandom } from "../solver/random.ts";
import { scalePlant } from "./schedule.bench.ts";

/** Runs `iterations` tabu iterations from the first plan of the 50,000-operation plant; returns the search's work. */
export function plantSearch(iterations: number, fullDecoding: boolean): () => number {
  const compiled = compileProblem(scalePlant(10_000));
  if (!compiled.ok) throw new Error(compiled.reason);
  const decoder = new Decoder(compiled.compiled.problem);
  const initial = dispatchSchedule(decoder, { k1: 2, noise: 0 }, createRandom(1));
  if (initial === null || initial === "stopped") throw new Error("no first plan");
  const clock = () => performance.now();
  return () =>
    tabuSearch(decoder, initial, { random: createRandom(1), workUnits: Infinity, maxIterations: iterations, deadline: Infinity, clock, isOptimal: () => false, fullDecoding }).work;
}

export function register(bench: Bench): void {
  const iterations = 20;
  for (const full of [true, false]) {
    const run = plantSearch(iterations, full);
    const perIteration = Math.round(run() / iterations);
    const how = full ? "every neighbour decoded in full (before issue 20)" : "incremental";
    bench.add(`tabu search 10,000 orders × 5 ops, ${iterations} iterations from the first plan, ${how} (${perIteration.toLocaleString("en-US")} work units per iteration)`, run);
  }
}
