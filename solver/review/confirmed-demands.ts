/**
 * What the confirmed orders still need of purchased items and of sub-assemblies in stock, each dated at its
 * first operation's planned start (the handbooks' rule: main material is reserved for confirmed orders first).
 * They take sub-assembly stock in that order, each what is on hand or received by its start and not taken
 * before, and make the rest. Orders that have started took theirs already.
 */
import type { Order } from "../../src/order.ts";
import type { ReviewRequest } from "../../src/review.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import { operationKey } from "../schedule/freeze-plan.ts";
import { explodeToPurchased, stockBy } from "./material-availability.ts";
import type { MaterialDemand, MaterialSupply, TakeFromStock } from "./material-availability.ts";

export function confirmedDemands(supply: MaterialSupply, orders: readonly Order[], plan: readonly ScheduledOperation[], request: ReviewRequest, now: number): MaterialDemand[] {
  const starts = new Map<string, number>();
  // An operation in parts (issue 16) starts with its earliest part.
  for (const op of plan) starts.set(operationKey(op.order, op.operation), Math.min(starts.get(operationKey(op.order, op.operation)) ?? Infinity, parseDateTime(op.start)!));
  const issued = new Set(request.progress.map((e) => e.order));
  const firstOp = new Map(request.routings.map((r) => [r.item, r.operations[0]!.id]));
  const dated = orders.filter((order) => !issued.has(order.id)).map((order) => ({ order, at: starts.get(operationKey(order.id, firstOp.get(order.item)!)) ?? now }));
  dated.sort((a, b) => a.at - b.at);
  const demands: MaterialDemand[] = [];
  const taken = new Map<string, number>();
  for (const { order, at } of dated) {
    const take: TakeFromStock = (item, wanted) => {
      const quantity = Math.max(0, Math.min(wanted, stockBy(supply, item, at) - (taken.get(item) ?? 0)));
      if (quantity > 0) {
        taken.set(item, (taken.get(item) ?? 0) + quantity);
        demands.push({ item, quantity, at });
      }
      return quantity;
    };
    for (const [item, quantity] of explodeToPurchased(supply, order.item, order.quantity, new Map(), take)) demands.push({ item, quantity, at });
  }
  return demands;
}
