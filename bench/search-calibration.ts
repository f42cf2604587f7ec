/**
 * `npm run bench:calibration -- [--time-limit 5] [--seed 1]`
 *
 * How much of its time limit a default schedule search works (issue 20, "use the time"): for the demo plants
 * and generated plants up to LARGE_PLAN_OPERATIONS, one search (the API runs one per worker thread, each on a
 * core of its own) with the work budget budgetFor gives the time limit and no safety deadline, so it ends on
 * its budget as on a quiet machine. The search's CPU time is what it takes with a core to itself; "share" is
 * that time over the limit, "units/s" the budget over that time: the calendar rate (DECODE_RATE.calendars)
 * should stay below the slowest plant's, so no search needs more than the limit's safety deadline, and near it,
 * so searches use most of their time.
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { ScheduleRequest } from "../src/schedule.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import { problemSizeOf, searchSchedule } from "../solver/schedule/search-schedule.ts";
import { demoPlant, pooledPlant, scalePlant, shopFloorPlant } from "./schedule.bench.ts";

const { values } = parseArgs({ options: { "time-limit": { type: "string", default: "5" }, seed: { type: "string", default: "1" } } });
const timeLimit = Number(values["time-limit"]);
const seed = Number(values.seed);
const plants: Array<[string, () => ScheduleRequest]> = [
  ["steel-plant.json (material)", () => demoPlant("steel-plant")],
  ["steel-plant-annealing.json (pools, batches)", () => demoPlant("steel-plant-annealing")],
  ["appliance-plant.json", () => demoPlant("appliance-plant")],
  ["scalePlant(100)", () => scalePlant(100, 20)],
  ["scalePlant(400)", () => scalePlant(400, 40)],
  ["scalePlant(1000)", () => scalePlant(1000)],
  ["shopFloorPlant(400)", () => shopFloorPlant(400, 40)],
  ["pooledPlant(400)", () => pooledPlant(400, 40)],
];
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

console.log(`| plant | operations | work units (${timeLimit} s) | status | iterations | cpu s | share of the limit | units/s |`);
console.log("|---|---|---|---|---|---|---|---|");
for (const [name, make] of plants) {
  const request = make();
  const size = problemSizeOf(request);
  const budget = { ...budgetFor(timeLimit, size), deadlineMs: Infinity };
  const before = cpuSeconds();
  const result = searchSchedule(request, { seed, budget, clock: () => performance.now() });
  const cpu = cpuSeconds() - before;
  const share = `${((100 * cpu) / timeLimit).toFixed(0)} %`;
  console.log(`| ${name} | ${fmt(size.operations)} | ${fmt(budget.workUnits)} | ${result.status} | ${fmt(result.iterations)} | ${cpu.toFixed(2)} | ${share} | ${fmt(budget.workUnits / cpu)} |`);
}
console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
