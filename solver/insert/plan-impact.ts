/**
 * The impact of a re-plan on the confirmed orders, from the two plans' operations alone (so every option is
 * measured alike, whether the insertion or the scheduling search made it): which orders complete later than
 * in the current plan and by how much, which were on time and are late now, how much each is harmed (minutes
 * past both its due date and its current completion) and the priority-weighted sum of that harm, how many of
 * their operations moved (resource, unit or start changed) and which changed beyond the move tolerance.
 */
import type { OrderImpact } from "../../src/insert.ts";
import type { Order } from "../../src/order.ts";
import { priorityWeight } from "../../src/order.ts";
import type { PlanChanges, ScheduledOperation } from "../../src/schedule.ts";
import { formatDateTime, parseDateTime } from "../../src/time.ts";
import { planKey } from "../schedule/freeze-plan.ts";
import { compareToReference } from "../schedule/plan-changes.ts";

export interface PlanImpact {
  /** Orders completing later, most delayed first (ties by order id). */
  impact: OrderImpact[];
  /** Orders late and later than in the current plan. */
  ordersMadeLate: number;
  /** Σ priorityWeight × harm minutes. */
  weightedHarm: number;
  movedOperations: number;
  changes: PlanChanges;
}

/** Completion (latest end) of every order in a list of operations. */
export function completions(operations: readonly ScheduledOperation[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const op of operations) out.set(op.order, Math.max(out.get(op.order) ?? -Infinity, parseDateTime(op.end)!));
  return out;
}

/** Harm of an order finishing at `after`: the minutes past both its due date and its completion `before`. */
export function harmMinutes(order: Order, before: number, after: number): number {
  return Math.max(0, after - Math.max(parseDateTime(order.due)!, before));
}

/**
 * @param confirmed the orders whose impact counts (inserted orders are left out)
 * @param toleranceMinutes moveToleranceMinutes, for the changes
 */
export function planImpact(confirmed: readonly Order[], current: readonly ScheduledOperation[], plan: readonly ScheduledOperation[], toleranceMinutes: number): PlanImpact {
  const ids = new Set(confirmed.map((o) => o.id));
  const before = completions(current);
  const after = completions(plan);
  const impact: OrderImpact[] = [];
  let ordersMadeLate = 0;
  let weightedHarm = 0;
  for (const order of confirmed) {
    const [was, now] = [before.get(order.id), after.get(order.id)];
    if (was === undefined || now === undefined || now <= was) continue;
    const due = parseDateTime(order.due)!;
    const harm = harmMinutes(order, was, now);
    if (harm > 0) (ordersMadeLate++, (weightedHarm += priorityWeight(order.priority) * harm));
    impact.push({ order: order.id, priority: order.priority, before: formatDateTime(was), after: formatDateTime(now), delayMinutes: now - was, becameLate: was <= due && now > due, harmMinutes: harm });
  }
  impact.sort((a, b) => b.delayMinutes - a.delayMinutes || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const next = new Map(plan.map((op) => [planKey(op.order, op.operation, op.part), op]));
  let movedOperations = 0;
  for (const op of current) {
    const now = ids.has(op.order) ? next.get(planKey(op.order, op.operation, op.part)) : undefined;
    if (now !== undefined && now.state !== "running" && (now.resource !== op.resource || now.unit !== op.unit || now.start !== op.start)) movedOperations++;
  }
  const changes = compareToReference(current.filter((op) => ids.has(op.order)), plan, toleranceMinutes);
  return { impact, ordersMadeLate, weightedHarm, movedOperations, changes };
}
