/**
 * Structure-of-arrays store of the planned orders and their pegs. Typed arrays that double when full
 * keep millions of entries out of the garbage collector's way: no per-entry objects until the response.
 */

/** `array` if it holds `size` entries, else a copy at least twice as long. */
export function grow<T extends Int32Array | Float64Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * A requirement's source: a planned order index (≥ 0), independent demand d as −1 − d, or SAFETY_STOCK.
 * Sources never name a phantom's order: a phantom passes its own sources through to its components.
 */
export const SAFETY_STOCK = -(2 ** 31);

export function demandSource(demand: number): number {
  return -1 - demand;
}

/** Planned orders (phantoms' included, which never reach the response) and their pegs, contiguous per order. */
export class OrderStore {
  item: Int32Array;
  receiptBucket: Int32Array;
  releaseBucket: Int32Array;
  quantity: Float64Array;
  startQuantity: Float64Array;
  pegFirst: Int32Array;
  pegEnd: Int32Array;
  size = 0;
  pegSource: Int32Array;
  pegQuantity: Float64Array;
  pegCount = 0;

  /** Initial capacities; both grow as needed. */
  constructor(orders = 1024, pegs = 2 * orders) {
    this.item = new Int32Array(orders);
    this.receiptBucket = new Int32Array(orders);
    this.releaseBucket = new Int32Array(orders);
    this.quantity = new Float64Array(orders);
    this.startQuantity = new Float64Array(orders);
    this.pegFirst = new Int32Array(orders);
    this.pegEnd = new Int32Array(orders);
    this.pegSource = new Int32Array(pegs);
    this.pegQuantity = new Float64Array(pegs);
  }

  add(item: number, receiptBucket: number, releaseBucket: number, quantity: number, startQuantity: number): number {
    const k = this.size++;
    if (k === this.item.length) {
      this.item = grow(this.item, k + 1);
      this.receiptBucket = grow(this.receiptBucket, k + 1);
      this.releaseBucket = grow(this.releaseBucket, k + 1);
      this.quantity = grow(this.quantity, k + 1);
      this.startQuantity = grow(this.startQuantity, k + 1);
      this.pegFirst = grow(this.pegFirst, k + 1);
      this.pegEnd = grow(this.pegEnd, k + 1);
    }
    this.item[k] = item;
    this.receiptBucket[k] = receiptBucket;
    this.releaseBucket[k] = releaseBucket;
    this.quantity[k] = quantity;
    this.startQuantity[k] = startQuantity;
    this.pegFirst[k] = this.pegCount;
    this.pegEnd[k] = this.pegCount;
    return k;
  }

  /** Pegs must arrive order by order (first-in-first-out pegging does); a repeat of the last source merges. */
  addPeg(order: number, source: number, quantity: number): void {
    const last = this.pegEnd[order]! - 1;
    if (last >= this.pegFirst[order]! && this.pegSource[last] === source) {
      this.pegQuantity[last]! += quantity;
      return;
    }
    if (this.pegEnd[order] !== this.pegCount) this.pegFirst[order] = this.pegEnd[order] = this.pegCount;
    const p = this.pegCount++;
    if (p === this.pegSource.length) {
      this.pegSource = grow(this.pegSource, p + 1);
      this.pegQuantity = grow(this.pegQuantity, p + 1);
    }
    this.pegSource[p] = source;
    this.pegQuantity[p] = quantity;
    this.pegEnd[order] = p + 1;
  }
}
