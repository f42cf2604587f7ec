/**
 * Material availability of an order to promise (available-to-promise on the purchased components, after
 * the handbooks' rule that material is reserved for confirmed orders first): the order's requirement is
 * exploded through the BOM (phantoms and made sub-assemblies included, scrap inflating what each made item
 * starts, sub-assemblies in stock taken before they are made) down to purchased items; for each,
 * the projected balance over time is on-hand + open receipts − what confirmed orders need, each dated at
 * its start. The order may take q at time t when the balance stays ≥ q from t on (cumulative ATP), so the
 * earliest such t among now and the receipt dates is when the item is available. When even the last
 * receipt leaves too little, the shortage is bought: it arrives a purchase lead time after now.
 */
import type { BomLine } from "../../src/bom.ts";
import type { Item } from "../../src/item.ts";

/** Quantities this close to zero are float noise from BOM products. */
const EPSILON = 1e-9;

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
 * How much of `wanted` units of a made sub-assembly an order takes from its stock (0 … wanted); the rest is
 * made, and its own components exploded.
 */
export type TakeFromStock = (item: string, wanted: number) => number;

/**
 * Purchased-component quantities for quantity good units of item (nothing when the item has no BOM). As in
 * MRP (issue 5, convention 5), a made item with a scrap rate r starts quantity / (1 − r) units and its
 * components are needed for what starts; a phantom has no scrap and no stock. A made sub-assembly is taken
 * from stock first when `take` says so (the default takes nothing).
 */
export function explodeToPurchased(supply: MaterialSupply, item: string, quantity: number, out = new Map<string, number>(), take: TakeFromStock = () => 0): Map<string, number> {
  const master = supply.items.get(item);
  const started = master && !master.phantom ? quantity / (1 - master.scrapRate) : quantity;
  for (const line of supply.components.get(item) ?? []) {
    const q = started * line.quantity;
    const component = supply.items.get(line.component);
    const bought = component?.source === "buy" || (component?.source === undefined && !supply.components.has(line.component));
    if (bought) out.set(line.component, (out.get(line.component) ?? 0) + q);
    else {
      const made = component?.phantom ? q : q - take(line.component, q);
      if (made > EPSILON) explodeToPurchased(supply, line.component, made, out, take);
    }
  }
  return out;
}

/**
 * The item's balance over time — on hand, plus receipts, minus the confirmed orders' demands, each at its
 * time (none before now) — as its event times and what stays free from each on (the balance's minimum from
 * that time to the end).
 */
function freeFromEachTime(supply: MaterialSupply, item: string, demands: readonly MaterialDemand[], now: number): { times: number[]; free: number[] } {
  const master = supply.items.get(item);
  const events: Array<{ at: number; delta: number }> = [{ at: now, delta: master?.onHand ?? 0 }];
  for (const r of supply.receipts.get(item) ?? []) events.push({ at: Math.max(now, r.at), delta: r.quantity });
  for (const d of demands) if (d.item === item) events.push({ at: Math.max(now, d.at), delta: -d.quantity });
  events.sort((a, b) => a.at - b.at);
  const times: number[] = [];
  const free: number[] = [];
  let running = 0;
  for (const e of events) {
    running += e.delta;
    if (times.at(-1) === e.at) free[free.length - 1] = running;
    else (times.push(e.at), free.push(running));
  }
  for (let i = free.length - 2; i >= 0; i--) free[i] = Math.min(free[i]!, free[i + 1]!);
  return { times, free };
}

/** Units of item on hand or received by `at`. */
export function stockBy(supply: MaterialSupply, item: string, at: number): number {
  let stock = supply.items.get(item)?.onHand ?? 0;
  for (const r of supply.receipts.get(item) ?? []) if (r.at <= at) stock += r.quantity;
  return stock;
}

/**
 * Units of item an order may take now without leaving a confirmed order short later (receipts still to
 * come are not counted on: an order reviewed now takes what is there).
 */
export function freeStock(supply: MaterialSupply, item: string, demands: readonly MaterialDemand[], now: number): number {
  return Math.max(0, freeFromEachTime(supply, item, demands, now).free[0]!);
}

/**
 * When `required` units of item are free for an order, given the confirmed orders' demands on it.
 * @param now minutes; nothing is available earlier
 */
export function itemAvailability(supply: MaterialSupply, item: string, required: number, demands: readonly MaterialDemand[], now: number): ItemAvailability {
  const master = supply.items.get(item);
  const { times, free } = freeFromEachTime(supply, item, demands, now);
  // Free from t on: the suffix minimum at the last event not after t (the first event is at now ≤ t).
  const freeAt = (t: number) => {
    let i = 0;
    while (i + 1 < times.length && times[i + 1]! <= t) i++;
    return free[i]!;
  };
  const firstFree = (need: number, from: number): number | null => {
    // Taking nothing from stock makes no confirmed order shorter, even where they are short already.
    if (need <= EPSILON || freeAt(from) >= need - EPSILON) return from;
    for (let i = 0; i < times.length; i++) if (times[i]! > from && free[i]! >= need - EPSILON) return times[i]!;
    return null;
  };
  const covered = firstFree(required, now);
  if (covered !== null) return { item, required, shortage: 0, available: covered, source: covered === now ? "on-hand" : "receipt" };
  const shortage = required - Math.max(0, free.at(-1)!);
  const arrival = now + (master?.leadTime ?? 0) * supply.leadTimeUnitMinutes;
  return { item, required, shortage, available: firstFree(required - shortage, arrival)!, source: "purchase" };
}
