/**
 * Turns the typed-array planning state into the response's plain JSON values: one number[] per record
 * kind and bucket, planned orders with string ids and dates, pegs naming demands or parent orders.
 * Phantom orders stay internal (issue 5, convention 7). Linear in cells + orders + pegs.
 */
import type { MrpPeg, MrpPlannedOrder, MrpRequest } from "../../src/mrp.ts";
import type { BomGraph } from "./low-level-codes.ts";
import { tidy } from "./net-requirements.ts";
import type { OrderStore } from "./plan-store.ts";

/**
 * Turns typed-array series into JSON arrays, rounding residues next to whole numbers away. All-zero
 * series — most items' scheduled receipts — share one frozen array: a large plan holds hundreds of
 * thousands of them, and they are response data, never mutated.
 */
export class SeriesFactory {
  private readonly zeros: readonly number[];

  constructor(buckets: number) {
    this.zeros = Object.freeze(new Array<number>(buckets).fill(0));
  }

  series(values: ArrayLike<number>): number[] {
    let t = 0;
    while (t < values.length && values[t] === 0) t++;
    if (t === values.length) return this.zeros as number[];
    const out = new Array<number>(values.length).fill(0);
    for (; t < values.length; t++) {
      const x = values[t]!;
      out[t] = Number.isInteger(x) ? x + 0 : tidy(x);
    }
    return out;
  }
}

/** Planned order id: unique because an item has at most one planned order per receipt bucket. */
export function plannedOrderId(item: string, receiptBucket: number): string {
  return `MRP-${item}-${receiptBucket}`;
}

/** Each item's source: as given, else make when it is a BOM parent and buy otherwise. */
function itemSources(items: MrpRequest["items"], graph: BomGraph): Array<"make" | "buy"> {
  return items.map((item, i) => item.source ?? (graph.start[i + 1]! > graph.start[i]! ? "make" : "buy"));
}

export function buildPlannedOrders(request: MrpRequest, graph: BomGraph, orders: OrderStore, dates: ReadonlyArray<string>): MrpPlannedOrder[] {
  const sources = itemSources(request.items, graph);
  const { items, demands } = request;
  const ids: string[] = new Array<string>(orders.size);
  for (let k = 0; k < orders.size; k++) ids[k] = plannedOrderId(items[orders.item[k]!]!.id, orders.receiptBucket[k]!);
  const out: MrpPlannedOrder[] = [];
  for (let k = 0; k < orders.size; k++) {
    const item = items[orders.item[k]!]!;
    if (item.phantom) continue;
    const pegging: MrpPeg[] = [];
    for (let p = orders.pegFirst[k]!; p < orders.pegEnd[k]!; p++) {
      const source = orders.pegSource[p]!;
      const quantity = tidy(orders.pegQuantity[p]!);
      pegging.push(source >= 0 ? { parentOrder: ids[source]!, quantity } : { demand: demands[-1 - source]!.id, quantity });
    }
    const releaseBucket = orders.releaseBucket[k]!;
    const receiptBucket = orders.receiptBucket[k]!;
    out.push({
      id: ids[k]!,
      item: item.id,
      source: sources[orders.item[k]!]!,
      quantity: tidy(orders.quantity[k]!),
      startQuantity: orders.startQuantity[k]!,
      releaseBucket,
      receiptBucket,
      releaseDate: dates[releaseBucket]!,
      receiptDate: dates[receiptBucket]!,
      pegging,
    });
  }
  return out;
}
