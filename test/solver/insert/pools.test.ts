/**
 * Rush insertion and order review with a pool (issue 21): one painter for both paint booths. Every option and
 * every review plan is checked by the independent validator, which counts the painter minute by minute.
 */
import { describe, expect, it } from "vitest";
import { InsertRequest } from "../../../src/insert.ts";
import { ReviewRequest } from "../../../src/review.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { planRushInsertion } from "../../../solver/insert/plan-rush-insertion.ts";
import { reviewOrders } from "../../../solver/review/review-orders.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { expectSoundOptions, NOW, ORDERS, PROGRESS, shop } from "./fixtures.ts";

/** The shop with one painter on the day shift, needed by both booths. */
function painted(orders = ORDERS) {
  const base = shop(orders);
  return {
    ...base,
    pools: [{ id: "painter", calendar: "day", units: 1 }],
    routings: base.routings.map((r) => ({ ...r, operations: r.operations.map((op) => (op.id === "paint" ? { ...op, requires: [{ pool: "painter" }] } : op)) })),
  };
}

function plan(): ScheduleResponse {
  const request = ScheduleRequest.parse({ ...painted(), planStart: NOW, progress: PROGRESS });
  const response = toScheduleResponse(request, searchSchedule(request, { seed: 1, budget: { workUnits: 5_000, deadlineMs: 60_000 }, clock: () => 0 }), { elapsedMs: 0, workers: 1 });
  expect(validateSchedule(request, response)).toEqual([]);
  return response;
}

describe("rush insertion and order review with one painter for two booths", () => {
  const current = plan();

  it("paints one order at a time in the current plan", () => {
    const paints = current.operations.filter((o) => o.operation === "paint").sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let i = 1; i < paints.length; i++) expect(paints[i]!.start >= paints[i - 1]!.end).toBe(true);
  });

  it("offers insertion options the validator accepts", () => {
    const request = InsertRequest.parse({ ...painted(), schedule: current, rushOrders: [{ id: "R1", item: "blue-panel", quantity: 20, due: "2026-03-03T12:00", priority: 1 }], now: NOW, progress: PROGRESS });
    expectSoundOptions(request, planRushInsertion(request, () => 0));
  });

  it("promises a review date whose plan keeps to one painter", () => {
    const candidate = { id: "Q1", item: "red-frame", quantity: 30, due: "2026-03-04T14:00" };
    const request = ReviewRequest.parse({ ...painted(), schedule: current, progress: PROGRESS, now: NOW, candidates: [candidate] });
    const [decision] = reviewOrders(request, () => 0).candidates;
    const reviewed = decision!.schedule!;
    const scheduleRequest = ScheduleRequest.parse({ ...request, orders: [...request.orders, candidate], planStart: NOW });
    const response: ScheduleResponse = { status: "feasible", operations: reviewed.operations, orders: reviewed.orders, kpis: { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} }, solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] } };
    expect(validateSchedule(scheduleRequest, response).filter((e) => !/onTimeRate|weightedTardiness|makespan/.test(e))).toEqual([]);
  });
});
