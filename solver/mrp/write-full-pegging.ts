/**
 * The full pegging (full-pegging.ts) in the response: each planned order's and open receipt's demands
 * (`pegging: [{ demand, quantity, path }]`) and each demand's supply (`demands[].supply`: what a customer
 * order waits for — stock, receipts and orders, through all levels). Pieces of one supply for the same
 * demand along the same path are merged; a phantom's orders are internal and listed nowhere.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeJsonAll, encodeKeys } from "../json-writer.ts";
import type { JsonWriter } from "../json-writer.ts";
import type { FullPegging } from "./full-pegging.ts";
import { ON_HAND } from "./full-pegging.ts";
import { tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import type { ResponseText } from "./response-text.ts";

const KEY = encodeKeys(["demand", "quantity", "path", "id", "item", "bucket", "supply", "kind", "pegging"]);
const KIND = { onHand: encodeJson("on-hand"), receipt: encodeJson("receipt"), planned: encodeJson("planned-order"), firm: encodeJson("firm-order") };

export class FullPeggingWriter {
  private readonly demandIds: Uint8Array[];

  constructor(
    private readonly request: MrpRequest,
    private readonly plan: MaterialPlan,
    private readonly pegs: FullPegging,
    private readonly text: ResponseText,
  ) {
    this.demandIds = encodeJsonAll(request.demands.map((d) => d.id));
  }

  private writePath(w: JsonWriter, path: number): void {
    w.beginArray();
    for (let p = path; p >= 0; p = this.pegs.pathNext[p]!) w.preEncoded(this.text.itemIds[this.pegs.pathItem[p]!]!);
    w.endArray();
  }

  /** The end (exclusive) of the run of `pieces[from …]` that `at` merges with: same demand, path and supply. */
  private runEnd(pieces: (n: number) => number, from: number, end: number): number {
    const { demand, path, supply } = this.pegs;
    const first = pieces(from);
    let n = from + 1;
    for (; n < end; n++) {
      const p = pieces(n);
      if (demand[p] !== demand[first] || path[p] !== path[first] || supply[p] !== supply[first]) break;
    }
    return n;
  }

  private sum(pieces: (n: number) => number, from: number, end: number): number {
    let total = 0;
    for (let n = from; n < end; n++) total += this.pegs.quantity[pieces(n)]!;
    return tidy(total);
  }

  /** A supply's pieces `first … end − 1` as `[{ demand, quantity, path }]`. */
  writePegs(w: JsonWriter, first: number, end: number): void {
    const { demand, path } = this.pegs;
    const at = (n: number) => n;
    w.beginArray();
    for (let n = first; n < end; ) {
      const next = this.runEnd(at, n, end);
      w.beginObject();
      w.key(KEY.demand);
      w.preEncoded(this.demandIds[demand[n]!]!);
      w.key(KEY.quantity);
      w.number(this.sum(at, n, next));
      w.key(KEY.path);
      this.writePath(w, path[n]!);
      w.endObject();
      n = next;
    }
    w.endArray();
  }

  /** `receipts`: each open receipt, in request order, with its demands. */
  writeReceipts(w: JsonWriter): void {
    const { receipts } = this.plan.indexed;
    w.beginArray();
    this.request.receipts.forEach((receipt, r) => {
      w.beginObject();
      w.key(KEY.id);
      w.string(receipt.id);
      w.key(KEY.item);
      w.string(receipt.item);
      w.key(KEY.bucket);
      w.number(receipts.bucket[r]!);
      w.key(KEY.quantity);
      w.number(receipt.quantity);
      w.key(KEY.pegging);
      this.writePegs(w, this.pegs.receiptFirst[r]!, this.pegs.receiptEnd[r]!);
      w.endObject();
    });
    w.endArray();
  }

  /** `demands`: each independent demand, in request order, with its supply (a phantom's orders left out). */
  writeDemands(w: JsonWriter): void {
    const { pegs, plan, request } = this;
    const phantomOrder = (p: number) => pegs.supply[p]! >= 0 && request.items[plan.orders.item[pegs.supply[p]!]!]!.phantom;
    // The pieces by demand, in the order they were made (a stable counting sort).
    const start = new Int32Array(request.demands.length + 1);
    for (let p = 0; p < pegs.count; p++) if (!phantomOrder(p)) start[pegs.demand[p]! + 1]!++;
    for (let d = 0; d < request.demands.length; d++) start[d + 1]! += start[d]!;
    const byDemand = new Int32Array(start[request.demands.length]!);
    const next = start.slice(0, request.demands.length);
    for (let p = 0; p < pegs.count; p++) if (!phantomOrder(p)) byDemand[next[pegs.demand[p]!]!++] = p;
    const at = (n: number) => byDemand[n]!;
    w.beginArray();
    request.demands.forEach((demand, d) => {
      w.beginObject();
      w.key(KEY.id);
      w.preEncoded(this.demandIds[d]!);
      w.key(KEY.item);
      w.string(demand.item);
      w.key(KEY.bucket);
      w.number(plan.indexed.demands.bucket[d]!);
      w.key(KEY.quantity);
      w.number(demand.quantity);
      w.key(KEY.supply);
      w.beginArray();
      for (let n = start[d]!; n < start[d + 1]!; ) {
        const end = this.runEnd(at, n, start[d + 1]!);
        this.writeSupply(w, at(n), this.sum(at, n, end));
        n = end;
      }
      w.endArray();
      w.endObject();
    });
    w.endArray();
  }

  private writeSupply(w: JsonWriter, piece: number, quantity: number): void {
    const { pegs, text, request } = this;
    const supply = pegs.supply[piece]!;
    w.beginObject();
    w.key(KEY.kind);
    w.preEncoded(supply === ON_HAND ? KIND.onHand : supply < 0 ? KIND.receipt : text.firmOrder(supply) >= 0 ? KIND.firm : KIND.planned);
    if (supply !== ON_HAND) {
      w.key(KEY.id);
      if (supply < 0) w.string(request.receipts[-2 - supply]!.id);
      else text.writeOrderId(w, supply);
    }
    w.key(KEY.item);
    w.preEncoded(text.itemIds[pegs.pathItem[pegs.path[piece]!]!]!);
    w.key(KEY.quantity);
    w.number(quantity);
    w.key(KEY.path);
    this.writePath(w, pegs.path[piece]!);
    w.endObject();
  }
}
