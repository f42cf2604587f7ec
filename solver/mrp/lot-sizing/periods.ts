/**
 * Period order quantity, POQ (Jacobs & Chase; Orlicky's "periods of supply"): a lot planned in bucket t
 * covers buckets t … t+P−1. Issue 5's rule: the smallest quantity that keeps the projected on hand at or
 * above safety stock through bucket t+P−1 if no further lots were planned (scheduled receipts in those
 * buckets still count), never less than the net requirement. The window is cut at the horizon's end.
 */
import type { NettingInput } from "../net-requirements.ts";

/** The lot for bucket t with net requirement `net` and available balance `avail` (netting's lot callback). */
export function periodOrderQuantity(periods: number, input: NettingInput, t: number, net: number, avail: number): number {
  const { gross, receipts, safetyStock } = input;
  let lot = net;
  let balance = avail;
  const last = Math.min(t + periods - 1, gross.length - 1);
  for (let k = t + 1; k <= last; k++) {
    balance += receipts[k]! - gross[k]!;
    if (safetyStock - balance > lot) lot = safetyStock - balance;
  }
  return lot;
}
