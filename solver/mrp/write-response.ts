/**
 * Writes the MRP response (issue 5) as JSON bytes straight from the typed-array plan (plan-materials.ts):
 * the items' records, the planned orders with their pegs, the exceptions and, with options.asOrders, the
 * planned make orders as orders. Phantom orders stay internal (convention 7).
 *
 * The text is what JSON.stringify gives for the response object — same key order (items whose id is an
 * array index first, ascending, as a JS object enumerates them; then planning order), same numbers — but
 * no object graph is built: the 100k-item plan's 600k series, 580k orders and 1.5M pegs would be ~3M
 * objects and a 350 MB string. Linear in cells + orders + pegs; ids `MRP-{item}-{receiptBucket}`, dates and
 * keys are written from parts encoded once, so the only garbage per value is String(x) of a non-integer
 * number and the receipt exceptions' messages.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeJsonAll, encodeKeys, JsonWriter } from "../json-writer.ts";
import { bucketDates } from "./bucket-dates.ts";
import { RequirementGathering } from "./gather-requirements.ts";
import { firstNetRequirement, writePastDue, writeReceiptExceptions } from "./exceptions.ts";
import { scheduledReceipts } from "./index-request.ts";
import type { BomGraph } from "./low-level-codes.ts";
import type { LotSizer, NettingRecord } from "./net-requirements.ts";
import { netRequirements, newNettingRecord, tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import { writePlannedOrdersAsOrders } from "./planned-orders-to-orders.ts";

const KEY = encodeKeys([
  "items",
  "plannedOrders",
  "exceptions",
  "orders",
  "lowLevelCode",
  "gross",
  "scheduledReceipts",
  "projectedOnHand",
  "net",
  "plannedReceipts",
  "plannedReleases",
  "id",
  "item",
  "source",
  "quantity",
  "startQuantity",
  "releaseBucket",
  "receiptBucket",
  "releaseDate",
  "receiptDate",
  "pegging",
  "demand",
  "parentOrder",
]);
const MAKE = encodeJson("make");
const BUY = encodeJson("buy");

/** Texts the response repeats, encoded once: item ids, bucket dates, planned order ids from their parts. */
/** What a scenario comparison reads of a plan, counted as the plan is written (never by parsing it back). */
export interface MrpFigures {
  /** Planned orders in the response (phantoms' are not). */
  plannedOrders: number;
  /** Σ planned buy orders' startQuantity × the item's unitCost (0 when it has none). */
  purchaseSpend: number;
  exceptions: number;
}

export class ResponseText {
  /** Filled in as the response is written. */
  readonly figures: MrpFigures = { plannedOrders: 0, purchaseSpend: 0, exceptions: 0 };
  /** Bucket start dates "YYYY-MM-DD", index t → date. */
  readonly dates: ReadonlyArray<string>;
  /** The dates as JSON strings. */
  readonly encodedDates: ReadonlyArray<Uint8Array>;
  /** Item ids as JSON strings, by item index. */
  readonly itemIds: ReadonlyArray<Uint8Array>;
  /** Each item's order id prefix `MRP-{item}-` as escaped string content. */
  private readonly orderIdPrefixes: ReadonlyArray<Uint8Array>;

  constructor(request: MrpRequest) {
    this.dates = bucketDates(request.buckets);
    this.encodedDates = this.dates.map(encodeJson);
    this.itemIds = encodeJsonAll(request.items.map((item) => item.id));
    this.orderIdPrefixes = encodeJsonAll(request.items.map((item) => `MRP-${item.id}-`)).map((json) => json.subarray(1, -1));
  }

  /** The id `MRP-{item}-{receiptBucket}` of item's planned order: unique, an item has at most one per receipt bucket. */
  writeOrderId(w: JsonWriter, item: number, receiptBucket: number): void {
    w.beginString();
    this.writeOrderIdParts(w, item, receiptBucket);
    w.endString();
  }

  /** The order id inside a string being assembled (an exception message). */
  writeOrderIdParts(w: JsonWriter, item: number, receiptBucket: number): void {
    w.stringPartPreEncoded(this.orderIdPrefixes[item]!);
    w.stringPartNumber(receiptBucket);
  }
}

/** Each item's source: as given, else make when it is a BOM parent and buy otherwise. */
export function itemSources(items: MrpRequest["items"], graph: BomGraph): Array<"make" | "buy"> {
  return items.map((item, i) => item.source ?? (graph.start[i + 1]! > graph.start[i]! ? "make" : "buy"));
}

/**
 * The order in which a JS object enumerates the items' records, which JSON.stringify follows: keys that
 * are array indexes (canonical integers below 2^32 − 1) ascending, then the others as inserted — in
 * planning order.
 */
export function recordOrder(request: MrpRequest, sequence: Int32Array): Int32Array {
  const isIndex = (id: string) => /^(?:0|[1-9]\d*)$/.test(id) && Number(id) < 2 ** 32 - 1;
  const indexes = request.items.flatMap((item, i) => (isIndex(item.id) ? [i] : []));
  if (indexes.length === 0) return sequence;
  indexes.sort((a, b) => Number(request.items[a]!.id) - Number(request.items[b]!.id));
  return Int32Array.from([...indexes, ...Array.from(sequence).filter((i) => !isIndex(request.items[i]!.id))]);
}

/**
 * Item by item, the records' series the plan does not keep (see MaterialPlan): gross requirements
 * gathered again as the planning gathered them, scheduled receipts, planned receipts and releases summed
 * in the planning's order, projected on hand and net requirements by netting again with the planned
 * receipts as the lots. Scratch, reused per item.
 */
export class RecordReplay {
  readonly gross: Float64Array;
  readonly scheduled: Float64Array;
  readonly plannedReceipts: Float64Array;
  readonly releases: Float64Array;
  readonly record: NettingRecord;
  private readonly replay: LotSizer;
  private readonly requirements: RequirementGathering;

  constructor(
    private readonly request: MrpRequest,
    private readonly plan: MaterialPlan,
  ) {
    const T = plan.indexed.buckets;
    this.gross = new Float64Array(T);
    this.requirements = new RequirementGathering(T);
    this.scheduled = new Float64Array(T);
    this.plannedReceipts = new Float64Array(T);
    this.releases = new Float64Array(T);
    this.record = newNettingRecord(T);
    const planned = this.plannedReceipts;
    this.replay = (t) => planned[t]!;
  }

  replayItem(i: number): void {
    const { plan, request, gross, scheduled, plannedReceipts, releases } = this;
    const { receipts } = plan.indexed;
    const { orders } = plan;
    // The safety stock only adds a requirement to pegging's list, which the replay does not read.
    this.requirements.gather(i, 0, plan, gross.fill(0));
    scheduledReceipts(receipts, i, scheduled);
    plannedReceipts.fill(0);
    releases.fill(0);
    for (let k = plan.orderFirst[i]!; k < plan.orderEnd[i]!; k++) {
      plannedReceipts[orders.receiptBucket[k]!] = orders.quantity[k]!;
      releases[orders.releaseBucket[k]!]! += orders.startQuantity[k]!;
    }
    const item = request.items[i]!;
    netRequirements({ gross, receipts: scheduled, onHand: item.onHand, safetyStock: item.phantom ? 0 : item.safetyStock }, this.replay, this.record);
  }
}

/** A series as a JSON array, residues next to whole numbers rounded away (tidy, in place: `values` is scratch). */
function writeSeries(w: JsonWriter, values: Float64Array, zeros: Uint8Array): void {
  const T = values.length;
  let t = 0;
  while (t < T && values[t] === 0) t++;
  // Most series (scheduled receipts above all) are all zeros: one pre-encoded copy.
  if (t === T) return w.preEncoded(zeros);
  for (; t < T; t++) if (!Number.isInteger(values[t]!)) values[t] = tidy(values[t]!);
  w.numberArray(values, 0, T);
}

/** 1 for each item whose record options.records asks for, or null for all of them. */
export function selectedRecords(request: MrpRequest, plan: MaterialPlan): Uint8Array | null {
  const records = request.options?.records ?? "all";
  if (records === "all") return null;
  const selected = new Uint8Array(request.items.length);
  if (records !== "none") for (const id of records) selected[plan.indexed.itemIndex.indexOf(id)] = 1;
  return selected;
}

/**
 * The items' records that options.records selects. Records each item's first net requirement (bucket,
 * or `buckets` when none, and its quantity) for the expedite exceptions, which the response lists later:
 * an item whose record is left out is replayed for that only when it has open receipts.
 */
function writeRecords(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, firstNet: Int32Array, firstNetQuantity: Float64Array): void {
  const T = plan.indexed.buckets;
  const zeros = encodeJson(new Array<number>(T).fill(0));
  const replay = new RecordReplay(request, plan);
  const { record } = replay;
  const selected = selectedRecords(request, plan);
  const { start: receiptsStart } = plan.indexed.receipts;
  w.beginObject();
  for (const i of recordOrder(request, plan.sequence)) {
    const written = selected === null || selected[i] === 1;
    if (!written && receiptsStart[i + 1] === receiptsStart[i]) continue;
    replay.replayItem(i);
    const t = firstNetRequirement(record.net);
    firstNet[i] = t;
    if (t < T) firstNetQuantity[i] = record.net[t]!;
    if (!written) continue;
    w.key(text.itemIds[i]!);
    w.beginObject();
    w.key(KEY.lowLevelCode);
    w.number(plan.codes[i]!);
    w.key(KEY.gross);
    writeSeries(w, replay.gross, zeros);
    w.key(KEY.scheduledReceipts);
    writeSeries(w, replay.scheduled, zeros);
    w.key(KEY.projectedOnHand);
    writeSeries(w, record.projectedOnHand, zeros);
    w.key(KEY.net);
    writeSeries(w, record.net, zeros);
    w.key(KEY.plannedReceipts);
    writeSeries(w, replay.plannedReceipts, zeros);
    w.key(KEY.plannedReleases);
    writeSeries(w, replay.releases, zeros);
    w.endObject();
  }
  w.endObject();
}

function writePlannedOrders(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, sources: ReadonlyArray<"make" | "buy">): void {
  const { items } = request;
  const { orders } = plan;
  const demandIds = encodeJsonAll(request.demands.map((d) => d.id));
  w.beginArray();
  for (let k = 0; k < orders.size; k++) {
    const i = orders.item[k]!;
    if (items[i]!.phantom) continue;
    text.figures.plannedOrders++;
    if (sources[i] === "buy") text.figures.purchaseSpend += orders.startQuantity[k]! * (items[i]!.unitCost ?? 0);
    const releaseBucket = orders.releaseBucket[k]!;
    const receiptBucket = orders.receiptBucket[k]!;
    w.beginObject();
    w.key(KEY.id);
    text.writeOrderId(w, i, receiptBucket);
    w.key(KEY.item);
    w.preEncoded(text.itemIds[i]!);
    w.key(KEY.source);
    w.preEncoded(sources[i] === "make" ? MAKE : BUY);
    w.key(KEY.quantity);
    w.number(tidy(orders.quantity[k]!));
    w.key(KEY.startQuantity);
    w.number(orders.startQuantity[k]!);
    w.key(KEY.releaseBucket);
    w.number(releaseBucket);
    w.key(KEY.receiptBucket);
    w.number(receiptBucket);
    w.key(KEY.releaseDate);
    w.preEncoded(text.encodedDates[releaseBucket]!);
    w.key(KEY.receiptDate);
    w.preEncoded(text.encodedDates[receiptBucket]!);
    w.key(KEY.pegging);
    w.beginArray();
    for (let p = orders.pegFirst[k]!; p < orders.pegEnd[k]!; p++) {
      const source = orders.pegSource[p]!;
      w.beginObject();
      if (source >= 0) {
        w.key(KEY.parentOrder);
        text.writeOrderId(w, orders.item[source]!, orders.receiptBucket[source]!);
      } else {
        w.key(KEY.demand);
        w.preEncoded(demandIds[-1 - source]!);
      }
      w.key(KEY.quantity);
      w.number(tidy(orders.pegQuantity[p]!));
      w.endObject();
    }
    w.endArray();
    w.endObject();
  }
  w.endArray();
}

/** Exceptions item by item in planning order: the item's past-due planned orders, then its receipts'. */
export function writeExceptions(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, firstNet: Int32Array, firstNetQuantity: Float64Array): void {
  const { orders } = plan;
  w.beginArray();
  for (const i of plan.sequence) {
    const item = request.items[i]!;
    const leadTime = item.phantom ? 0 : item.leadTime;
    for (let k = plan.orderFirst[i]!; k < plan.orderEnd[i]!; k++) {
      const t = orders.receiptBucket[k]!;
      if (t < leadTime) writePastDue(w, text, i, t, leadTime - t);
    }
    writeReceiptExceptions(w, text, i, firstNet[i]!, firstNetQuantity[i]!, request.receipts, plan.indexed.receipts, plan.receiptUsed);
  }
  w.endArray();
}

/**
 * The response's JSON text, UTF-8, as views of the writer's chunks (never one buffer: it can be ~350 MB).
 * `figures`, when given, receives the plan's MrpFigures.
 */
export function writeMrpResponse(request: MrpRequest, plan: MaterialPlan, figures?: MrpFigures): Uint8Array[] {
  const text = new ResponseText(request);
  const itemCount = request.items.length;
  const firstNet = new Int32Array(itemCount);
  const firstNetQuantity = new Float64Array(itemCount);
  const sources = itemSources(request.items, plan.indexed.graph);
  const w = new JsonWriter();
  w.beginObject();
  w.key(KEY.items);
  writeRecords(w, request, plan, text, firstNet, firstNetQuantity);
  w.key(KEY.plannedOrders);
  writePlannedOrders(w, request, plan, text, sources);
  w.key(KEY.exceptions);
  writeExceptions(w, request, plan, text, firstNet, firstNetQuantity);
  if (request.options?.asOrders) {
    w.key(KEY.orders);
    writePlannedOrdersAsOrders(w, plan, text, Uint8Array.from(request.items, (item, i) => (sources[i] === "make" && !item.phantom ? 1 : 0)));
  }
  w.endObject();
  if (figures) Object.assign(figures, text.figures);
  return w.finish();
}
