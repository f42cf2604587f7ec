/**
 * Fixed order quantity (Jacobs & Chase): the smallest multiple of the fixed quantity that covers the net
 * requirement. Also the rounding behind the `multiple` modifier.
 */
import { QUANTITY_EPSILON } from "../net-requirements.ts";

/** The smallest k × multiple ≥ quantity (k whole); a ratio a residue above a whole number is that number. */
export function roundUpToMultiple(quantity: number, multiple: number): number {
  return Math.ceil(quantity / multiple - QUANTITY_EPSILON) * multiple;
}
