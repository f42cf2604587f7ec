/**
 * Turns the typed-array plan (plan-materials.ts) into the response's plain JSON values, once: one number[]
 * per record kind and item, planned orders with string ids and dates, pegs naming demands or parent
 * orders, and the exception messages. Phantom orders stay internal (issue 5, convention 7).
 *
 * Linear in cells + orders + pegs. The response is hundreds of MB for a 100k-item plan, so every array is
 * allocated at its final length, and strings are joined from per-item and per-bucket parts made once.
 */
import type { MrpException, MrpItemRecord, MrpPeg, MrpPlannedOrder, MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { bucketDates } from "./bucket-dates.ts";
import { pastDue, receiptExceptions } from "./exceptions.ts";
import type { BomGraph } from "./low-level-codes.ts";
import type { LotSizer, NettingRecord } from "./net-requirements.ts";
import { netRequirements, newNettingRecord, tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import type { OrderStore } from "./plan-store.ts";
import { plannedOrdersToOrders } from "./planned-orders-to-orders.ts";

/**
 * Turns typed-array series into JSON arrays, rounding residues next to whole numbers away. All-zero
 * series — most items' scheduled receipts — share one frozen array: a large plan holds hundreds of
 * thousands of them, and they are response data, never mutated.
 */
class SeriesFactory {
  private readonly zeros: readonly number[];

  constructor(private readonly buckets: number) {
    this.zeros = Object.freeze(new Array<number>(buckets).fill(0));
  }

  series(values: Float64Array): number[] {
    const T = this.buckets;
    let t = 0;
    while (t < T && values[t] === 0) t++;
    if (t === T) return this.zeros as number[];
    // Allocated at its final length: a push-grown array is copied on the way, twice the garbage.
    const out = new Array<number>(T);
    for (let u = 0; u < t; u++) out[u] = 0;
    for (; t < T; t++) {
      const x = values[t]!;
      out[t] = Number.isInteger(x) ? x + 0 : tidy(x);
    }
    return out;
  }
}

/** Each item's source: as given, else make when it is a BOM parent and buy otherwise. */
function itemSources(items: MrpRequest["items"], graph: BomGraph): Array<"make" | "buy"> {
  return items.map((item, i) => item.source ?? (graph.start[i + 1]! > graph.start[i]! ? "make" : "buy"));
}

/** Planned order ids `MRP-{item}-{receiptBucket}`: unique because an item has at most one planned order per receipt bucket. */
function plannedOrderIds(request: MrpRequest, plan: MaterialPlan): string[] {
  const { orders, orderFirst, orderEnd } = plan;
  const bucketLabels = Array.from({ length: plan.indexed.buckets }, (_, t) => String(t));
  const ids = new Array<string>(orders.size);
  request.items.forEach((item, i) => {
    const prefix = `MRP-${item.id}-`;
    for (let k = orderFirst[i]!; k < orderEnd[i]!; k++) ids[k] = prefix + bucketLabels[orders.receiptBucket[k]!]!;
  });
  return ids;
}

/**
 * Item by item, the records' series not kept in the plan: scheduled receipts, planned receipts and
 * releases summed in the planning's order, projected on hand and net requirements by netting the gross
 * requirements again with the planned receipts as the lots (see MaterialPlan).
 */
class RecordReplay {
  readonly gross: Float64Array;
  readonly scheduled: Float64Array;
  readonly plannedReceipts: Float64Array;
  readonly releases: Float64Array;
  readonly record: NettingRecord;
  private readonly replay: LotSizer;

  constructor(
    private readonly request: MrpRequest,
    private readonly plan: MaterialPlan,
  ) {
    const T = plan.indexed.buckets;
    this.gross = new Float64Array(T);
    this.scheduled = new Float64Array(T);
    this.plannedReceipts = new Float64Array(T);
    this.releases = new Float64Array(T);
    this.record = newNettingRecord(T);
    const planned = this.plannedReceipts;
    this.replay = (t) => planned[t]!;
  }

  replayItem(i: number): void {
    const { plan, request, gross, scheduled, plannedReceipts, releases } = this;
    const { receipts, buckets: T } = plan.indexed;
    const { orders } = plan;
    for (let t = 0; t < T; t++) gross[t] = plan.gross[i * T + t]!;
    scheduled.fill(0);
    for (let k = receipts.start[i]!; k < receipts.start[i + 1]!; k++) scheduled[receipts.bucket[receipts.order[k]!]!]! += request.receipts[receipts.order[k]!]!.quantity;
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

/** The items' records and the exceptions, item by item in planning order. */
function recordsAndExceptions(request: MrpRequest, plan: MaterialPlan, ids: ReadonlyArray<string>, dates: ReadonlyArray<string>) {
  const { orders } = plan;
  const json = new SeriesFactory(plan.indexed.buckets);
  const replay = new RecordReplay(request, plan);
  const { record } = replay;
  const items: Record<string, MrpItemRecord> = {};
  const exceptions: MrpException[] = [];
  plan.sequence.forEach((i) => {
    const item = request.items[i]!;
    const leadTime = item.phantom ? 0 : item.leadTime;
    for (let k = plan.orderFirst[i]!; k < plan.orderEnd[i]!; k++) {
      const t = orders.receiptBucket[k]!;
      if (t < leadTime) exceptions.push(pastDue(item.id, ids[k]!, t, leadTime - t, dates));
    }
    replay.replayItem(i);
    receiptExceptions(item.id, record.net, request.receipts, plan.indexed.receipts, i, plan.receiptUsed, dates, exceptions);
    const itemRecord: MrpItemRecord = {
      lowLevelCode: plan.codes[i]!,
      gross: json.series(replay.gross),
      scheduledReceipts: json.series(replay.scheduled),
      projectedOnHand: json.series(record.projectedOnHand),
      net: json.series(record.net),
      plannedReceipts: json.series(replay.plannedReceipts),
      plannedReleases: json.series(replay.releases),
    };
    // Assigning would make a record called "__proto__" the object's prototype instead of its entry.
    if (item.id === "__proto__") Object.defineProperty(items, item.id, { value: itemRecord, enumerable: true, writable: true, configurable: true });
    else items[item.id] = itemRecord;
  });
  return { items, exceptions };
}

function pegsOf(k: number, orders: OrderStore, ids: ReadonlyArray<string>, demands: MrpRequest["demands"]): MrpPeg[] {
  const first = orders.pegFirst[k]!;
  const pegging = new Array<MrpPeg>(orders.pegEnd[k]! - first);
  for (let p = first; p < orders.pegEnd[k]!; p++) {
    const source = orders.pegSource[p]!;
    const quantity = tidy(orders.pegQuantity[p]!);
    pegging[p - first] = source >= 0 ? { parentOrder: ids[source]!, quantity } : { demand: demands[-1 - source]!.id, quantity };
  }
  return pegging;
}

function plannedOrders(request: MrpRequest, plan: MaterialPlan, ids: ReadonlyArray<string>, dates: ReadonlyArray<string>): MrpPlannedOrder[] {
  const sources = itemSources(request.items, plan.indexed.graph);
  const { items, demands } = request;
  const { orders } = plan;
  let count = 0;
  for (let k = 0; k < orders.size; k++) if (!items[orders.item[k]!]!.phantom) count++;
  const out = new Array<MrpPlannedOrder>(count);
  let n = 0;
  for (let k = 0; k < orders.size; k++) {
    const item = items[orders.item[k]!]!;
    if (item.phantom) continue;
    const releaseBucket = orders.releaseBucket[k]!;
    const receiptBucket = orders.receiptBucket[k]!;
    out[n++] = {
      id: ids[k]!,
      item: item.id,
      source: sources[orders.item[k]!]!,
      quantity: tidy(orders.quantity[k]!),
      startQuantity: orders.startQuantity[k]!,
      releaseBucket,
      receiptBucket,
      releaseDate: dates[releaseBucket]!,
      receiptDate: dates[receiptBucket]!,
      pegging: pegsOf(k, orders, ids, demands),
    };
  }
  return out;
}

export function buildResponse(request: MrpRequest, plan: MaterialPlan): MrpResponse {
  const dates = bucketDates(request.buckets);
  const ids = plannedOrderIds(request, plan);
  const { items, exceptions } = recordsAndExceptions(request, plan, ids, dates);
  const response: MrpResponse = { items, plannedOrders: plannedOrders(request, plan, ids, dates), exceptions };
  if (request.options?.asOrders) response.orders = plannedOrdersToOrders(response);
  return response;
}
