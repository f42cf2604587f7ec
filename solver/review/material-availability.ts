/**
 * Material availability of an order to promise (available-to-promise on the purchased components, after
 * the handbooks' rule that material is reserved for confirmed orders first): the order's requirement is
 * exploded through the BOM (phantoms and made sub-assemblies included, scrap inflating what each made item
 * starts) down to purchased items; for each,
 * the projected balance over time is on-hand + open receipts − what confirmed orders need, each dated at
 * its start. The order may take q at time t when the balance stays ≥ q from t on (cumulative ATP), so the
 * earliest such t among now and the receipt dates is when the item is available. When even the last
 * receipt leaves too little, the shortage is bought: it arrives a purchase lead time after now.
 */
import type { BomLine } from "../../src/bom.ts";
import type { Item } from "../../src/item.ts";

export interface MaterialSupply {
  items: ReadonlyMap<string, Item>;
  /** BOM lines by parent. */
  components: ReadonlyMap<string, readonly BomLine[]>;
  /** Open receipts per item: arrival minute and quantity. */
  receipts: ReadonlyMap<string, ReadonlyArray<{ at: number; quantity: number }>>;
  /** Minutes per lead-time unit (a day or a bucket). */
  leadTimeUnitMinutes: number;
}

/** A quantity of a purchased item an order needs at a time (minutes). */
export interface MaterialDemand {
  item: string;
  quantity: number;
  at: number;
}

export interface ItemAvailability {
  item: string;
  required: number;
  shortage: number;
  /** When the required quantity is available (minutes). */
  available: number;
  source: "on-hand" | "receipt" | "purchase";
}

export function materialSupply(items: readonly Item[], bom: readonly BomLine[], receipts: ReadonlyArray<{ item: string; at: number; quantity: number }>, leadTimeUnitMinutes: number): MaterialSupply {
  const components = new Map<string, BomLine[]>();
  for (const line of bom) components.set(line.parent, [...(components.get(line.parent) ?? []), line]);
  const byItem = new Map<string, Array<{ at: number; quantity: number }>>();
  for (const r of receipts) byItem.set(r.item, [...(byItem.get(r.item) ?? []), { at: r.at, quantity: r.quantity }]);
  return { items: new Map(items.map((i) => [i.id, i])), components, receipts: byItem, leadTimeUnitMinutes };
}

/**
 * Purchased-component quantities for quantity good units of item (nothing when the item has no BOM). As in
 * MRP (issue 5, convention 5), a made item with a scrap rate r starts quantity / (1 − r) units and its
 * components are needed for what starts; a phantom has no scrap.
 */
export function explodeToPurchased(supply: MaterialSupply, item: string, quantity: number, out = new Map<string, number>()): Map<string, number> {
  const master = supply.items.get(item);
  const started = master && !master.phantom ? quantity / (1 - master.scrapRate) : quantity;
  for (const line of supply.components.get(item) ?? []) {
    const q = started * line.quantity;
    const component = supply.items.get(line.component);
    const bought = component?.source === "buy" || (component?.source === undefined && !supply.components.has(line.component));
    if (bought) out.set(line.component, (out.get(line.component) ?? 0) + q);
    else explodeToPurchased(supply, line.component, q, out);
  }
  return out;
}

/**
 * When `required` units of item are free for an order, given the confirmed orders' demands on it.
 * @param now minutes; nothing is available earlier
 */
export function itemAvailability(supply: MaterialSupply, item: string, required: number, demands: readonly MaterialDemand[], now: number): ItemAvailability {
  const master = supply.items.get(item);
  const events: Array<{ at: number; delta: number }> = [{ at: now, delta: master?.onHand ?? 0 }];
  for (const r of supply.receipts.get(item) ?? []) events.push({ at: Math.max(now, r.at), delta: r.quantity });
  for (const d of demands) if (d.item === item) events.push({ at: Math.max(now, d.at), delta: -d.quantity });
  events.sort((a, b) => a.at - b.at);
  // Balance after all events at each distinct time, then its suffix minimum (what stays free from then on).
  const times: number[] = [];
  const balance: number[] = [];
  let running = 0;
  for (const e of events) {
    running += e.delta;
    if (times.at(-1) === e.at) balance[balance.length - 1] = running;
    else (times.push(e.at), balance.push(running));
  }
  const free = balance.slice();
  for (let i = free.length - 2; i >= 0; i--) free[i] = Math.min(free[i]!, free[i + 1]!);
  const eps = 1e-9;
  // Free from t on: the suffix minimum at the last event not after t (the first event is at now ≤ t).
  const freeAt = (t: number) => {
    let i = 0;
    while (i + 1 < times.length && times[i + 1]! <= t) i++;
    return free[i]!;
  };
  const firstFree = (need: number, from: number): number | null => {
    // Taking nothing from stock makes no confirmed order shorter, even where they are short already.
    if (need <= eps || freeAt(from) >= need - eps) return from;
    for (let i = 0; i < times.length; i++) if (times[i]! > from && free[i]! >= need - eps) return times[i]!;
    return null;
  };
  const covered = firstFree(required, now);
  if (covered !== null) return { item, required, shortage: 0, available: covered, source: covered === now ? "on-hand" : "receipt" };
  const shortage = required - Math.max(0, free.at(-1)!);
  const arrival = now + (master?.leadTime ?? 0) * supply.leadTimeUnitMinutes;
  return { item, required, shortage, available: firstFree(required - shortage, arrival)!, source: "purchase" };
}
