/**
 * One item's requirements, pulled when the item is planned (all its parents are planned by then):
 * its independent demands, and for every BOM line using it every planned order of the parent —
 * start quantity × line quantity in the parent's release bucket (issue 5, convention 2). Adds them up
 * into the gross requirements and lists them for pegging in time order: safety stock first (held from
 * the start), then per bucket the independent demands (input order) and the parents' requirements
 * (BOM line order, then the parent's orders in time order), by a stable sort on the bucket.
 * A phantom parent's order is listed as the requirements it was pegged to, scaled by the line quantity,
 * so pegging passes through phantoms to the real parent order or demand (unless `throughPhantoms` is
 * false: full pegging lists a phantom's orders like any parent's). Linear in requirements + buckets
 * (short lists are insertion-sorted: at most INSERTION_SORT_MAX² steps).
 */
import type { ItemGroups } from "./index-request.ts";
import type { BomGraph } from "./low-level-codes.ts";
import type { OrderStore } from "./plan-store.ts";
import { demandSource, grow, SAFETY_STOCK } from "./plan-store.ts";

/** What the gathering reads: the planning state so far. */
export interface PlanningState {
  readonly graph: BomGraph;
  readonly demands: ItemGroups;
  /** 1 for a phantom item, else 0. */
  readonly phantom: Uint8Array;
  readonly orders: OrderStore;
  /** Orders of item i are `orderFirst[i] … orderEnd[i] − 1` in the store (set once i is planned). */
  readonly orderFirst: Int32Array;
  readonly orderEnd: Int32Array;
}

/**
 * Requirement lists up to this long are sorted by insertion, longer ones by counting: most items have a
 * few dozen requirements, and counting costs a pass over all buckets twice per item.
 */
const INSERTION_SORT_MAX = 32;

/** Reusable scratch for gathering item after item. */
export class RequirementGathering {
  /** The last gathered item's requirements in pegging order: quantity and source (see plan-store.ts), `count` of them. */
  quantity = new Float64Array(1024);
  source = new Int32Array(1024);
  count = 0;
  private unsorted = 0;
  private bucketOf = new Int32Array(1024);
  private unsortedQuantity = new Float64Array(1024);
  private unsortedSource = new Int32Array(1024);
  private readonly firstOfBucket: Int32Array;
  private readonly sortedBucket = new Int32Array(INSERTION_SORT_MAX + 1);

  constructor(
    private readonly buckets: number,
    private readonly throughPhantoms = true,
  ) {
    this.firstOfBucket = new Int32Array(buckets + 1);
  }

  /** Gathers item `item`'s requirements, adding them up per bucket into `gross` (zeros on entry). */
  gather(item: number, safetyStock: number, state: PlanningState, gross: Float64Array): void {
    const { graph, demands, orders, orderFirst, orderEnd, phantom } = state;
    this.unsorted = 0;
    for (let k = demands.start[item]!; k < demands.start[item + 1]!; k++) {
      const d = demands.order[k]!;
      const quantity = demands.quantity[d]!;
      gross[demands.bucket[d]!]! += quantity;
      this.add(demands.bucket[d]!, quantity, demandSource(d));
    }
    // The store's arrays in locals: it does not grow while an item is gathered, and the hot loop then
    // reads typed arrays, not object fields that might have been replaced.
    const { releaseBucket, startQuantity, pegFirst, pegEnd, pegQuantity, pegSource } = orders;
    const { usedParent, usedQuantity } = graph;
    for (let u = graph.usedStart[item]!; u < graph.usedStart[item + 1]!; u++) {
      const parent = usedParent[u]!;
      const perParent = usedQuantity[u]!;
      const first = orderFirst[parent]!;
      const end = orderEnd[parent]!;
      if (phantom[parent] !== 0 && this.throughPhantoms) {
        for (let k = first; k < end; k++) {
          const bucket = releaseBucket[k]!;
          gross[bucket]! += startQuantity[k]! * perParent;
          for (let p = pegFirst[k]!; p < pegEnd[k]!; p++) this.add(bucket, pegQuantity[p]! * perParent, pegSource[p]!);
        }
        continue;
      }
      // The hot loop (a requirement per parent order and BOM line): room made once, arrays in locals.
      this.reserve(end - first);
      const { bucketOf, unsortedQuantity, unsortedSource } = this;
      let n = this.unsorted;
      for (let k = first; k < end; k++, n++) {
        const bucket = releaseBucket[k]!;
        const quantity = startQuantity[k]! * perParent;
        gross[bucket]! += quantity;
        bucketOf[n] = bucket;
        unsortedQuantity[n] = quantity;
        unsortedSource[n] = k;
      }
      this.unsorted = n;
    }
    this.sortByBucket(this.unsorted, safetyStock);
  }

  /** Makes room for `more` requirements after the `unsorted` listed. */
  private reserve(more: number): void {
    const size = this.unsorted + more;
    if (size <= this.bucketOf.length) return;
    this.bucketOf = grow(this.bucketOf, size);
    this.unsortedQuantity = grow(this.unsortedQuantity, size);
    this.unsortedSource = grow(this.unsortedSource, size);
  }

  private add(bucket: number, quantity: number, source: number): void {
    this.reserve(1);
    const n = this.unsorted++;
    this.bucketOf[n] = bucket;
    this.unsortedQuantity[n] = quantity;
    this.unsortedSource[n] = source;
  }

  private sortByBucket(n: number, safetyStock: number): void {
    const offset = safetyStock > 0 ? 1 : 0;
    this.quantity = grow(this.quantity, n + offset);
    this.source = grow(this.source, n + offset);
    if (offset > 0) {
      this.quantity[0] = safetyStock;
      this.source[0] = SAFETY_STOCK;
    }
    if (n <= INSERTION_SORT_MAX) this.insertionSort(n, offset);
    else this.countingSort(n, offset);
    this.count = n + offset;
  }

  /** Stable; `n + inversions` steps, and the list is a few runs already in bucket order (demands, each parent's orders). */
  private insertionSort(n: number, offset: number): void {
    const { bucketOf, unsortedQuantity, unsortedSource, quantity, source, sortedBucket } = this;
    for (let r = 0; r < n; r++) {
      const bucket = bucketOf[r]!;
      let at = offset + r;
      for (; at > offset && sortedBucket[at - 1]! > bucket; at--) {
        sortedBucket[at] = sortedBucket[at - 1]!;
        quantity[at] = quantity[at - 1]!;
        source[at] = source[at - 1]!;
      }
      sortedBucket[at] = bucket;
      quantity[at] = unsortedQuantity[r]!;
      source[at] = unsortedSource[r]!;
    }
  }

  /** Stable; `n + buckets` steps. */
  private countingSort(n: number, offset: number): void {
    const first = this.firstOfBucket.fill(0);
    for (let r = 0; r < n; r++) first[this.bucketOf[r]! + 1]!++;
    first[0] = offset;
    for (let t = 0; t < this.buckets; t++) first[t + 1]! += first[t]!;
    for (let r = 0; r < n; r++) {
      const at = first[this.bucketOf[r]!]!++;
      this.quantity[at] = this.unsortedQuantity[r]!;
      this.source[at] = this.unsortedSource[r]!;
    }
  }
}
