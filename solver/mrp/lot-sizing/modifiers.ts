/**
 * Order modifiers (Jacobs & Chase; APICS "order modifiers"): raise the lot to the minimum, then round it
 * up to a multiple — in that order, so the result is always a multiple. Not used with wagner-whitin or
 * silver-meal, whose lots are optimal only unmodified (check-mrp-request.ts rejects the combination).
 */
import { roundUpToMultiple } from "./fixed.ts";

/** `quantity` raised to `minimum`, then rounded up to `multiple`; an undefined modifier does nothing. */
export function applyModifiers(quantity: number, minimum: number | undefined, multiple: number | undefined): number {
  let lot = quantity;
  if (minimum !== undefined && lot < minimum) lot = minimum;
  if (multiple !== undefined) lot = roundUpToMultiple(lot, multiple);
  return lot;
}
