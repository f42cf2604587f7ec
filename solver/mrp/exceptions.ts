/**
 * Exception (action) messages of an MRP run (Orlicky 1975, ch. 8; Jacobs & Chase): `past-due` — a
 * planned order whose release falls before the horizon; `expedite` — a net requirement arises before an
 * open receipt of the same item arrives (reschedule the receipt in); `excess` — an open receipt none of
 * which any requirement (safety stock included) consumes within the horizon and which is not late
 * (cancel or defer it). Written straight into the response (write-response.ts), keys in MrpException's order.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeKeys } from "../json-writer.ts";
import type { JsonWriter } from "../json-writer.ts";
import type { ItemGroups } from "./index-request.ts";
import { QUANTITY_EPSILON, tidy } from "./net-requirements.ts";
import type { ResponseText } from "./write-response.ts";

const KEY = encodeKeys(["item", "kind", "bucket", "bucketsLate", "receipt", "message"]);
const KIND = { pastDue: encodeJson("past-due"), expedite: encodeJson("expedite"), excess: encodeJson("excess") };

/** The first bucket with a net requirement, or `net.length` when there is none. */
export function firstNetRequirement(net: ArrayLike<number>): number {
  let t = 0;
  while (t < net.length && net[t]! <= QUANTITY_EPSILON) t++;
  return t;
}

function beginException(w: JsonWriter, text: ResponseText, item: number, kind: Uint8Array, bucket: number): void {
  text.figures.exceptions++;
  w.beginObject();
  w.key(KEY.item);
  w.preEncoded(text.itemIds[item]!);
  w.key(KEY.kind);
  w.preEncoded(kind);
  w.key(KEY.bucket);
  w.number(bucket);
}

/** Item `item`'s planned order received in `receiptBucket`, to be released `bucketsLate` buckets before bucket 0. */
export function writePastDue(w: JsonWriter, text: ResponseText, item: number, receiptBucket: number, bucketsLate: number): void {
  beginException(w, text, item, KIND.pastDue, receiptBucket);
  w.key(KEY.bucketsLate);
  w.number(bucketsLate);
  w.key(KEY.message);
  w.beginString();
  w.stringPart("planned order ");
  text.writeOrderIdParts(w, item, receiptBucket);
  w.stringPart(" due in bucket ");
  w.stringPartNumber(receiptBucket);
  w.stringPart(` (${text.dates[receiptBucket]}) should have been released `);
  w.stringPartNumber(bucketsLate);
  w.stringPart(" bucket(s) before the horizon starts; it is released in bucket 0");
  w.endString();
  w.endObject();
}

/**
 * The open receipts' exceptions of item `item` (its receipts are `groups.order[groups.start[item]] …`, by
 * bucket), given its first net requirement (`firstNet`, `net.length` when none, of `firstNetQuantity`
 * units): one `expedite` per receipt arriving after it, one `excess` per other receipt of which no
 * requirement consumed anything (`used`, by request index). A late receipt is not excess even when the
 * planned order covering that net requirement leaves it unused: it is needed, earlier — expediting it
 * replaces the planned order.
 */
export function writeReceiptExceptions(
  w: JsonWriter,
  text: ResponseText,
  item: number,
  firstNet: number,
  firstNetQuantity: number,
  receipts: MrpRequest["receipts"],
  groups: ItemGroups,
  used: Float64Array,
): void {
  const buckets = text.dates.length;
  for (let k = groups.start[item]!; k < groups.start[item + 1]!; k++) {
    const r = groups.order[k]!;
    const receipt = receipts[r]!;
    const arrives = groups.bucket[r]!;
    const late = arrives > firstNet && firstNet < buckets;
    if (late) {
      beginException(w, text, item, KIND.expedite, firstNet);
      w.key(KEY.receipt);
      w.string(receipt.id);
      w.key(KEY.message);
      w.string(
        `open receipt ${receipt.id} arrives in bucket ${arrives} (${text.dates[arrives]}) but a net requirement of ${tidy(firstNetQuantity)} arises in bucket ${firstNet} (${text.dates[firstNet]}): expedite it`,
      );
      w.endObject();
    }
    if (!late && receipt.quantity > QUANTITY_EPSILON && used[r]! <= QUANTITY_EPSILON) {
      beginException(w, text, item, KIND.excess, arrives);
      w.key(KEY.receipt);
      w.string(receipt.id);
      w.key(KEY.message);
      w.string(`open receipt ${receipt.id} (${receipt.quantity} in bucket ${arrives}, ${text.dates[arrives]}) is not needed within the horizon`);
      w.endObject();
    }
  }
}
