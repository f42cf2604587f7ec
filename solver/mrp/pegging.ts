/**
 * Single-level first-in-first-out pegging (Orlicky 1975, "pegged requirements"; APICS dictionary,
 * "single-level pegging"): an item's requirements, in time order, consume its supplies in arrival order
 * (on hand, then each bucket's open receipts, then its planned order). Because netting keeps the projected
 * on hand at or above zero in every bucket, no requirement is ever pegged to a later supply.
 * One pass over both lists: O(supplies + requirements).
 */
import { QUANTITY_EPSILON } from "./net-requirements.ts";

/** Allocates `requirement[0 … requirementCount)` to `supply[0 … supplyCount)`, calling `emit` per allocation. */
export function pegFirstInFirstOut(
  supply: ArrayLike<number>,
  supplyCount: number,
  requirement: ArrayLike<number>,
  requirementCount: number,
  emit: (supplyIndex: number, requirementIndex: number, quantity: number) => void,
): void {
  let s = 0;
  let left = supplyCount > 0 ? supply[0]! : 0;
  for (let r = 0; r < requirementCount && s < supplyCount; r++) {
    let wanted = requirement[r]!;
    while (wanted > QUANTITY_EPSILON && s < supplyCount) {
      const quantity = Math.min(wanted, left);
      if (quantity > QUANTITY_EPSILON) emit(s, r, quantity);
      wanted -= quantity;
      left -= quantity;
      if (left <= QUANTITY_EPSILON && ++s < supplyCount) left = supply[s]!;
    }
  }
}
