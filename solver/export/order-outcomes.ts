/**
 * The orders sheet of a schedule (订单信息与交货确认表, order and delivery confirmation): each order with its
 * customer, item, quantity, due date, planned completion, lateness and, for a late order, what held it —
 * the answer's `cause` when it has one, as text (`capacity: CGL`, `material: ZINC, availableAt 2026-04-02T06:00`),
 * else its `heldBy` resource (`held by CGL`); for an order left out because a rule cannot be kept, the
 * reason. `bufferKept` (issue 16): completed by due − its due-date buffer (empty when the answer has none).
 */
import type { Order } from "../../src/order.ts";
import type { OrderOutcome } from "../../src/schedule.ts";
import type { Table } from "./table.ts";
import { columnsOf, tableOf } from "./table.ts";

export const ORDER_COLUMNS = columnsOf({
  order: "text",
  customer: "text",
  item: "text",
  quantity: "number",
  due: "datetime",
  completion: "datetime",
  lateMinutes: "number",
  onTime: "boolean",
  bufferKept: "boolean",
  cause: "text",
});

/** A late order's cause as one line: its kind, then its other fields (`kind: resource, key value`). */
export function describeCause(cause: Readonly<Record<string, unknown>>): string {
  const { kind, resource, item, ...rest } = cause;
  const subject = [resource, item].filter((x) => typeof x === "string").join(", ");
  const details = Object.entries(rest)
    .filter(([, value]) => value !== undefined && value !== null && typeof value !== "object")
    .map(([key, value]) => `${key} ${String(value)}`);
  const parts = [subject, ...details].filter((part) => part !== "");
  return parts.length === 0 ? String(kind) : `${String(kind)}: ${parts.join(", ")}`;
}

/** An outcome as the answer gives it (issue 14 adds `cause` to late orders, and `status` and `shortages`). */
export type OutcomeWithCause = OrderOutcome;

export function causeText(outcome: OutcomeWithCause): string {
  if (outcome.cause) return describeCause(outcome.cause);
  if (outcome.reason !== undefined) return outcome.reason;
  return outcome.heldBy === undefined ? "" : `held by ${outcome.heldBy}`;
}

/** One row per order outcome, in the answer's order; customer, item and quantity from `orders` (empty when unknown). */
export function orderOutcomeTable(orders: readonly Order[], outcomes: readonly OutcomeWithCause[]): Table {
  const byId = new Map(orders.map((o) => [o.id, o]));
  return tableOf(
    "orders",
    ORDER_COLUMNS,
    outcomes.map((outcome) => {
      const order = byId.get(outcome.id);
      return {
        order: outcome.id,
        customer: order?.customer ?? "",
        item: order?.item ?? "",
        quantity: order?.quantity ?? null,
        due: outcome.due,
        completion: outcome.completion,
        lateMinutes: outcome.lateMinutes,
        onTime: outcome.onTime,
        bufferKept: outcome.bufferKept ?? null,
        cause: causeText(outcome),
      };
    }),
  );
}
