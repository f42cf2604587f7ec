/**
 * What each order consumes and produces under the material model (issue 14): an order for q of item X
 * consumes q / (1 − scrapRate(X)) × quantity of every BOM component of X (as MRP starts scrap-inflated
 * quantities), at the start of the operation whose `consumes` names the component, else at X's first
 * operation. A phantom component is exploded through to its own components (no scrap, no stock), consumed
 * where the phantom would be. An order adds q of X to X's stock at the end of its last operation.
 */
import type { FactoryModel } from "../../src/factory.ts";
import type { Item } from "../../src/item.ts";
import type { Order } from "../../src/order.ts";

/** Quantities this close to zero are float noise of BOM products. */
export const MATERIAL_EPSILON = 1e-9;

/** One consumption: `quantity` of `item` at the start of routing operation `operation` (its index). */
export interface Consumption {
  operation: number;
  item: string;
  quantity: number;
}

export interface MaterialNeeds {
  /** Consumptions per order (request.orders' indices), merged per operation and item. */
  consumptions: Consumption[][];
}

export function materialNeeds(model: Pick<FactoryModel, "items" | "bom" | "routings">, orders: readonly Order[]): MaterialNeeds {
  const items = new Map<string, Item>(model.items.map((i) => [i.id, i]));
  const lines = new Map<string, Array<{ component: string; quantity: number }>>();
  for (const l of model.bom) lines.set(l.parent, [...(lines.get(l.parent) ?? []), { component: l.component, quantity: l.quantity }]);
  const routings = new Map(model.routings.map((r) => [r.item, r]));
  // Which operation consumes each component of a routing's item (default: the first).
  const consumerOf = new Map<string, Map<string, number>>();
  for (const r of model.routings) {
    const map = new Map<string, number>();
    r.operations.forEach((op, k) => {
      for (const c of op.consumes ?? []) if (!map.has(c)) map.set(c, k);
    });
    consumerOf.set(r.item, map);
  }
  const perItem = new Map<string, Consumption[]>();
  const explode = (itemId: string): Consumption[] => {
    const cached = perItem.get(itemId);
    if (cached !== undefined) return cached;
    const master = items.get(itemId);
    const started = 1 / (1 - (master?.scrapRate ?? 0));
    const merged = new Map<string, Consumption>();
    const add = (operation: number, item: string, quantity: number) => {
      const key = `${operation}\u0000${item}`;
      const c = merged.get(key);
      if (c !== undefined) c.quantity += quantity;
      else merged.set(key, { operation, item, quantity });
    };
    const through = (operation: number, component: string, quantity: number, depth: number) => {
      if (items.get(component)?.phantom && depth < 64) {
        for (const l of lines.get(component) ?? []) through(operation, l.component, quantity * l.quantity, depth + 1);
      } else add(operation, component, quantity);
    };
    const consumers = consumerOf.get(itemId) ?? new Map<string, number>();
    for (const l of lines.get(itemId) ?? []) through(consumers.get(l.component) ?? 0, l.component, started * l.quantity, 0);
    const list = [...merged.values()].filter((c) => c.quantity > MATERIAL_EPSILON);
    perItem.set(itemId, list);
    return list;
  };
  return {
    consumptions: orders.map((order) => (routings.has(order.item) ? explode(order.item).map((c) => ({ ...c, quantity: c.quantity * order.quantity })) : [])),
  };
}
