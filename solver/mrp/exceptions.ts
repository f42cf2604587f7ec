/**
 * Exception (action) messages of an MRP run (Orlicky 1975, ch. 8; Jacobs & Chase): `past-due` — a
 * planned order whose release falls before the horizon; `expedite` — a net requirement arises before an
 * open receipt of the same item arrives (reschedule the receipt in); `excess` — an open receipt none of
 * which any requirement (safety stock included) consumes within the horizon and which is not late
 * (cancel or defer it).
 */
import type { MrpException } from "../../src/mrp.ts";
import type { ItemGroups } from "./index-request.ts";
import { QUANTITY_EPSILON, tidy } from "./net-requirements.ts";

/** Start dates of the buckets, for messages. */
export type BucketDates = ReadonlyArray<string>;

export function pastDue(item: string, order: string, receiptBucket: number, bucketsLate: number, dates: BucketDates): MrpException {
  return {
    item,
    kind: "past-due",
    bucket: receiptBucket,
    bucketsLate,
    message: `planned order ${order} due in bucket ${receiptBucket} (${dates[receiptBucket]}) should have been released ${bucketsLate} bucket(s) before the horizon starts; it is released in bucket 0`,
  };
}

/**
 * The open receipts' exceptions of item `item` (its receipts are `groups.order[groups.start[item]] …`, by
 * bucket): one `expedite` per receipt arriving after the item's first net requirement, one `excess` per
 * other receipt of which no requirement consumed anything (`used`, by request index). A late receipt is
 * not excess even when the planned order covering that net requirement leaves it unused: it is needed,
 * earlier — expediting it replaces the planned order. Appended to `out`.
 */
export function receiptExceptions(
  itemId: string,
  net: ArrayLike<number>,
  receipts: ReadonlyArray<{ id: string; quantity: number }>,
  groups: ItemGroups,
  item: number,
  used: Float64Array,
  dates: BucketDates,
  out: MrpException[],
): void {
  let firstNet = 0;
  while (firstNet < net.length && net[firstNet]! <= QUANTITY_EPSILON) firstNet++;
  for (let k = groups.start[item]!; k < groups.start[item + 1]!; k++) {
    const r = groups.order[k]!;
    const receipt = receipts[r]!;
    const arrives = groups.bucket[r]!;
    const late = arrives > firstNet && firstNet < net.length;
    if (late) {
      out.push({
        item: itemId,
        kind: "expedite",
        bucket: firstNet,
        receipt: receipt.id,
        message: `open receipt ${receipt.id} arrives in bucket ${arrives} (${dates[arrives]}) but a net requirement of ${tidy(net[firstNet]!)} arises in bucket ${firstNet} (${dates[firstNet]}): expedite it`,
      });
    }
    if (!late && receipt.quantity > QUANTITY_EPSILON && used[r]! <= QUANTITY_EPSILON) {
      out.push({
        item: itemId,
        kind: "excess",
        bucket: arrives,
        receipt: receipt.id,
        message: `open receipt ${receipt.id} (${receipt.quantity} in bucket ${arrives}, ${dates[arrives]}) is not needed within the horizon`,
      });
    }
  }
}
