/**
 * The demo steel plant with a cold-mill crew and a batch annealing furnace (issue 21, data/steel-plant-annealing.json):
 * the file is the steel plant plus exactly that extension, its plan passes the independent validator (the crew
 * counted minute by minute, the furnace's batches one recipe, together, within 400 t), and annealing in batches
 * beats a furnace that takes one coil at a time. The measured figures are in data/README.md.
 */
import { describe, expect, it } from "vitest";
import { ScheduleRequest } from "../../src/schedule.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { searchSchedule } from "../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../solver/schedule/to-response.ts";
import { demo } from "../helpers/demo.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";

const plant = demo("steel-plant");
const annealing = demo("steel-plant-annealing");

function plan(body: Record<string, unknown>): ScheduleResponse {
  const request = ScheduleRequest.parse(body);
  const result = searchSchedule(request, { seed: 1, budget: { workUnits: 1e12, deadlineMs: 600_000, maxIterations: 30 }, clock: () => 0 });
  const response = toScheduleResponse(request, result, { elapsedMs: 0, workers: 1 });
  expect(validateSchedule(request, response)).toEqual([]);
  return response;
}

describe("the demo steel plant with a mill crew and batch annealing", () => {
  it("is the steel plant plus the crew, the furnace and the annealing step", () => {
    const { name: _n, description: _d, calendars, resources, pools, routings, ...rest } = annealing;
    const { name: _n2, description: _d2, calendars: calendars0, resources: resources0, routings: routings0, ...rest0 } = plant;
    expect(rest).toEqual(rest0);
    expect(calendars.slice(0, -1)).toEqual(calendars0);
    expect(resources.filter((r: { id: string }) => r.id !== "BAF")).toEqual(resources0);
    expect(pools).toEqual([expect.objectContaining({ id: "mill-crew", calendar: "two-shift", units: 2, unitsByShift: [{ from: "14:00", to: "22:00", units: 1 }] })]);
    routings.forEach((routing: { item: string; operations: Array<{ id: string; requires?: unknown }> }, i: number) => {
      const before = routings0[i].operations;
      expect(routing.operations.map((op) => op.id)).toEqual(["pickle", "roll", "anneal", "galvanize", "inspect", "pack"]);
      expect(routing.operations.filter((op) => op.id !== "anneal").map(({ requires: _r, ...op }) => op)).toEqual(before);
      expect(routing.operations[1]!.requires).toEqual([{ pool: "mill-crew" }]);
    });
  });

  const batched = plan(annealing);
  const oneCoil = plan({ ...annealing, resources: annealing.resources.map((r: { id: string }) => (r.id === "BAF" ? { ...r, batch: { capacity: 1, measure: "operations", minutes: 1440 } } : r)) });

  it("anneals coils of one recipe together and holds the crew to one mill on the late shift", () => {
    const anneals = batched.operations.filter((o) => o.operation === "anneal");
    const batches = new Set(anneals.map((o) => o.batch));
    expect(batches.size).toBeLessThan(anneals.length);
    expect(batched.kpis.meanBatchFill).toBeGreaterThan(0);
    expect(Object.keys(batched.kpis.poolUtilization!)).toEqual(["mill-crew"]);
    for (const roll of batched.operations.filter((o) => o.operation === "roll")) expect(roll.pools).toEqual([{ pool: "mill-crew", units: 1 }]);
  });

  it("is later with a furnace that takes one coil at a time", () => {
    expect(oneCoil.kpis.meanBatchFill).toBe(1);
    expect(batched.kpis.weightedTardiness).toBeLessThan(oneCoil.kpis.weightedTardiness);
  });
});
