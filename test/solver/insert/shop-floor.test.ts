/**
 * Rush insertion and order review with the shop-floor rules of issue 16: milling split over the two mills,
 * transfer batches from cutting, painting within a day of milling. Every option is checked by the
 * independent validator, keeps the frozen parts and the current plan's parts (by order, operation and part).
 */
import { describe, expect, it } from "vitest";
import { ReviewRequest } from "../../../src/review.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { parseDateTime } from "../../../src/time.ts";
import { planRushInsertion } from "../../../solver/insert/plan-rush-insertion.ts";
import { reviewOrders } from "../../../solver/review/review-orders.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { currentPlan, expectSoundOptions, insertRequest, key, NOW, ORDERS, PROGRESS, shop } from "./fixtures.ts";

const RUSH = { id: "R1", item: "red-frame", quantity: 20, due: "2026-03-03T12:00", priority: 1 };

describe("rush insertion with transfer batches, split milling and a maximum wait", () => {
  it("offers sound plans that keep the current plan's parts", () => {
    const request = insertRequest([RUSH], { frozenUntil: "2026-03-02T09:00" }, undefined, true);
    // The current plan splits milling somewhere (it pays: two mills).
    expect(request.schedule.operations.some((op) => op.operation === "mill" && (op.part ?? 0) > 0)).toBe(true);
    const response = planRushInsertion(request, () => 0);
    expectSoundOptions(request, response);
    const parts = new Set(request.schedule.operations.map(key));
    for (const option of response.options) {
      for (const op of option.schedule.operations) if (op.order !== "R1") expect(parts.has(key(op)), key(op)).toBe(true);
    }
  });
});

describe("order review with the same rules", () => {
  it("promises a date whose plan the validator accepts, by part", () => {
    const candidate = { id: "Q1", item: "red-frame", quantity: 30, due: "2026-03-04T14:00" };
    const request = ReviewRequest.parse({ ...shop(ORDERS, true), schedule: currentPlan(ORDERS, PROGRESS, true), progress: PROGRESS, now: NOW, candidates: [candidate] });
    const [decision] = reviewOrders(request, () => 0).candidates;
    expect(decision!.decision).not.toBe("decline");
    const plan = decision!.schedule!;
    const scheduleRequest = ScheduleRequest.parse({ ...request, orders: [...request.orders, candidate], planStart: NOW });
    const response: ScheduleResponse = { status: "feasible", operations: plan.operations, orders: plan.orders, kpis: { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} }, solver: { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] } };
    expect(validateSchedule(scheduleRequest, response).filter((e) => !/onTimeRate|weightedTardiness|makespan/.test(e))).toEqual([]);
    expect(parseDateTime(decision!.promise!)).toBe(Math.max(...plan.operations.filter((o) => o.order === "Q1").map((o) => parseDateTime(o.end)!)));
  });
});
