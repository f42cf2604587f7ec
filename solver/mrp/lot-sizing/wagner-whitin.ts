/**
 * Wagner–Whitin dynamic lot sizing (Wagner & Whitin 1958, "Dynamic version of the economic lot size
 * model"): the minimum setup + holding cost plan covering a sequence of net requirements, lots placed
 * only in buckets with a requirement (the zero-inventory property makes that optimal). A lot in bucket i
 * covering buckets i … j costs S + H·Σ (k − i)·d_k: units are charged for every bucket they wait.
 *
 * Safety stock is not part of the cost: the input is the lot-for-lot net requirement sequence, which
 * already restores safety stock, and holding the safety stock costs the same in every plan.
 * Ties go to the lot that starts earliest. O(T²) per item, T = buckets, but the search for a lot's start
 * stops once the holding cost alone exceeds the best plan found, so it is about T × lot length.
 */
import { QUANTITY_EPSILON } from "../net-requirements.ts";

/** The arrays of one run, for `buckets` buckets: planning reuses them item after item. */
export class WagnerWhitinScratch {
  /** The result: lot size per bucket, 0 where no lot starts. */
  readonly lots: Float64Array;
  /** best[j]: the cheapest cover of buckets 0 … j−1. */
  readonly best: Float64Array;
  /** lotStart[j]: start of the lot covering bucket j−1 in that cover; −1: none needed. */
  readonly lotStart: Int32Array;

  constructor(buckets: number) {
    this.lots = new Float64Array(buckets);
    this.best = new Float64Array(buckets + 1);
    this.lotStart = new Int32Array(buckets + 1);
  }
}

/** Lot size per bucket (0 where no lot starts) for the net requirements `net`: `scratch.lots`, overwritten. */
export function wagnerWhitin(net: ArrayLike<number>, setupCost: number, holdingCost: number, scratch = new WagnerWhitinScratch(net.length)): Float64Array {
  const buckets = net.length;
  const { best, lotStart, lots } = scratch;
  best[0] = 0;
  lotStart.fill(-1, 0, buckets + 1);
  for (let j = 1; j <= buckets; j++) {
    if (net[j - 1]! <= QUANTITY_EPSILON) {
      best[j] = best[j - 1]!;
      continue;
    }
    let cost = Infinity;
    let carried = 0; // Σ d_k for k in i+1 … j−1
    let holding = 0; // H·Σ (k − i)·d_k for k in i … j−1
    for (let i = j - 1; i >= 0; i--) {
      if (i < j - 1) {
        carried += net[i + 1]!;
        holding += holdingCost * carried;
      }
      // Every earlier start costs at least setup + this holding (best[·] ≥ 0) and holding only grows.
      if (setupCost + holding > cost) break;
      if (net[i]! <= QUANTITY_EPSILON) continue;
      const candidate = best[i]! + setupCost + holding;
      if (candidate <= cost) {
        cost = candidate;
        lotStart[j] = i;
      }
    }
    best[j] = cost;
  }
  lots.fill(0, 0, buckets);
  for (let j = buckets; j > 0; ) {
    const i = lotStart[j]!;
    if (i < 0) {
      j--;
      continue;
    }
    let quantity = 0;
    for (let k = i; k < j; k++) quantity += net[k]!;
    lots[i] = quantity;
    j = i;
  }
  return lots;
}
