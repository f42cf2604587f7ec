/**
 * Pegs one item's requirements (gather-requirements.ts: safety stock first — held from the start, so on
 * hand covers it before anything else and a planned order that restores it is pegged to nothing — then
 * in time order) to its supplies in arrival order: on hand, then per bucket its open receipts and its
 * planned order, first in first out (pegging.ts).
 */
import type { ItemGroups } from "./index-request.ts";
import type { Allocations } from "./pegging.ts";
import { pegFirstInFirstOut } from "./pegging.ts";
import type { OrderStore } from "./plan-store.ts";
import { grow, SAFETY_STOCK } from "./plan-store.ts";

/** Reusable scratch for pegging item after item. */
export class ItemPegging {
  private supply: Float64Array;
  private supplyKind: Int32Array; // ≥ 0 planned order, −1 on hand, −2 − r open receipt r
  private allocations: Allocations;

  /**
   * `orders` receives the pegs; `receiptUsed[r]` accumulates what requirements take from open receipt r
   * (by request index).
   */
  constructor(
    private readonly buckets: number,
    private readonly orders: OrderStore,
    private readonly receiptUsed: Float64Array,
  ) {
    this.supply = new Float64Array(buckets + 1);
    this.supplyKind = new Int32Array(buckets + 1);
    this.allocations = { supply: new Int32Array(1024), requirement: new Int32Array(1024), quantity: new Float64Array(1024) };
  }

  /** Pegs item `item`'s requirements to its on hand, open receipts and planned orders `firstOrder … endOrder − 1`. */
  peg(
    item: number,
    onHand: number,
    requirements: { readonly quantity: Float64Array; readonly source: Int32Array; readonly count: number },
    receipts: ItemGroups,
    firstOrder: number,
    endOrder: number,
  ): void {
    const supplies = this.gatherSupplies(item, onHand, receipts, firstOrder, endOrder);
    const room = supplies + requirements.count;
    if (room > this.allocations.supply.length) {
      const { supply, requirement, quantity } = this.allocations;
      this.allocations = { supply: grow(supply, room), requirement: grow(requirement, room), quantity: grow(quantity, room) };
    }
    const allocations = this.allocations;
    const count = pegFirstInFirstOut(this.supply, supplies, requirements.quantity, requirements.count, allocations);
    const { supplyKind, orders, receiptUsed } = this;
    const { source } = requirements;
    for (let a = 0; a < count; a++) {
      const kind = supplyKind[allocations.supply[a]!]!;
      const quantity = allocations.quantity[a]!;
      if (kind >= 0) {
        const requirementSource = source[allocations.requirement[a]!]!;
        if (requirementSource !== SAFETY_STOCK) orders.addPeg(kind, requirementSource, quantity);
      } else if (kind <= -2) receiptUsed[-2 - kind]! += quantity;
    }
  }

  /**
   * Lists the supplies in arrival order: on hand, then the open receipts (by bucket) merged with the
   * planned orders (by receipt bucket, one per bucket), a bucket's receipts before its order.
   */
  private gatherSupplies(item: number, onHand: number, receipts: ItemGroups, firstOrder: number, endOrder: number): number {
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
    // One round per order, and a last one (arrival past the horizon) for the receipts after them.
    for (let k = firstOrder; k <= endOrder; k++) {
      const arrival = k < endOrder ? receiptBucket[k]! : this.buckets;
      for (; next < end && bucket[order[next]!]! <= arrival; next++) {
        const r = order[next]!;
        supply[n] = quantity[r]!;
        supplyKind[n++] = -2 - r;
      }
      if (k < endOrder) {
        supply[n] = this.orders.quantity[k]!;
        supplyKind[n++] = k;
      }
    }
    return n;
  }
}
