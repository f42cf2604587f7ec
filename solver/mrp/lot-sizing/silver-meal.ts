/**
 * Silver–Meal heuristic (Silver & Meal 1973): starting at the first bucket with a net requirement, extend
 * the lot over the following buckets (zero-requirement buckets included) while the cost per bucket,
 * (S + H·Σ (k − i)·d_k) / (buckets covered), does not increase — ties extend — then start the next lot at
 * the next bucket with a requirement. The comparison is cross-multiplied, so integer costs compare exactly.
 */
import { QUANTITY_EPSILON } from "../net-requirements.ts";

/**
 * Lot size per bucket (0 where no lot starts) for the net requirements `net`, written into `lots` (≥ one
 * cell per bucket; planning passes one array for all its items) and returned.
 */
export function silverMeal(net: ArrayLike<number>, setupCost: number, holdingCost: number, lots: Float64Array = new Float64Array(net.length)): Float64Array {
  const buckets = net.length;
  lots.fill(0, 0, buckets);
  let i = 0;
  while (i < buckets) {
    if (net[i]! <= QUANTITY_EPSILON) {
      i++;
      continue;
    }
    let cost = setupCost;
    let covered = 1;
    let quantity = net[i]!;
    while (i + covered < buckets) {
      const next = net[i + covered]!;
      const extended = cost + holdingCost * covered * next;
      if (extended * covered > cost * (covered + 1)) break;
      cost = extended;
      quantity += next;
      covered++;
    }
    lots[i] = quantity;
    i += covered;
  }
  return lots;
}
