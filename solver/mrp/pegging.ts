/**
 * Single-level first-in-first-out pegging (Orlicky 1975, "pegged requirements"; APICS dictionary,
 * "single-level pegging"): an item's requirements, in time order, consume its supplies in arrival order
 * (on hand, then each bucket's open receipts, then its planned order). Because netting keeps the projected
 * on hand at or above zero in every bucket, no requirement is ever pegged to a later supply.
 * One pass over both lists: O(supplies + requirements).
 */
import { QUANTITY_EPSILON } from "./net-requirements.ts";

/**
 * Where pegging writes its allocations: allocation a gives `quantity[a]` units of supply `supply[a]` to
 * requirement `requirement[a]`. Arrays, not a callback per allocation: planning makes millions of them.
 */
export interface Allocations {
  readonly supply: Int32Array;
  readonly requirement: Int32Array;
  readonly quantity: Float64Array;
}

/**
 * Allocates `requirement[0 … requirementCount)` to `supply[0 … supplyCount)` in order and returns the
 * number of allocations written to `out`, which needs room for supplyCount + requirementCount of them
 * (every allocation uses up a supply or a requirement).
 */
export function pegFirstInFirstOut(
  supply: ArrayLike<number>,
  supplyCount: number,
  requirement: ArrayLike<number>,
  requirementCount: number,
  out: Allocations,
): number {
  let count = 0;
  let s = 0;
  let left = supplyCount > 0 ? supply[0]! : 0;
  for (let r = 0; r < requirementCount && s < supplyCount; r++) {
    let wanted = requirement[r]!;
    while (wanted > QUANTITY_EPSILON && s < supplyCount) {
      const quantity = Math.min(wanted, left);
      if (quantity > QUANTITY_EPSILON) {
        out.supply[count] = s;
        out.requirement[count] = r;
        out.quantity[count++] = quantity;
      }
      wanted -= quantity;
      left -= quantity;
      if (left <= QUANTITY_EPSILON && ++s < supplyCount) left = supply[s]!;
    }
  }
  return count;
}
