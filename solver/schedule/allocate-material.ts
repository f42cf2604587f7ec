/**
 * The pre-pass that decides which orders cannot be planned for lack of material (issue 14): total supply
 * of each item (unreserved stock on hand, every open receipt, and what the planned orders for the item
 * produce) is allocated to orders by importance, orders with work already started first, then priority,
 * then due date; an order that its reservations and the supply left cannot cover is unplannable and gets
 * nothing. Leaving an order out removes its production, so the allocation is repeated until no producing
 * order drops out (a short sub-assembly order makes its parents short too). Timing is the scheduler's
 * business: every order kept here gets its material eventually, so the time-ordered decoder never starves.
 */
import type { Consumption } from "./material-needs.ts";
import { MATERIAL_EPSILON } from "./material-needs.ts";

export interface AllocationOrder {
  priority: number;
  /** Due minute. */
  due: number;
  /** Work started (done, running or frozen operations): allocated first, never left out. */
  started: boolean;
  /** What it still consumes. */
  consumptions: readonly Consumption[];
  /** Item it produces (its quantity), or null when nothing consumes that item. */
  produces: { item: string; quantity: number } | null;
  /** Reserved stock per item. */
  reserved: ReadonlyMap<string, number>;
}

export interface AllocationShortage {
  item: string;
  quantity: number;
}

export interface Allocation {
  /** Orders (by index) left out, with what they lack. */
  unplannable: Map<number, AllocationShortage[]>;
  /** Started orders that are short all the same (the plan cannot be made). */
  shortStarted: Map<number, AllocationShortage[]>;
}

/** @param supply unreserved stock on hand plus all receipts, per item */
export function allocateMaterial(orders: readonly AllocationOrder[], supply: ReadonlyMap<string, number>): Allocation {
  const sequence = orders.map((_, i) => i);
  sequence.sort((a, b) => {
    const x = orders[a]!;
    const y = orders[b]!;
    return Number(y.started) - Number(x.started) || x.priority - y.priority || x.due - y.due || a - b;
  });
  const unplannable = new Map<number, AllocationShortage[]>();
  const fromPool = new Map<string, number>();
  for (;;) {
    const left = new Map(supply);
    orders.forEach((o, i) => {
      if (o.produces !== null && !unplannable.has(i)) left.set(o.produces.item, (left.get(o.produces.item) ?? 0) + o.produces.quantity);
    });
    const shortStarted = new Map<number, AllocationShortage[]>();
    let dropped = false;
    for (const i of sequence) {
      const order = orders[i]!;
      fromPool.clear();
      for (const c of order.consumptions) fromPool.set(c.item, (fromPool.get(c.item) ?? 0) + c.quantity);
      let shortages: AllocationShortage[] | null = null;
      for (const [item, need] of fromPool) {
        const rest = need - Math.min(need, order.reserved.get(item) ?? 0);
        fromPool.set(item, rest);
        const available = Math.max(0, left.get(item) ?? 0);
        if (rest > available + MATERIAL_EPSILON * Math.max(1, rest)) (shortages ??= []).push({ item, quantity: rest - available });
      }
      if (unplannable.has(i)) {
        // Reported against what is left at its turn in the final allocation.
        if (shortages !== null) unplannable.set(i, shortages);
        continue;
      }
      if (shortages !== null && !order.started) {
        unplannable.set(i, shortages);
        dropped ||= order.produces !== null;
        continue;
      }
      if (shortages !== null) shortStarted.set(i, shortages);
      for (const [item, rest] of fromPool) left.set(item, (left.get(item) ?? 0) - rest);
    }
    if (!dropped) return { unplannable, shortStarted };
  }
}
