/**
 * A confirmed order asked for earlier (订单变更 to an earlier due date), tried like a rush order (issue 15):
 * - `protect-confirmed`: no other order later than in the plan reviewed against. Two plans qualify, and the
 *   one harming least, then promising earliest, is the option: the order's unstarted operations taken out
 *   and inserted anew (capable-to-promise), and the order where it is (its promise unchanged). Taking an
 *   order out can itself push the others (the changeover it leaves behind), so the first may harm where the
 *   second never does; the plan reviewed against stays a harmless answer.
 * - `re-plan`: the scheduling search against the plan, weighted tardiness first (review-orders.ts).
 * Every option is measured against the plan reviewed against, and the decision comes from all of them: of the
 * options harming the other orders least (none, unless the plan re-timed from now already does), the one
 * meeting the requested date with the fewest changes is an accept; else the earliest promise among them is
 * the counter-offer (or a decline beyond the customer's maxDelayDays). The decision names its option.
 */
import type { Order } from "../../src/order.ts";
import type { ChangeOption, ReviewDecision } from "../../src/review.ts";
import type { ScheduledOperation, ScheduleResponse } from "../../src/schedule.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import { planImpact } from "../insert/plan-impact.ts";
import { decisionFor } from "./order-review.ts";
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

/** An option with what choosing it makes of the review (its decision before the customer's limit is applied). */
interface Candidate {
  option: ChangeOption;
  reviewed: Reviewed;
  treatment: NonNullable<ReviewDecision["treatment"]>;
}

const minutes = (time: string) => parseDateTime(time)!;

/** Least harm, then earliest promise, then fewest changes. */
function protects(a: Candidate, b: Candidate): number {
  return a.option.weightedHarm - b.option.weightedHarm || minutes(a.option.promise) - minutes(b.option.promise) || a.option.changes - b.option.changes;
}

/** The re-plan as a candidate: its plan becomes the review's when chosen, the order's material reasons kept. */
function replanCandidate(review: OrderReview, original: Order, changed: Order, option: ChangeOption, inserted: Reviewed): Candidate {
  const promise = minutes(option.promise);
  const decision: ReviewDecision = {
    order: changed.id,
    decision: decisionFor(promise, minutes(changed.due), undefined),
    requested: changed.due,
    promise: option.promise,
    reasons: inserted.decision.reasons.filter((r) => r.kind !== "capacity"),
    impact: option.impact,
    schedule: option.schedule,
  };
  const orders = review.orders.map((o) => (o === original ? changed : o));
  return { option, treatment: "re-planned", reviewed: { decision, completion: promise, accepted: { orders, plan: option.schedule.operations, bought: review.bought } } };
}

export function earlierDate(review: OrderReview, original: Order, changed: Order, maxDelayDays: number | undefined, replan: ReplanChange): Reviewed {
  // Neither plan applies the customer's limit: the options are offered whatever it is, and the decision applies it.
  const inserted = review.insert(changed, { replaces: original });
  const shifted: Candidate[] = [];
  for (const [reviewed, treatment] of [[inserted, "re-planned"], [review.inPlace(changed, original, undefined), "kept"]] as const) {
    const option = reviewed.decision.schedule === undefined ? null : changeOption(review, "protect-confirmed", changed, reviewed.decision.schedule);
    if (option !== null) shifted.push({ option, reviewed, treatment });
  }
  shifted.sort(protects);
  const candidates: Candidate[] = [];
  const protect = shifted[0];
  if (protect !== undefined) {
    // Harm even with the order where it is was there before the change: the plan re-timed from now has it.
    const kept = shifted.find((c) => c.treatment === "kept");
    const unavoidable = protect.option.weightedHarm > 0 && kept !== undefined ? { unavoidableHarm: kept.option.weightedHarm } : {};
    candidates.push({ ...protect, option: { ...protect.option, ...unavoidable } });
  }
  const searched = replan(review, changed, original);
  const replanned = searched === null ? null : changeOption(review, "re-plan", changed, searched);
  if (replanned !== null) candidates.push(replanCandidate(review, original, changed, replanned, inserted));
  const options = candidates.map((c) => c.option);
  const within = candidates.filter((c) => minutes(c.option.promise) <= review.horizonEnd);
  if (within.length === 0) return { ...inserted, decision: { ...inserted.decision, treatment: "re-planned", options } };

  const due = minutes(changed.due);
  const least = Math.min(...within.map((c) => c.option.weightedHarm));
  const fair = within.filter((c) => c.option.weightedHarm === least);
  const meeting = fair.filter((c) => minutes(c.option.promise) <= due).sort((a, b) => a.option.changes - b.option.changes || minutes(a.option.promise) - minutes(b.option.promise));
  const chosen = meeting[0] ?? fair.sort(protects)[0]!;
  const decision = decisionFor(minutes(chosen.option.promise), due, maxDelayDays);
  const { schedule, ...answer } = chosen.reviewed.decision;
  const result: ReviewDecision = { ...answer, decision, treatment: chosen.treatment, option: chosen.option.name, options };
  if (decision === "decline") return { decision: result, completion: chosen.reviewed.completion, accepted: null };
  return { decision: { ...result, ...(schedule !== undefined ? { schedule } : {}) }, completion: chosen.reviewed.completion, accepted: chosen.reviewed.accepted };
}
