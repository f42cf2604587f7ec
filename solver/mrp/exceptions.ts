/**
 * The action messages of an MRP run (Orlicky 1975, ch. 8; APICS dictionary, "action message"), what the
 * planners and buyers must do, item by item in planning order (issue 23):
 * - `past-due`: a planned or firm order whose release falls before the horizon (it is released in bucket 0);
 * - `release`: a planned or firm order released in a bucket up to options.releaseWindowBuckets (default 0)
 *   — release it now (a past-due order is one too);
 * - `shortage-in-fence`: inside the item's planning time fence, where a net requirement arises or grows
 *   (MRP plans no order there), with the units it grows by;
 * - per open receipt, from its need bucket (need-buckets.ts): `reschedule-in` when it arrives after it,
 *   `reschedule-out` when before, `cancel` when it is needed nowhere in the horizon (`toBucket`: the need bucket).
 * Netting does not move receipts, as in the textbook: the records keep them where they are, the messages
 * say what to move. Written straight into the response (write-response.ts), keys in MrpException's order;
 * messages are assembled in place (stringPart), not as strings: a large plan has hundreds of thousands.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeKeys } from "../json-writer.ts";
import type { JsonWriter } from "../json-writer.ts";
import { QUANTITY_EPSILON, tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import type { RecordReplay } from "./replay-records.ts";
import type { ResponseText } from "./response-text.ts";
import { messageText } from "./response-text.ts";

const KEY = encodeKeys(["item", "kind", "bucket", "toBucket", "bucketsLate", "receipt", "order", "quantity", "message"]);
/** The messages' fixed parts, encoded once. */
const TEXT = {
  plannedOrder: messageText("planned order "),
  firmPlannedOrder: messageText("firm planned order "),
  dueIn: messageText(" due in"),
  shouldHaveBeenReleased: messageText(" should have been released "),
  beforeTheHorizon: messageText(" bucket(s) before the horizon starts; it is released in bucket 0"),
  release: messageText("release "),
  start: messageText(": start "),
  in: messageText(" in"),
  commaDueIn: messageText(", due in"),
  openReceipt: messageText("open receipt "),
  open: messageText(" ("),
  arrivesIn: messageText(") arrives in"),
  cancelIt: messageText(" but is not needed within the horizon: cancel it"),
  neededIn: messageText(" but is needed in"),
  notNeededBefore: messageText(" but is not needed before"),
  rescheduleIn: messageText(": reschedule it in"),
  rescheduleOut: messageText(": reschedule it out"),
  shortIn: messageText(" short in"),
  insideTheFence: messageText(", inside the planning time fence ("),
  noOrderThere: messageText(" buckets): MRP plans no order there; expedite supply or firm a planned order"),
};
const KIND = {
  release: encodeJson("release"),
  rescheduleIn: encodeJson("reschedule-in"),
  rescheduleOut: encodeJson("reschedule-out"),
  cancel: encodeJson("cancel"),
  pastDue: encodeJson("past-due"),
  shortageInFence: encodeJson("shortage-in-fence"),
};

class MessageWriter {
  constructor(
    private readonly w: JsonWriter,
    private readonly text: ResponseText,
  ) {}

  begin(item: number, kind: Uint8Array, bucket: number): void {
    const { w } = this;
    if (kind !== KIND.release) this.text.figures.exceptions++;
    w.beginObject();
    w.key(KEY.item);
    w.preEncoded(this.text.itemIds[item]!);
    w.key(KEY.kind);
    w.preEncoded(kind);
    w.key(KEY.bucket);
    w.number(bucket);
  }

  field(key: Uint8Array, value: number): void {
    this.w.key(key);
    this.w.number(value);
  }

  order(k: number): void {
    this.w.key(KEY.order);
    this.text.writeOrderId(this.w, k);
  }

  receipt(id: string): void {
    this.w.key(KEY.receipt);
    this.w.string(id);
  }

  /** Starts the message text; the caller writes its parts and calls end(). */
  beginMessage(): JsonWriter {
    this.w.key(KEY.message);
    this.w.beginString();
    return this.w;
  }

  end(): void {
    this.w.endString();
    this.w.endObject();
  }

  /** "planned order MRP-A-3" or "firm planned order F-1". */
  orderName(k: number): void {
    this.w.stringPartPreEncoded(this.text.firmOrder(k) >= 0 ? TEXT.firmPlannedOrder : TEXT.plannedOrder);
    this.text.writeOrderIdParts(this.w, k);
  }
}

/** Store order k's past-due and release messages. */
function writeOrderMessages(m: MessageWriter, text: ResponseText, plan: MaterialPlan, item: number, k: number, leadTime: number, window: number): void {
  const { orders } = plan;
  const receipt = orders.receiptBucket[k]!;
  const release = orders.releaseBucket[k]!;
  if (receipt < leadTime) {
    m.begin(item, KIND.pastDue, receipt);
    m.field(KEY.bucketsLate, leadTime - receipt);
    m.order(k);
    const w = m.beginMessage();
    m.orderName(k);
    w.stringPartPreEncoded(TEXT.dueIn);
    text.writeBucketParts(w, receipt);
    w.stringPartPreEncoded(TEXT.shouldHaveBeenReleased);
    w.stringPartNumber(leadTime - receipt);
    w.stringPartPreEncoded(TEXT.beforeTheHorizon);
    m.end();
  }
  if (release <= window) {
    const start = orders.startQuantity[k]!;
    m.begin(item, KIND.release, release);
    m.order(k);
    m.field(KEY.quantity, start);
    const w = m.beginMessage();
    w.stringPartPreEncoded(TEXT.release);
    m.orderName(k);
    w.stringPartPreEncoded(TEXT.start);
    w.stringPartNumber(start);
    w.stringPartPreEncoded(TEXT.in);
    text.writeBucketParts(w, release);
    w.stringPartPreEncoded(TEXT.commaDueIn);
    text.writeBucketParts(w, receipt);
    m.end();
  }
}

/** Item i's open receipts' messages, in bucket order. */
function writeReceiptMessages(m: MessageWriter, text: ResponseText, request: MrpRequest, plan: MaterialPlan, replay: RecordReplay, i: number): void {
  const groups = plan.indexed.receipts;
  const T = plan.indexed.buckets;
  for (let g = groups.start[i]!; g < groups.start[i + 1]!; g++) {
    const r = groups.order[g]!;
    const receipt = request.receipts[r]!;
    if (receipt.quantity <= QUANTITY_EPSILON) continue;
    const arrives = groups.bucket[r]!;
    const need = replay.needBucket[r]!;
    if (need === arrives) continue;
    const kind = need >= T ? KIND.cancel : need < arrives ? KIND.rescheduleIn : KIND.rescheduleOut;
    m.begin(i, kind, arrives);
    if (need < T) m.field(KEY.toBucket, need);
    m.receipt(receipt.id);
    m.field(KEY.quantity, receipt.quantity);
    const w = m.beginMessage();
    w.stringPartPreEncoded(TEXT.openReceipt);
    w.stringPart(receipt.id);
    w.stringPartPreEncoded(TEXT.open);
    w.stringPartNumber(receipt.quantity);
    w.stringPartPreEncoded(TEXT.arrivesIn);
    text.writeBucketParts(w, arrives);
    if (kind === KIND.cancel) w.stringPartPreEncoded(TEXT.cancelIt);
    else {
      w.stringPartPreEncoded(need < arrives ? TEXT.neededIn : TEXT.notNeededBefore);
      text.writeBucketParts(w, need);
      w.stringPartPreEncoded(need < arrives ? TEXT.rescheduleIn : TEXT.rescheduleOut);
    }
    m.end();
  }
}

/** The response's `exceptions`: after writeRecords, whose replay found the receipts' need buckets and the shortages. */
export function writeActionMessages(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, replay: RecordReplay): void {
  const { orderFirst, orderEnd, fence } = plan;
  const window = request.options?.releaseWindowBuckets ?? 0;
  const m = new MessageWriter(w, text);
  w.beginArray();
  for (const i of plan.sequence) {
    const item = request.items[i]!;
    if (!item.phantom) for (let k = orderFirst[i]!; k < orderEnd[i]!; k++) writeOrderMessages(m, text, plan, i, k, item.leadTime, window);
    replay.forEachShortage(i, (t, quantity) => {
      m.begin(i, KIND.shortageInFence, t);
      m.field(KEY.quantity, tidy(quantity));
      const message = m.beginMessage();
      message.stringPartNumber(tidy(quantity));
      message.stringPartPreEncoded(TEXT.shortIn);
      text.writeBucketParts(message, t);
      message.stringPartPreEncoded(TEXT.insideTheFence);
      message.stringPartNumber(fence[i]!);
      message.stringPartPreEncoded(TEXT.noOrderThere);
      m.end();
    });
    writeReceiptMessages(m, text, request, plan, replay, i);
  }
  w.endArray();
}
