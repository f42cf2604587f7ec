/**
 * Pegs one item's requirements (gather-requirements.ts: safety stock first — held from the start, so on
 * hand covers it before anything else and a planned order that restores it is pegged to nothing — then
 * in time order) to its supplies in arrival order: on hand, then per bucket its open receipts and its
 * planned order, first in first out (pegging.ts).
 */
import type { ItemGroups } from "./index-request.ts";
import { pegFirstInFirstOut } from "./pegging.ts";
import type { OrderStore } from "./plan-store.ts";
import { SAFETY_STOCK } from "./plan-store.ts";

/** Reusable scratch for pegging item after item. */
export class ItemPegging {
  private supply: Float64Array;
  private supplyKind: Int32Array; // ≥ 0 planned order, −1 on hand, −2 − r open receipt r

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
  }

  /**
   * Pegs item `item`'s requirements to its on hand, open receipts and planned orders (`orderAt[t]`, −1
   * where none).
   */
  peg(
    item: number,
    onHand: number,
    requirements: { readonly quantity: Float64Array; readonly source: Int32Array; readonly count: number },
    receipts: ItemGroups,
    receiptQuantity: Float64Array,
    orderAt: Int32Array,
  ): void {
    const supplies = this.gatherSupplies(item, onHand, receipts, receiptQuantity, orderAt);
    this.requirementSource = requirements.source;
    pegFirstInFirstOut(this.supply, supplies, requirements.quantity, requirements.count, this.allocate);
  }

  private requirementSource: Int32Array = new Int32Array(0);
  private readonly allocate = (s: number, r: number, quantity: number): void => {
    const kind = this.supplyKind[s]!;
    if (kind >= 0) {
      const source = this.requirementSource[r]!;
      if (source !== SAFETY_STOCK) this.orders.addPeg(kind, source, quantity);
    } else if (kind <= -2) this.receiptUsed[-2 - kind]! += quantity;
  };

  private gatherSupplies(item: number, onHand: number, receipts: ItemGroups, receiptQuantity: Float64Array, orderAt: Int32Array): number {
    const first = receipts.start[item]!;
    const end = receipts.start[item + 1]!;
    const needed = 1 + (end - first) + this.buckets;
    if (needed > this.supply.length) {
      this.supply = new Float64Array(needed);
      this.supplyKind = new Int32Array(needed);
    }
    const { supply, supplyKind } = this;
    let n = 0;
    if (onHand > 0) {
      supply[n] = onHand;
      supplyKind[n++] = -1;
    }
    let next = first;
    for (let t = 0; t < this.buckets; t++) {
      for (; next < end && receipts.bucket[receipts.order[next]!] === t; next++) {
        const r = receipts.order[next]!;
        supply[n] = receiptQuantity[r]!;
        supplyKind[n++] = -2 - r;
      }
      const k = orderAt[t]!;
      if (k >= 0) {
        supply[n] = this.orders.quantity[k]!;
        supplyKind[n++] = k;
      }
    }
    return n;
  }
}
