/**
 * Which orders of a plan wait for which material, read from the schedule's answer (issue 14): an order's
 * `waits.material` says how long its chain waited for material but not for which item, so the item's
 * ledger decides. The schedule starts an operation short of material when the item's supply next grows (a
 * receipt becoming usable, an order completing); an order that waited for material therefore waits for an
 * item when, at the last supply of that item before it took it, the stock just before that supply could
 * not cover its need. A late order whose `cause` names the item waits for it by definition.
 */
import type { MaterialProjection } from "../src/material.ts";
import type { PlanOrder } from "./model.ts";

export interface MaterialWait {
  order: string;
  /** Units of the item the order takes. */
  need: number;
  /** When it takes them (the consuming operation's start). */
  takenAt: string;
  /** The supply it waited for: the last one before it took the item, or the cause's `availableAt`. */
  availableFrom: string;
  /** The order's minutes waiting for material, all items together. */
  waitedMinutes: number;
}

/** Quantities are BOM products: a need this much above the stock is float noise, not a shortage. */
const EPSILON = 1e-6;

export function ordersWaitingFor(projection: Pick<MaterialProjection, "item" | "ledger">, orders: readonly PlanOrder[]): MaterialWait[] {
  const byId = new Map(orders.map((o) => [o.id, o]));
  const found = new Map<string, MaterialWait>();
  let supplyAt: string | null = null;
  let stockBeforeSupply = 0;
  for (const entry of projection.ledger ?? []) {
    if (entry.change > 0) {
      // Supplies at the same minute count as one: the stock before the first of them is what was there.
      if (entry.at !== supplyAt) stockBeforeSupply = entry.balance - entry.change;
      supplyAt = entry.at;
      continue;
    }
    const order = entry.order === undefined ? undefined : byId.get(entry.order);
    const waited = order?.waits?.material ?? 0;
    const need = -entry.change;
    if (!order || found.has(order.id) || waited <= 0 || supplyAt === null || stockBeforeSupply >= need - EPSILON) continue;
    found.set(order.id, { order: order.id, need, takenAt: entry.at, availableFrom: supplyAt, waitedMinutes: waited });
  }
  for (const order of orders) {
    const cause = order.cause;
    if (cause?.kind !== "material" || cause.item !== projection.item || found.has(order.id)) continue;
    const taken = projection.ledger?.find((e) => e.order === order.id && e.change < 0);
    found.set(order.id, {
      order: order.id,
      need: taken ? -taken.change : 0,
      takenAt: taken?.at ?? "",
      availableFrom: cause.availableAt ?? supplyAt ?? "",
      waitedMinutes: order.waits?.material ?? 0,
    });
  }
  return [...found.values()];
}
