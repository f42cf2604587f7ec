/**
 * Writes the MRP response (issues 5 and 23) as JSON bytes straight from the typed-array plan
 * (plan-materials.ts): the items' records (write-records.ts), the planned and firm orders with their pegs,
 * the action messages (exceptions.ts), the supplier follow-up list (follow-up.ts), with full pegging each
 * demand's supply and each receipt's demands (write-full-pegging.ts) and, with options.asOrders, the planned
 * make orders as orders. Phantom orders stay internal (convention 7).
 *
 * The text is what JSON.stringify gives for the response object — same key order (items whose id is an
 * array index first, ascending, as a JS object enumerates them; then planning order), same numbers — but
 * no object graph is built: the 100k-item plan's 600k series, 580k orders and 1.5M pegs would be ~3M
 * objects and a 350 MB string. Linear in cells + orders + pegs; ids `MRP-{item}-{receiptBucket}`, dates, keys
 * and messages are written from parts encoded once, so the only garbage per value is String(x) of a
 * non-integer number.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeJsonAll, encodeKeys, JsonWriter } from "../json-writer.ts";
import { writeActionMessages } from "./exceptions.ts";
import { writeFollowUp } from "./follow-up.ts";
import type { FullPegging } from "./full-pegging.ts";
import { computeFullPegging } from "./full-pegging.ts";
import type { BomGraph } from "./low-level-codes.ts";
import { tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import { writePlannedOrdersAsOrders } from "./planned-orders-to-orders.ts";
import { RecordReplay } from "./replay-records.ts";
import { ResponseText } from "./response-text.ts";
import type { MrpFigures } from "./response-text.ts";
import { FullPeggingWriter } from "./write-full-pegging.ts";
import { writeRecords } from "./write-records.ts";

const KEY = encodeKeys([
  "items",
  "plannedOrders",
  "exceptions",
  "followUp",
  "demands",
  "receipts",
  "orders",
  "id",
  "item",
  "source",
  "firm",
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
const TRUE = encodeJson(true);

/** Each item's source: as given, else make when it is a BOM parent and buy otherwise. */
export function itemSources(items: MrpRequest["items"], graph: BomGraph): Array<"make" | "buy"> {
  return items.map((item, i) => item.source ?? (graph.start[i + 1]! > graph.start[i]! ? "make" : "buy"));
}

/** 1 for each item of `source` that is no phantom (a phantom is never bought or made on its own). */
export function itemsOfSource(items: MrpRequest["items"], sources: ReadonlyArray<"make" | "buy">, source: "make" | "buy"): Uint8Array {
  return Uint8Array.from(items, (item, i) => (sources[i] === source && !item.phantom ? 1 : 0));
}

/** Store order k's single-level pegs: demands and parent orders. */
function writeSingleLevelPegs(w: JsonWriter, plan: MaterialPlan, text: ResponseText, demandIds: ReadonlyArray<Uint8Array>, k: number): void {
  const { orders } = plan;
  w.beginArray();
  for (let p = orders.pegFirst[k]!; p < orders.pegEnd[k]!; p++) {
    const source = orders.pegSource[p]!;
    w.beginObject();
    if (source >= 0) {
      w.key(KEY.parentOrder);
      text.writeOrderId(w, source);
    } else {
      w.key(KEY.demand);
      w.preEncoded(demandIds[-1 - source]!);
    }
    w.key(KEY.quantity);
    w.number(tidy(orders.pegQuantity[p]!));
    w.endObject();
  }
  w.endArray();
}

function writePlannedOrders(
  w: JsonWriter,
  request: MrpRequest,
  plan: MaterialPlan,
  text: ResponseText,
  sources: ReadonlyArray<"make" | "buy">,
  full: FullPeggingWriter | null,
  fullPegs: FullPegging | null,
): void {
  const { items } = request;
  const { orders } = plan;
  const demandIds = full === null ? encodeJsonAll(request.demands.map((d) => d.id)) : [];
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
    text.writeOrderId(w, k);
    w.key(KEY.item);
    w.preEncoded(text.itemIds[i]!);
    w.key(KEY.source);
    w.preEncoded(sources[i] === "make" ? MAKE : BUY);
    if (k < plan.firstPlanned[i]!) {
      w.key(KEY.firm);
      w.preEncoded(TRUE);
    }
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
    if (full !== null && fullPegs !== null) full.writePegs(w, fullPegs.orderFirst[k]!, fullPegs.orderEnd[k]!);
    else writeSingleLevelPegs(w, plan, text, demandIds, k);
    w.endObject();
  }
  w.endArray();
}

/**
 * The response's JSON text, UTF-8, as views of the writer's chunks (never one buffer: it can be ~350 MB).
 * `figures`, when given, receives the plan's MrpFigures (response-text.ts).
 */
export function writeMrpResponse(request: MrpRequest, plan: MaterialPlan, figures?: MrpFigures): Uint8Array[] {
  const text = new ResponseText(request, plan);
  const sources = itemSources(request.items, plan.indexed.graph);
  const fullPegs = request.options?.pegging === "full" ? computeFullPegging(request, plan) : null;
  const full = fullPegs === null ? null : new FullPeggingWriter(request, plan, fullPegs, text);
  const replay = new RecordReplay(request, plan);
  const w = new JsonWriter();
  w.beginObject();
  w.key(KEY.items);
  writeRecords(w, request, plan, text, replay);
  w.key(KEY.plannedOrders);
  writePlannedOrders(w, request, plan, text, sources, full, fullPegs);
  w.key(KEY.exceptions);
  writeActionMessages(w, request, plan, text, replay);
  w.key(KEY.followUp);
  writeFollowUp(w, request, plan, text, itemsOfSource(request.items, sources, "buy"));
  if (full !== null) {
    w.key(KEY.demands);
    full.writeDemands(w);
    w.key(KEY.receipts);
    full.writeReceipts(w);
  }
  if (request.options?.asOrders) {
    w.key(KEY.orders);
    writePlannedOrdersAsOrders(w, plan, text, itemsOfSource(request.items, sources, "make"));
  }
  w.endObject();
  if (figures) Object.assign(figures, text.figures);
  return w.finish();
}
