/**
 * Measurement for issue 20's "let workers share their best solutions": K searches run independently (today's
 * `workers`), against the same K searches in R epochs where every search continues the next epoch from the
 * best plan of all (ties to the lowest seed), each with its own random stream. Simulated serially in one
 * thread: the budgets are work units (no wall clock decides), so the outcome is what the pool would give.
 * The README's table (Plant scale) comes from it: sharing did not measurably help, so the pool does not share.
 *
 * `node bin/bench.mjs share-search [--plants steel,annealing,appliance,200,500,1000] [--seeds 1,3,5,7] [--time 5 | --work N]
 * [--rounds 4] [--workers 2] [--iterations N] [--own]`; `--own`: the control, the same epochs without sharing.
 */
import { parseArgs } from "node:util";
import type { ScheduleRequest } from "../src/schedule.ts";
import { createRandom } from "../solver/random.ts";
import { Decoder } from "../solver/schedule/decode-schedule.ts";
import { meetsLowerBound, objectiveLowerBound } from "../solver/schedule/lower-bound.ts";
import { compareObjectives } from "../solver/schedule/objective.ts";
import { pickBest } from "../solver/schedule/pick-best.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import type { SearchBudget } from "../solver/schedule/search-budget.ts";
import { problemSizeOf, runScheduleSearch } from "../solver/schedule/search-schedule.ts";
import { sequencingFromPlan } from "../solver/schedule/sequencing-from-plan.ts";
import { tabuSearch } from "../solver/schedule/tabu-search.ts";
import { demoPlant, scalePlant } from "./schedule.bench.ts";

const { values } = parseArgs({
  options: {
    plants: { type: "string", default: "steel,annealing,appliance,200,500,1000" },
    seeds: { type: "string", default: "1,3,5,7" },
    time: { type: "string", default: "5" },
    // Work units a search, instead of what budgetFor gives `time` (its calibration changes).
    work: { type: "string" },
    rounds: { type: "string", default: "4" },
    workers: { type: "string", default: "2" },
    iterations: { type: "string" },
    // The control: the same epochs, each search continuing from its own best (what the restarts alone do).
    own: { type: "boolean", default: false },
  },
});
const clock = () => performance.now();
const time = Number(values.time);
const rounds = Number(values.rounds);
const workers = Number(values.workers);
const seeds = values.seeds.split(",").map(Number);
const maxIterations = values.iterations === undefined ? undefined : Number(values.iterations);
const share = !values.own;

function plant(name: string): ScheduleRequest {
  const file = ({ steel: "steel-plant", annealing: "steel-plant-annealing", appliance: "appliance-plant" } as const)[name as "steel"];
  if (file !== undefined) return demoPlant(file);
  // Due dates packed into a few days, so that the plan is late and the search has something to improve.
  const orders = Number(name);
  const base = scalePlant(orders, Math.max(10, Math.round(orders / 20 / 5) * 5));
  const days = 3 + Math.round(orders / 333);
  return { ...base, orders: base.orders.map((o, i) => ({ ...o, due: new Date(Date.UTC(2026, 2, 4 + ((i * 11) % days), 14)).toISOString().slice(0, 16) })) };
}

const fmt = (o: number[]) => o.map((v) => Math.round(v)).join("/");

for (const name of values.plants.split(",")) {
  const request = plant(name);
  const full = values.work === undefined ? budgetFor(time, problemSizeOf(request)) : { workUnits: Number(values.work) };
  // Work units and iterations, never the clock: the outcome does not depend on the machine's load.
  const budget = (fraction: number): SearchBudget => ({
    workUnits: Math.floor(full.workUnits * fraction),
    deadlineMs: 1e9,
    ...(maxIterations !== undefined ? { maxIterations: Math.floor(maxIterations * fraction) } : {}),
  });
  const rows: string[] = [];
  let wins = 0;
  let losses = 0;
  for (const seed of seeds) {
    const t0 = clock();
    const independent = pickBest(Array.from({ length: workers }, (_, i) => runScheduleSearch(request, { seed: seed + i, budget: budget(1), clock }).result));
    const t1 = clock();
    // Epoch 0: construction and the first share of the tabu search, as today.
    const first = Array.from({ length: workers }, (_, i) => runScheduleSearch(request, { seed: seed + i, budget: budget(1 / rounds), clock }));
    const problem = first[0]!.compiled!.problem;
    const bound = objectiveLowerBound(problem);
    let bests = first.map(({ result }) => ({ objective: result.objective, s: sequencingFromPlan(problem, result.schedule!.machine, result.schedule!.start, result.schedule!.position) }));
    for (let round = 1; round < rounds; round++) {
      const leader = pickBest(bests);
      bests = bests.map((own, i) => {
        const from = !share || compareObjectives(own.objective, leader.objective) <= 0 ? own : leader;
        const decoder = new Decoder(problem);
        const r = tabuSearch(decoder, from.s, {
          random: createRandom((seed + i) * 1000 + round),
          workUnits: budget(1 / rounds).workUnits,
          ...(maxIterations !== undefined ? { maxIterations: Math.floor(maxIterations / rounds) } : {}),
          deadline: Infinity,
          clock,
          isOptimal: (o) => meetsLowerBound(problem, bound, o),
        });
        return { objective: r.bestObjective, s: r.best };
      });
    }
    const shared = pickBest(bests);
    const c = compareObjectives(shared.objective, independent.objective);
    if (c < 0) wins++;
    if (c > 0) losses++;
    const change = (100 * (shared.objective[0]! - independent.objective[0]!)) / Math.max(1, independent.objective[0]!);
    rows.push(`seed ${seed}: independent ${fmt(independent.objective)} (${((t1 - t0) / 1000).toFixed(1)} s) shared ${fmt(shared.objective)} (${((clock() - t1) / 1000).toFixed(1)} s) ${change.toFixed(2)} %`);
  }
  console.log(`${name} (${problemSizeOf(request).operations} ops, ${full.workUnits.toLocaleString("en-US")} work units a search, ${rounds} rounds${share ? "" : ", each from its own best"}): shared better ${wins}, worse ${losses}, of ${seeds.length}`);
  for (const row of rows) console.log(`  ${row}`);
}
