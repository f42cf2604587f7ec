/**
 * `npm run bench:plant-scale -- [--orders 10000,50000] [--times 10,60] [--seed N] [--budget-only]`
 *
 * The plant-scale table of the README (issue 20): the benchmark plant of schedule.bench.ts (scalePlant, five
 * operations an order, 100 resources on two-shift calendars) planned first without a search budget, then
 * with the deterministic budget budgetFor gives each time limit, one search (the API's `workers: 1`). Prints
 * a markdown row per plant size: first plan weighted tardiness, after each time limit (with the change), the
 * iterations and the seconds the longest search took, and the 1-minute load average at the end (the machine
 * may be shared). `--budget-only` lifts the safety deadline (to 10 minutes): on a busy machine the work budget
 * alone then decides every plan, as it does on the quiet reference machine, and only the times show the load.
 */
import { loadavg } from "node:os";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import { problemSizeOf, searchSchedule } from "../solver/schedule/search-schedule.ts";
import type { ScheduleSearchResult } from "../solver/schedule/search-schedule.ts";
import { scalePlant } from "./schedule.bench.ts";

function option(name: string, fallback: string): number[] {
  const at = process.argv.indexOf(`--${name}`);
  return (at >= 0 ? process.argv[at + 1]! : fallback).split(",").map(Number);
}

const clock = () => performance.now();
const seed = option("seed", "1")[0]!;
const times = option("times", "10,60");
const budgetOnly = process.argv.includes("--budget-only");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

console.log(`| orders × 5 ops | first plan weighted tardiness | ${times.map((t) => `after ${t} s`).join(" | ")} | iterations | load |`);
console.log(`|---|---|${times.map(() => "---|").join("")}---|---|`);
for (const orders of option("orders", "10000")) {
  const request = scalePlant(orders);
  const run = (budget: Parameters<typeof searchSchedule>[1]["budget"]): ScheduleSearchResult => searchSchedule(request, { seed, budget, clock });
  const first = run({ workUnits: 0, deadlineMs: 600_000 });
  if (first.objective.length === 0) throw new Error(`no first plan for ${orders} orders: ${first.status} ${first.reason ?? ""}`);
  const cells: string[] = [];
  const iterations: string[] = [];
  for (const t of times) {
    const budget = budgetFor(t, problemSizeOf(request));
    const r = run(budgetOnly ? { ...budget, deadlineMs: 600_000 } : budget);
    iterations.push(String(r.iterations));
    // The safety deadline can come before the first plan on a busy machine.
    if (r.objective.length === 0) {
      cells.push(`no plan (${r.status} after ${(r.elapsedMs / 1000).toFixed(1)} s)`);
      continue;
    }
    const change = (100 * (r.objective[0]! - first.objective[0]!)) / Math.max(1, first.objective[0]!);
    cells.push(`${fmt(r.objective[0]!)} (${change.toFixed(1)} %, ${(r.elapsedMs / 1000).toFixed(1)} s${r.status === "timedout" ? ", timed out" : ""})`);
  }
  console.log(`| ${fmt(orders)} | ${fmt(first.objective[0]!)} (${(first.elapsedMs / 1000).toFixed(1)} s) | ${cells.join(" | ")} | ${iterations.join(" / ")} | ${loadavg()[0]!.toFixed(1)} |`);
}
