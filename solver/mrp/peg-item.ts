/**
 * Pegs one item's requirements (gather-requirements.ts: safety stock first — held from the start, so on
 * hand covers it before anything else and a planned order that restores it is pegged to nothing — then
 * in time order) to its supplies in arrival order: on hand, then per bucket its open receipts, its firm
 * planned orders and its planned order, first in first out (pegging.ts).
 */
import type { ItemGroups } from "./index-request.ts";
import type { Allocations } from "./pegging.ts";
import { pegFirstInFirstOut } from "./pegging.ts";
import type { OrderStore } from "./plan-store.ts";
import { grow, SAFETY_STOCK } from "./plan-store.ts";

/** What a requirement list looks like to pegging (gather-requirements.ts). */
export interface PeggedRequirements {
  readonly quantity: Float64Array;
  readonly source: Int32Array;
  readonly count: number;
}

/** Reusable scratch for pegging item after item. */
export class ItemPegging {
  private supply: Float64Array;
  /** Each supply of the last allocation: ≥ 0 store order (firm or planned), −1 on hand, −2 − r open receipt r. */
  supplyKind: Int32Array;
  /** The last allocation's, `count` of them (what `allocate` returns), by supply then requirement. */
  allocations: Allocations;

  /** `orders` receives the pegs. */
  constructor(
    private readonly buckets: number,
    private readonly orders: OrderStore,
  ) {
    this.supply = new Float64Array(buckets + 1);
    this.supplyKind = new Int32Array(buckets + 1);
    this.allocations = { supply: new Int32Array(1024), requirement: new Int32Array(1024), quantity: new Float64Array(1024) };
  }

  /**
   * Pegs item `item`'s requirements to its on hand, open receipts, firm planned orders `firstOrder …
   * firstPlanned − 1` and planned orders `firstPlanned … endOrder − 1` (each run in receipt-bucket order).
   */
  peg(item: number, onHand: number, requirements: PeggedRequirements, receipts: ItemGroups, firstOrder: number, firstPlanned: number, endOrder: number): void {
    const count = this.allocate(item, onHand, requirements, receipts, firstOrder, firstPlanned, endOrder);
    const { supplyKind, orders, allocations } = this;
    const { source } = requirements;
    for (let a = 0; a < count; a++) {
      const kind = supplyKind[allocations.supply[a]!]!;
      if (kind < 0) continue;
      const requirementSource = source[allocations.requirement[a]!]!;
      if (requirementSource !== SAFETY_STOCK) orders.addPeg(kind, requirementSource, allocations.quantity[a]!);
    }
  }

  /** Allocates the requirements to the supplies (as `peg`) into `allocations`; returns how many allocations. */
  allocate(item: number, onHand: number, requirements: PeggedRequirements, receipts: ItemGroups, firstOrder: number, firstPlanned: number, endOrder: number): number {
    const supplies = this.gatherSupplies(item, onHand, receipts, firstOrder, firstPlanned, endOrder);
    const room = supplies + requirements.count;
    if (room > this.allocations.supply.length) {
      const { supply, requirement, quantity } = this.allocations;
      this.allocations = { supply: grow(supply, room), requirement: grow(requirement, room), quantity: grow(quantity, room) };
    }
    return pegFirstInFirstOut(this.supply, supplies, requirements.quantity, requirements.count, this.allocations);
  }

  /**
   * Lists the supplies in arrival order: on hand, then the open receipts (by bucket) merged with the firm
   * and planned orders (by receipt bucket), in a bucket its receipts, then its firm orders, then its
   * planned order (one per bucket).
   */
  private gatherSupplies(item: number, onHand: number, receipts: ItemGroups, firstOrder: number, firstPlanned: number, endOrder: number): number {
    const first = receipts.start[item]!;
    const end = receipts.start[item + 1]!;
    const needed = 1 + (end - first) + (endOrder - firstOrder);
    if (needed > this.supply.length) {
      this.supply = grow(this.supply, needed);
      this.supplyKind = grow(this.supplyKind, needed);
    }
    const { supply, supplyKind } = this;
    const { order, bucket, quantity } = receipts;
    const { receiptBucket } = this.orders;
    let n = 0;
    if (onHand > 0) {
      supply[n] = onHand;
      supplyKind[n++] = -1;
    }
    let next = first;
    let firm = firstOrder;
    let planned = firstPlanned;
    // One round per order, and a last one (arrival past the horizon) for the receipts after them.
    for (;;) {
      const firmArrival = firm < firstPlanned ? receiptBucket[firm]! : this.buckets;
      const plannedArrival = planned < endOrder ? receiptBucket[planned]! : this.buckets;
      const k = firmArrival <= plannedArrival ? (firm < firstPlanned ? firm++ : -1) : planned++;
      const arrival = k < 0 ? this.buckets : receiptBucket[k]!;
      for (; next < end && bucket[order[next]!]! <= arrival; next++) {
        const r = order[next]!;
        supply[n] = quantity[r]!;
        supplyKind[n++] = -2 - r;
      }
      if (k < 0) return n;
      supply[n] = this.orders.quantity[k]!;
      supplyKind[n++] = k;
    }
  }
}
