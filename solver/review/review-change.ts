/**
 * A change to a confirmed order (订单变更: the handbooks' rule that a change affecting delivery is reviewed
 * again), reviewed and never refused for having started or being frozen (issue 15):
 * - another item (a specification change): its unstarted operations are re-planned as the new item;
 * - a larger quantity: before the order starts, the order is re-planned with it; once started or frozen, the
 *   original quantity keeps its plan and promise and the extra becomes a follow-up lot of its own, `ID/2`;
 * - an earlier due date: re-planned like a rush order, with the protect-confirmed promise (no other order
 *   harmed) and a re-plan by the scheduling search beside it, each with its weighted harm;
 * - otherwise (a smaller quantity, a later date): the order keeps its place, a smaller quantity shortening
 *   its unstarted operations.
 * Every answer lists the impact on the other orders, with their priority.
 */
import type { Order } from "../../src/order.ts";
import type { ChangeOption, OrderChange, ReviewDecision } from "../../src/review.ts";
import type { ScheduledOperation, ScheduleResponse } from "../../src/schedule.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { formatDateTime, MINUTES_PER_DAY, parseDateTime } from "../../src/time.ts";
import { planImpact } from "../insert/plan-impact.ts";
import type { OrderReview, Reviewed } from "./order-review.ts";

/** Re-plans the review's plan with `changed` in place of `original` by the scheduling search (null: no plan). */
export type ReplanChange = (review: OrderReview, changed: Order, original: Order) => ScheduleResponse | null;

/** An answer to an earlier date as an option, measured against the plan like rush insertion's. */
function changeOption(review: OrderReview, name: ChangeOption["name"], changed: Order, schedule: { operations: ScheduledOperation[]; orders: ScheduleResponse["orders"] }): ChangeOption | null {
  const completion = schedule.orders.find((o) => o.id === changed.id)?.completion;
  if (completion === null || completion === undefined) return null;
  const others = review.orders.filter((o) => o.id !== changed.id);
  const impact = planImpact(others, review.plan, schedule.operations, review.request.options.moveToleranceMinutes ?? DEFAULT_MOVE_TOLERANCE_MINUTES);
  return { name, promise: completion, weightedHarm: impact.weightedHarm, changes: impact.changes.count, impact: impact.impact, schedule };
}

/** A unique id for the follow-up lot of an order. */
function lotId(review: OrderReview, id: string): string {
  for (let k = 2; ; k++) if (!review.orders.some((o) => o.id === `${id}/${k}`)) return `${id}/${k}`;
}

/** The started order keeps its plan for the original quantity; the extra is a lot of its own. */
function followUpLot(review: OrderReview, original: Order, changed: Order, maxDelayDays: number | undefined): Reviewed {
  const kept = review.inPlace({ ...original, due: changed.due }, original, undefined);
  const lot: Order = { ...changed, id: lotId(review, original.id), quantity: changed.quantity - original.quantity };
  const extra = review.insert(lot, { maxDelayDays });
  const completions = [kept.completion, extra.completion];
  const promise = completions.includes(null) ? null : Math.max(...(completions as number[]));
  const due = parseDateTime(changed.due)!;
  const declined = extra.decision.decision === "decline" && (promise === null || promise > review.horizonEnd);
  const decision: ReviewDecision["decision"] =
    declined || promise === null ? "decline" : promise <= due ? "accept" : maxDelayDays === undefined || promise <= due + maxDelayDays * MINUTES_PER_DAY ? "counter-offer" : "decline";
  const splits = [
    { quantity: original.quantity, promise: kept.decision.promise },
    { quantity: lot.quantity, promise: extra.completion === null ? null : formatDateTime(extra.completion) },
  ];
  const result: ReviewDecision = {
    order: original.id,
    decision,
    requested: changed.due,
    promise: decision === "decline" && promise !== null && promise > review.horizonEnd ? null : promise === null ? null : formatDateTime(promise),
    reasons: extra.decision.reasons,
    impact: extra.decision.impact,
    treatment: "follow-up-lot",
    splits,
  };
  if (decision === "decline" || extra.accepted === null || extra.decision.schedule === undefined) return { decision: result, completion: promise, accepted: null };
  // Accepted, the order carries its new date, and the lot joins the confirmed orders.
  const orders = extra.accepted.orders.map((o) => (o.id === original.id ? { ...o, due: changed.due } : o));
  return { decision: { ...result, schedule: extra.decision.schedule }, completion: promise, accepted: { ...extra.accepted, orders } };
}

export function reviewChange(review: OrderReview, change: OrderChange, replan: ReplanChange): Reviewed {
  const original = review.orders.find((o) => o.id === change.order)!;
  const changed: Order = {
    ...original,
    ...(change.quantity !== undefined ? { quantity: change.quantity } : {}),
    ...(change.due !== undefined ? { due: change.due } : {}),
    ...(change.item !== undefined ? { item: change.item } : {}),
  };
  const { maxDelayDays } = change;
  if (changed.item !== original.item || (changed.quantity > original.quantity && !review.started(original.id))) {
    const reviewed = review.insert(changed, { maxDelayDays, replaces: original });
    return { ...reviewed, decision: { ...reviewed.decision, treatment: "re-planned" } };
  }
  if (changed.quantity > original.quantity) return followUpLot(review, original, changed, maxDelayDays);
  if (parseDateTime(changed.due)! < parseDateTime(original.due)!) {
    const reviewed = review.insert(changed, { maxDelayDays, replaces: original });
    const options: ChangeOption[] = [];
    const protect = reviewed.decision.schedule === undefined ? null : changeOption(review, "protect-confirmed", changed, reviewed.decision.schedule);
    if (protect !== null) options.push(protect);
    const searched = replan(review, changed, original);
    const replanned = searched === null ? null : changeOption(review, "re-plan", changed, searched);
    if (replanned !== null) options.push(replanned);
    return { ...reviewed, decision: { ...reviewed.decision, treatment: "re-planned", options } };
  }
  const reviewed = review.inPlace(changed, original, maxDelayDays);
  return { ...reviewed, decision: { ...reviewed.decision, treatment: "kept" } };
}
