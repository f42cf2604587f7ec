/**
 * Order modifiers (Jacobs & Chase; APICS "order modifiers"): raise the lot to the minimum, then round it
 * up to a multiple — in that order, so the result is always a multiple. Not used with wagner-whitin or
 * silver-meal, whose lots are optimal only unmodified (check-mrp-request.ts rejects the combination).
 */
import type { LotSizer } from "../net-requirements.ts";
import { roundUpToMultiple } from "./fixed.ts";

export function withModifiers(lot: LotSizer, minimum: number | undefined, multiple: number | undefined): LotSizer {
  if (minimum === undefined && multiple === undefined) return lot;
  return (t, net, avail) => {
    let quantity = lot(t, net, avail);
    if (minimum !== undefined && quantity < minimum) quantity = minimum;
    if (multiple !== undefined) quantity = roundUpToMultiple(quantity, multiple);
    return quantity;
  };
}
