/**
 * One item's requirements, pulled when the item is planned (all its parents are planned by then):
 * its independent demands, and for every BOM line using it every planned order of the parent —
 * start quantity × line quantity in the parent's release bucket (issue 5, convention 2). Adds them up
 * into the gross requirements and lists them for pegging in time order: safety stock first (held from
 * the start), then per bucket the independent demands (input order) and the parents' requirements
 * (BOM line order, then the parent's orders in time order), by a stable counting sort on the bucket.
 * A phantom parent's order is listed as the requirements it was pegged to, scaled by the line quantity,
 * so pegging passes through phantoms to the real parent order or demand. Linear in requirements + buckets.
 */
import type { ItemGroups } from "./index-request.ts";
import type { BomGraph } from "./low-level-codes.ts";
import type { OrderStore } from "./plan-store.ts";
import { demandSource, grow, SAFETY_STOCK } from "./plan-store.ts";

/** What the gathering reads: the planning state so far. */
export interface PlanningState {
  readonly graph: BomGraph;
  readonly demands: ItemGroups;
  /** Quantity of each demand, by request index. */
  readonly demandQuantity: Float64Array;
  readonly phantom: Uint8Array;
  readonly orders: OrderStore;
  /** Orders of item i are `orderFirst[i] … orderEnd[i] − 1` in the store (set once i is planned). */
  readonly orderFirst: Int32Array;
  readonly orderEnd: Int32Array;
}

/** Reusable scratch for gathering item after item. */
export class RequirementGathering {
  /** Gross requirements of the last gathered item, per bucket. */
  readonly gross: Float64Array;
  /** Its requirements in pegging order: quantity and source (see plan-store.ts), `count` of them. */
  quantity = new Float64Array(1024);
  source = new Int32Array(1024);
  count = 0;
  private unsorted = 0;
  private bucketOf = new Int32Array(1024);
  private unsortedQuantity = new Float64Array(1024);
  private unsortedSource = new Int32Array(1024);
  private readonly firstOfBucket: Int32Array;

  constructor(private readonly buckets: number) {
    this.gross = new Float64Array(buckets);
    this.firstOfBucket = new Int32Array(buckets + 1);
  }

  gather(item: number, safetyStock: number, state: PlanningState): void {
    const { graph, demands, orders, orderFirst, orderEnd, phantom } = state;
    const gross = this.gross.fill(0);
    this.unsorted = 0;
    for (let k = demands.start[item]!; k < demands.start[item + 1]!; k++) {
      const d = demands.order[k]!;
      const quantity = state.demandQuantity[d]!;
      gross[demands.bucket[d]!]! += quantity;
      this.add(demands.bucket[d]!, quantity, demandSource(d));
    }
    // The store's arrays in locals: it does not grow while an item is gathered, and the hot loop then
    // reads typed arrays, not object fields that might have been replaced.
    const { releaseBucket, startQuantity, pegFirst, pegEnd, pegQuantity, pegSource } = orders;
    for (let u = graph.usedStart[item]!; u < graph.usedStart[item + 1]!; u++) {
      const line = graph.lineOf[u]!;
      const parent = graph.parent[line]!;
      const perParent = graph.quantity[line]!;
      const passThrough = phantom[parent] !== 0;
      for (let k = orderFirst[parent]!; k < orderEnd[parent]!; k++) {
        const bucket = releaseBucket[k]!;
        const quantity = startQuantity[k]! * perParent;
        gross[bucket]! += quantity;
        if (!passThrough) this.add(bucket, quantity, k);
        else for (let p = pegFirst[k]!; p < pegEnd[k]!; p++) this.add(bucket, pegQuantity[p]! * perParent, pegSource[p]!);
      }
    }
    this.sortByBucket(this.unsorted, safetyStock);
  }

  private add(bucket: number, quantity: number, source: number): void {
    const n = this.unsorted++;
    if (n === this.bucketOf.length) {
      this.bucketOf = grow(this.bucketOf, n + 1);
      this.unsortedQuantity = grow(this.unsortedQuantity, n + 1);
      this.unsortedSource = grow(this.unsortedSource, n + 1);
    }
    this.bucketOf[n] = bucket;
    this.unsortedQuantity[n] = quantity;
    this.unsortedSource[n] = source;
  }

  private sortByBucket(n: number, safetyStock: number): void {
    const first = this.firstOfBucket.fill(0);
    for (let r = 0; r < n; r++) first[this.bucketOf[r]! + 1]!++;
    const offset = safetyStock > 0 ? 1 : 0;
    first[0] = offset;
    for (let t = 0; t < this.buckets; t++) first[t + 1]! += first[t]!;
    this.quantity = grow(this.quantity, n + offset);
    this.source = grow(this.source, n + offset);
    if (offset > 0) {
      this.quantity[0] = safetyStock;
      this.source[0] = SAFETY_STOCK;
    }
    for (let r = 0; r < n; r++) {
      const at = first[this.bucketOf[r]!]!++;
      this.quantity[at] = this.unsortedQuantity[r]!;
      this.source[at] = this.unsortedSource[r]!;
    }
    this.count = n + offset;
  }
}
