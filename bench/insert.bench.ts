/**
 * Rush insertion and order review at scale (issue 6): plants of 5,000 scheduled operations (1,000 orders ×
 * 5 operations, the scheduling benchmark's plant on 20 resources, and on 10 where every queue is long and a
 * rush order pushes almost every operation), the current plan from the scheduling engine's construction.
 * "insert" is the shift-only answer (fastest, trade-off plans, protect-confirmed); "review" one candidate order.
 * Target: < 500 ms each. "searches" are issue 15's re-plan and protect-confirmed's search as the route runs them
 * (three quarters and a quarter of a 2 s time limit, one seed each, one after the other, responses included):
 * target within the time limit.
 */
import type { Bench } from "tinybench";
import { InsertRequest } from "../src/insert.ts";
import { ReviewRequest } from "../src/review.ts";
import { planRushInsertion } from "../solver/insert/plan-rush-insertion.ts";
import { reviewOrders } from "../solver/review/review-orders.ts";
import { protectRequest, replanRequest, searchSeconds } from "../solver/insert/searched-options.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import { problemSizeOf, searchSchedule } from "../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../solver/schedule/to-response.ts";
import { scalePlant } from "./schedule.bench.ts";

export function plantWithPlan(resources: number) {
  const request = scalePlant(1000, resources);
  const clock = () => performance.now();
  const plan = toScheduleResponse(request, searchSchedule(request, { seed: 1, budget: { workUnits: 0, deadlineMs: 60_000 }, clock }), { elapsedMs: 0, workers: 1 });
  return { request, plan };
}

export function register(bench: Bench): void {
  for (const resources of [20, 10]) {
    const { request, plan } = plantWithPlan(resources);
    const clock = () => performance.now();
    const rush = { id: "RUSH", item: "P3", quantity: 60, due: "2026-03-05T14:00", priority: 1 };
    const insert = InsertRequest.parse({ ...request, schedule: plan, rushOrders: [rush], now: request.planStart, frozenUntil: "2026-03-03T06:00" });
    const review = ReviewRequest.parse({ ...request, schedule: plan, now: request.planStart, frozenUntil: "2026-03-03T06:00", candidates: [{ ...rush, id: "CAND", due: "2026-03-20T14:00" }] });
    bench.add(`insert a rush order, ${plan.operations.length} operations on ${resources} resources (shift-only options)`, () => {
      planRushInsertion(insert, clock);
    });
    bench.add(`review a candidate, ${plan.operations.length} operations on ${resources} resources`, () => {
      reviewOrders(review, clock);
    });
    const shiftOnly = planRushInsertion(insert, clock);
    const seconds = searchSeconds(2);
    bench.add(`insert's searches (re-plan, protect-confirmed), ${plan.operations.length} operations on ${resources} resources, time limit 2 s`, () => {
      const protect = protectRequest(insert, shiftOnly.options.at(-1)!, seconds.protect);
      for (const [request, limits] of [[replanRequest(insert, seconds.replan), undefined], [protect.request, protect.harmLimits]] as const) {
        const result = searchSchedule(request, { seed: 1, budget: budgetFor(request.options.timeLimitSeconds, problemSizeOf(request)), clock }, limits);
        toScheduleResponse(request, result, { elapsedMs: 0, workers: 1 });
      }
    });
  }
}
