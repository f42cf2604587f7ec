/**
 * Texts the MRP response repeats, encoded once (write-response.ts): item ids, bucket dates, order ids.
 * A planned order's id is `MRP-{item}-{receiptBucket}`, written from the item's prefix and the bucket —
 * unique, an item has at most one planned order per receipt bucket; a firm planned order keeps its own id.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeJsonAll } from "../json-writer.ts";
import type { JsonWriter } from "../json-writer.ts";
import type { MaterialPlan } from "./plan-materials.ts";

/** Escaped string content (a JSON string without its quotes). */
const content = (json: Uint8Array) => json.subarray(1, -1);

/** A message's fixed text as escaped string content, encoded once (stringPartPreEncoded). */
export const messageText = (text: string) => content(encodeJson(text));
const [BUCKET, OPEN, CLOSE] = [" bucket ", " (", ")"].map(messageText) as [Uint8Array, Uint8Array, Uint8Array];

/** What a scenario comparison reads of a plan, counted as the plan is written (never by parsing it back). */
export interface MrpFigures {
  /** Planned orders in the response, firm ones included (phantoms' are not). */
  plannedOrders: number;
  /** Σ planned buy orders' startQuantity × the item's unitCost (0 when it has none). */
  purchaseSpend: number;
  /** Action messages but `release` (every order due to start gets one: the others call for a correction). */
  exceptions: number;
}

export class ResponseText {
  /** Filled in as the response is written. */
  readonly figures: MrpFigures = { plannedOrders: 0, purchaseSpend: 0, exceptions: 0 };
  /** Bucket dates "YYYY-MM-DD", index t → date. */
  readonly dates: ReadonlyArray<string>;
  /** The dates as JSON strings. */
  readonly encodedDates: ReadonlyArray<Uint8Array>;
  /** Item ids as JSON strings, by item index. */
  readonly itemIds: ReadonlyArray<Uint8Array>;
  /** Firm planned order ids as JSON strings, by request index. */
  private readonly firmIds: ReadonlyArray<Uint8Array>;
  /** Each item's order id prefix `MRP-{item}-` as escaped string content. */
  private readonly orderIdPrefixes: ReadonlyArray<Uint8Array>;
  // The plan's arrays, read for every order id written (millions in a large plan): fields, not a path of
  // property reads through the plan. Planning is over, so the store no longer replaces them.
  private readonly orderItem: Int32Array;
  private readonly receiptBucket: Int32Array;
  private readonly orderFirst: Int32Array;
  private readonly firstPlanned: Int32Array;
  private readonly firm: MaterialPlan["indexed"]["firm"];

  constructor(request: MrpRequest, plan: MaterialPlan) {
    this.dates = plan.indexed.calendar.dates;
    this.encodedDates = this.dates.map(encodeJson);
    this.itemIds = encodeJsonAll(request.items.map((item) => item.id));
    this.firmIds = encodeJsonAll(request.firmPlannedOrders.map((order) => order.id));
    this.orderIdPrefixes = encodeJsonAll(request.items.map((item) => `MRP-${item.id}-`)).map(content);
    this.orderItem = plan.orders.item;
    this.receiptBucket = plan.orders.receiptBucket;
    this.orderFirst = plan.orderFirst;
    this.firstPlanned = plan.firstPlanned;
    this.firm = plan.indexed.firm;
  }

  /** The firm planned order (request index) that store order k is, or −1 for a planned order. */
  firmOrder(k: number): number {
    const i = this.orderItem[k]!;
    return k < this.firstPlanned[i]! ? this.firm.order[this.firm.start[i]! + k - this.orderFirst[i]!]! : -1;
  }

  /** The id of store order k. */
  writeOrderId(w: JsonWriter, k: number): void {
    const firm = this.firmOrder(k);
    if (firm >= 0) return w.preEncoded(this.firmIds[firm]!);
    w.beginString();
    this.writeOrderIdParts(w, k);
    w.endString();
  }

  /** The id of store order k inside a string being assembled (a message). */
  writeOrderIdParts(w: JsonWriter, k: number): void {
    const firm = this.firmOrder(k);
    if (firm >= 0) return w.stringPartPreEncoded(content(this.firmIds[firm]!));
    w.stringPartPreEncoded(this.orderIdPrefixes[this.orderItem[k]!]!);
    w.stringPartNumber(this.receiptBucket[k]!);
  }

  /** " bucket t (date)" inside a string being assembled. */
  writeBucketParts(w: JsonWriter, t: number): void {
    w.stringPartPreEncoded(BUCKET);
    w.stringPartNumber(t);
    w.stringPartPreEncoded(OPEN);
    w.stringPartPreEncoded(content(this.encodedDates[t]!));
    w.stringPartPreEncoded(CLOSE);
  }
}
