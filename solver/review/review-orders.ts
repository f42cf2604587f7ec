/**
 * Order review (订单评审): changes to confirmed orders (review-change.ts), then candidate orders, each reviewed
 * in the given order against the plan with the ones accepted before it (order-review.ts). A change to an
 * earlier date is also re-planned by the scheduling search against the plan, one seed within
 * `options.timeLimitSeconds`. Read-only: the accepted plans are returned, nothing is stored.
 */
import { ModelError } from "../../src/errors.ts";
import { factoryModelOf } from "../../src/factory.ts";
import type { Order } from "../../src/order.ts";
import type { ReviewRequest, ReviewResponse } from "../../src/review.ts";
import type { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { formatDateTime, parseDateTime } from "../../src/time.ts";
import { receiptArrival } from "../schedule/compile-material.ts";
import { budgetFor } from "../schedule/search-budget.ts";
import { problemSizeOf, searchSchedule } from "../schedule/search-schedule.ts";
import { toScheduleResponse } from "../schedule/to-response.ts";
import { checkReviewRequest, reviewHorizon } from "./check-review-request.ts";
import { OrderReview } from "./order-review.ts";
import type { Reviewed } from "./order-review.ts";
import { reviewChange } from "./review-change.ts";

/** The review's plan with `changed` for `original`, re-planned by one seeded search against it behind the fence. */
function replanner(clock: () => number) {
  return (review: OrderReview, changed: Order, original: Order): ScheduleResponse | null => {
    const { request } = review;
    const { receipts, buckets, progress, options } = request;
    const planned = new Set([...review.plan.map((op) => op.order), ...progress.map((e) => e.order)]);
    const scheduleRequest: ScheduleRequest = {
      ...factoryModelOf(request),
      receipts: [...receipts, ...review.bought],
      ...(buckets !== undefined ? { buckets } : {}),
      orders: review.orders.filter((o) => planned.has(o.id)).map((o) => (o === original ? changed : o)),
      planStart: request.now,
      progress,
      reference: { operations: review.plan },
      frozenUntil: formatDateTime(review.frozenUntil),
      options: {
        timeLimitSeconds: options.timeLimitSeconds,
        seed: options.seed,
        objective: "tardiness",
        ...(options.material !== undefined ? { material: options.material } : {}),
        ...(options.moveToleranceMinutes !== undefined ? { moveToleranceMinutes: options.moveToleranceMinutes } : {}),
      },
    };
    const budget = { ...budgetFor(options.timeLimitSeconds, problemSizeOf(scheduleRequest)), ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}) };
    const result = searchSchedule(scheduleRequest, { seed: options.seed, budget, clock });
    const response = toScheduleResponse(scheduleRequest, result, { elapsedMs: result.elapsedMs, workers: 1 });
    return response.status === "infeasible" ? null : response;
  };
}

export function reviewOrders(request: ReviewRequest, clock: () => number): ReviewResponse {
  const problems = checkReviewRequest(request);
  if (problems.length > 0) throw new ModelError(problems);
  const begin = clock();
  const now = parseDateTime(request.now)!;
  const frozenUntil = Math.max(now, parseDateTime(request.frozenUntil ?? request.now)!);
  const { unit, end: horizonEnd } = reviewHorizon(request);
  const buckets = request.buckets;
  const receipts = request.receipts.map((r) => ({ item: r.item, quantity: r.quantity, at: receiptArrival(r, buckets) }));
  const review = new OrderReview(request, now, frozenUntil, horizonEnd, unit, receipts);
  const settle = (reviewed: Reviewed) => {
    if (reviewed.decision.decision === "accept" && reviewed.accepted !== null) review.commit(reviewed.accepted);
    return reviewed.decision;
  };
  const replan = replanner(clock);
  const changes = request.changes.map((change) => settle(reviewChange(review, change, replan)));
  const candidates = request.candidates.map(({ engineeringDays, maxDelayDays, ...order }) => settle(review.insert(order, { maxDelayDays, engineeringDays })));
  return { changes, candidates, solver: { elapsedMs: clock() - begin } };
}
