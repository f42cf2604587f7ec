/**
 * Need dates of open receipts, for the rescheduling messages (Orlicky 1975, ch. 8 "rescheduling"; APICS
 * dictionary, "reschedule in / out"): the bucket where receipt k is first needed is the first bucket in
 * which the projected stock, counting the on hand and only the supplies arriving before k (all its
 * earlier open receipts and firm planned orders, as if each came when needed), would fall below safety
 * stock. MRP's own planned orders do not count: a needed receipt should replace them. A receipt arriving
 * after its need bucket is to be rescheduled in, one arriving before it out, one needed nowhere in the
 * horizon cancelled. Supplies go in arrival order, in a bucket receipts before firm orders (as pegging
 * takes them). Need buckets never decrease along that order, so one sweep: O(buckets + supplies).
 */
import type { ItemGroups } from "./index-request.ts";
import { QUANTITY_EPSILON } from "./net-requirements.ts";

/** Writes into `need[r]` the need bucket of each of item `item`'s receipts r (`gross.length` when needed nowhere). */
export function receiptNeedBuckets(
  gross: ArrayLike<number>,
  onHand: number,
  safetyStock: number,
  receipts: ItemGroups,
  firm: ItemGroups,
  item: number,
  need: Int32Array,
): void {
  const T = gross.length;
  let t = 0;
  let demanded = T > 0 ? gross[0]! : 0; // gross requirements of buckets 0 … t
  let covered = onHand; // the supply counted so far
  let r = receipts.start[item]!;
  const rEnd = receipts.start[item + 1]!;
  let f = firm.start[item]!;
  const fEnd = firm.start[item + 1]!;
  while (r < rEnd || f < fEnd) {
    const receiptNext = r < rEnd && (f >= fEnd || receipts.bucket[receipts.order[r]!]! <= firm.bucket[firm.order[f]!]!);
    // The first bucket where the supply so far no longer keeps the stock at safety stock.
    while (t < T && covered - demanded >= safetyStock - QUANTITY_EPSILON * Math.max(1, Math.abs(demanded))) {
      if (++t < T) demanded += gross[t]!;
    }
    if (receiptNext) {
      const k = receipts.order[r++]!;
      need[k] = t;
      covered += receipts.quantity[k]!;
    } else covered += firm.quantity[firm.order[f++]!]!;
  }
}
