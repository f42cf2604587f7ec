/**
 * Scheduling at scale (issue 3): 10,000 orders × 5 operations on 100 resources with two-shift calendars.
 * "first feasible" is the construction (dispatching + decode, no search budget) through to the response;
 * "search 1 s" adds the budget budgetFor gives one second, to watch the calibration. The re-plans (issue 15)
 * take that first plan as the reference with the first day frozen: unchanged, and with 100 new orders
 * (which need the dispatching plan for their places). Target: first plan < 3 s. Issue 16's plant is the
 * same with half of the operations sending transfer batches ahead and a fifth splittable (target: first
 * feasible plan under 3 s), also timed just in time. Issue 21's plant is the same with two operator pools shared
 * by all resources (target: first feasible plan under 3 s).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Bench } from "tinybench";
import { ScheduleRequest } from "../src/schedule.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import { problemSizeOf, runScheduleSearch, searchSchedule } from "../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../solver/schedule/to-response.ts";

/** A demo factory of data/, parsed as the API does (the benchmarks run from bench/ or bundled into dist-bench/, both beside data/). */
export function demoPlant(name: "steel-plant" | "steel-plant-annealing" | "appliance-plant"): ScheduleRequest {
  return ScheduleRequest.parse(JSON.parse(readFileSync(join(import.meta.dirname, "..", "data", `${name}.json`), "utf8")));
}

/** A deterministic plant: 20 work-centre groups of 5 resources, 50 products routed through 5 groups each. */
export function scalePlant(orders = 10_000, resources = 100): ScheduleRequest {
  const shifts = [
    { start: "06:00", end: "14:00", breaks: [{ start: "10:00", end: "10:30" }] },
    { start: "14:00", end: "22:00", breaks: [{ start: "18:00", end: "18:30" }] },
  ];
  const week = { mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts };
  const groups = resources / 5;
  return ScheduleRequest.parse({
    planStart: "2026-03-02T06:00",
    calendars: [{ id: "two-shift", shifts: week, exceptions: [{ date: "2026-04-06", shifts: [] }] }],
    resources: Array.from({ length: resources }, (_, r) => ({
      id: `R${r}`,
      calendar: "two-shift",
      units: 1 + (r % 3 === 0 ? 1 : 0),
      efficiency: 0.9 + (r % 4) * 0.05,
      ...(r % 5 === 0 ? { setupMatrix: { default: 20, changeovers: [{ from: "A", to: "B", minutes: 10 }] } } : {}),
    })),
    routings: Array.from({ length: 50 }, (_, p) => ({
      item: `P${p}`,
      operations: Array.from({ length: 5 }, (_, k) => {
        const g = (p * 7 + k * 3) % groups;
        return {
          id: `op${k}`,
          resources: [`R${g * 5 + (p % 5)}`, `R${g * 5 + ((p + 1) % 5)}`],
          setupMinutes: 10,
          runMinutesPerUnit: 0.5 + ((p + k) % 4) * 0.25,
          family: p % 2 === 0 ? "A" : "B",
          minGapMinutes: k === 2 ? 60 : 0,
        };
      }),
    })),
    orders: Array.from({ length: orders }, (_, i) => ({
      id: `O${i}`,
      item: `P${(i * 13) % 50}`,
      quantity: 20 + ((i * 37) % 80),
      due: new Date(Date.UTC(2026, 2, 4 + ((i * 11) % 60), 14)).toISOString().slice(0, 16),
      priority: 1 + (i % 5),
    })),
  });
}

/** scalePlant with issue 16's rules: half of the operations overlap (transfer batches of 10), a fifth split (parts of at least 25). */
export function shopFloorPlant(orders = 10_000, resources = 100): ScheduleRequest {
  const plant = scalePlant(orders, resources);
  return {
    ...plant,
    routings: plant.routings.map((routing, p) => ({
      ...routing,
      operations: routing.operations.map((op, k) => ({
        ...op,
        ...((p + k) % 2 === 0 ? { transferQuantity: 10 } : {}),
        ...(k === 3 ? { split: { minQuantity: 25 } } : {}),
      })),
    })),
  };
}

/** scalePlant with two operator pools (issue 21) shared by all resources: every operation needs one operator of its crew, 60 each, 45 on the late shift. */
export function pooledPlant(orders = 10_000, resources = 100): ScheduleRequest {
  const plant = scalePlant(orders, resources);
  const crew = (id: string) => ({ id, calendar: "two-shift", units: 60, unitsByShift: [{ from: "14:00", to: "22:00", units: 45 }] });
  return {
    ...plant,
    pools: [crew("crew-A"), crew("crew-B")],
    routings: plant.routings.map((routing, p) => ({
      ...routing,
      operations: routing.operations.map((op, k) => ({ ...op, requires: [{ pool: (p + k) % 2 === 0 ? "crew-A" : "crew-B", units: 1 }] })),
    })),
  };
}

export function register(bench: Bench): void {
  const request = scalePlant();
  const shopFloor = shopFloorPlant();
  const justInTime = { ...shopFloor, options: { ...shopFloor.options, timing: "just-in-time" as const } };
  const clock = () => performance.now();
  /** The construction (no search budget) through to the response, built from the problem the search compiled as the API's task does. */
  const firstFeasible = (name: string, body: ScheduleRequest) =>
    bench.add(`schedule 10,000 orders, ${name}, first feasible`, () => {
      const { result, compiled } = runScheduleSearch(body, { seed: 1, budget: { workUnits: 0, deadlineMs: 60_000 }, clock });
      toScheduleResponse(body, result, { elapsedMs: 0, workers: 1 }, compiled);
    });
  firstFeasible("half overlapping, a fifth split", shopFloor);
  firstFeasible("half overlapping, a fifth split, just in time", justInTime);
  firstFeasible("two operator pools shared by all resources", pooledPlant());
  firstFeasible("× 5 ops", request);
  bench.add("schedule 10,000 orders × 5 ops, search budget for 1 s", () => {
    searchSchedule(request, { seed: 1, budget: budgetFor(1, problemSizeOf(request)), clock });
  });
  const reference = toScheduleResponse(request, searchSchedule(request, { seed: 1, budget: { workUnits: 0, deadlineMs: 60_000 }, clock }), { elapsedMs: 0, workers: 1 });
  const fenced = { ...request, reference, frozenUntil: "2026-03-03T06:00" };
  const added = scalePlant(10_100).orders.slice(10_000).map((o) => ({ ...o, id: `NEW-${o.id}` }));
  const replans: Array<[string, ScheduleRequest]> = [
    ["re-plan 10,000 orders against their plan, first day frozen, first plan", fenced],
    ["re-plan 10,000 orders + 100 new against the plan, first day frozen, first plan", { ...fenced, orders: [...request.orders, ...added] }],
  ];
  for (const [name, replan] of replans) {
    bench.add(name, () => {
      const result = searchSchedule(replan, { seed: 1, budget: { workUnits: 0, deadlineMs: 60_000 }, clock });
      toScheduleResponse(replan, result, { elapsedMs: 0, workers: 1 });
    });
  }
}
