/**
 * The buyers' supplier follow-up list (issue 23; the PMC handbooks: confirm the real delivery time with the
 * supplier five working days ahead, 提前5个工作日与供应商确认, and follow orders up before they are due):
 * every open receipt, firm planned order and planned order of a bought item due within
 * options.followUpDays working days (default 5) of the start, that is whose receipt date is at most that many
 * working days after it (bucket-dates.ts counts them), with the item's supplier. By due bucket, then items
 * in planning order, then receipts before firm before planned orders. Keys in MrpFollowUp's order.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeKeys } from "../json-writer.ts";
import type { JsonWriter } from "../json-writer.ts";
import { tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import type { ResponseText } from "./response-text.ts";

const KEY = encodeKeys(["kind", "id", "item", "supplier", "quantity", "bucket", "date", "workingDays"]);
const KIND = { receipt: encodeJson("receipt"), planned: encodeJson("planned-order"), firm: encodeJson("firm-order") };
export const DEFAULT_FOLLOW_UP_DAYS = 5;

/** A due purchase of item `item`: an open receipt r (`due` = −1 − r) or a store order k (`due` = k ≥ 0). */
interface Due {
  readonly item: number;
  readonly due: number;
}

export function writeFollowUp(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, bought: Uint8Array): void {
  const workingDays = plan.indexed.calendar.workingDaysBefore();
  const days = request.options?.followUpDays ?? DEFAULT_FOLLOW_UP_DAYS;
  let buckets = 0; // the due buckets are a prefix: working days never decrease along the buckets
  while (buckets < workingDays.length && workingDays[buckets]! <= days) buckets++;
  const byBucket: Due[][] = Array.from({ length: buckets }, () => []);
  const { receipts } = plan.indexed;
  const { orders } = plan;
  for (const i of plan.sequence) {
    if (bought[i] !== 1) continue;
    for (let g = receipts.start[i]!; g < receipts.start[i + 1]!; g++) {
      const r = receipts.order[g]!;
      byBucket[receipts.bucket[r]!]?.push({ item: i, due: -1 - r });
    }
    for (let k = plan.orderFirst[i]!; k < plan.orderEnd[i]!; k++) byBucket[orders.receiptBucket[k]!]?.push({ item: i, due: k });
  }
  w.beginArray();
  byBucket.forEach((dues, t) => {
    for (const { item: i, due } of dues) {
      const item = request.items[i]!;
      w.beginObject();
      w.key(KEY.kind);
      w.preEncoded(due < 0 ? KIND.receipt : text.firmOrder(due) >= 0 ? KIND.firm : KIND.planned);
      w.key(KEY.id);
      if (due < 0) w.string(request.receipts[-1 - due]!.id);
      else text.writeOrderId(w, due);
      w.key(KEY.item);
      w.preEncoded(text.itemIds[i]!);
      if (item.supplier !== undefined) {
        w.key(KEY.supplier);
        w.string(item.supplier);
      }
      w.key(KEY.quantity);
      w.number(due < 0 ? request.receipts[-1 - due]!.quantity : tidy(orders.quantity[due]!));
      w.key(KEY.bucket);
      w.number(t);
      w.key(KEY.date);
      w.preEncoded(text.encodedDates[t]!);
      w.key(KEY.workingDays);
      w.number(workingDays[t]!);
      w.endObject();
    }
  });
  w.endArray();
}
