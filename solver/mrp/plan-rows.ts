/**
 * A material plan (plan-materials.ts) read as the MRP sheets read an answer (solver/export/mrp-answer.ts),
 * straight from its typed arrays: one planned order, one item's record at a time, as the spreadsheet writer
 * asks for them, so a 100,000-item plan is exported without its 347 MB JSON answer or an object per cell.
 * The values are the JSON answer's (write-response.ts): the same record replay, tidy rounding, order ids
 * and the same exceptions, which are few enough (one per late order or open receipt) to make as objects.
 */
import type { MrpException, MrpPeg, MrpPlannedOrder, MrpRequest } from "../../src/mrp.ts";
import type { MrpAnswerRows, MrpRecordRows } from "../export/mrp-answer.ts";
import { JsonWriter } from "../json-writer.ts";
import { firstNetRequirement } from "./exceptions.ts";
import { tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import { itemSources, RecordReplay, recordOrder, ResponseText, selectedRecords, writeExceptions } from "./write-response.ts";

/** Non-integers rounded as the JSON answer rounds them (in place: the series are the replay's scratch). */
function tidied(values: Float64Array): Float64Array {
  for (let t = 0; t < values.length; t++) if (!Number.isInteger(values[t]!)) values[t] = tidy(values[t]!);
  return values;
}

function* records(request: MrpRequest, plan: MaterialPlan): Generator<readonly [string, MrpRecordRows]> {
  const replay = new RecordReplay(request, plan);
  const selected = selectedRecords(request, plan);
  for (const i of recordOrder(request, plan.sequence)) {
    if (selected !== null && selected[i] !== 1) continue;
    replay.replayItem(i);
    const { record } = replay;
    yield [
      request.items[i]!.id,
      {
        lowLevelCode: plan.codes[i]!,
        gross: tidied(replay.gross),
        scheduledReceipts: tidied(replay.scheduled),
        projectedOnHand: tidied(record.projectedOnHand),
        net: tidied(record.net),
        plannedReceipts: tidied(replay.plannedReceipts),
        plannedReleases: tidied(replay.releases),
      },
    ];
  }
}

function* plannedOrders(request: MrpRequest, plan: MaterialPlan, dates: readonly string[]): Generator<MrpPlannedOrder> {
  const { orders } = plan;
  const sources = itemSources(request.items, plan.indexed.graph);
  const orderId = (k: number) => `MRP-${request.items[orders.item[k]!]!.id}-${orders.receiptBucket[k]!}`;
  for (let k = 0; k < orders.size; k++) {
    const i = orders.item[k]!;
    if (request.items[i]!.phantom) continue;
    const pegging: MrpPeg[] = [];
    for (let p = orders.pegFirst[k]!; p < orders.pegEnd[k]!; p++) {
      const source = orders.pegSource[p]!;
      const quantity = tidy(orders.pegQuantity[p]!);
      pegging.push(source >= 0 ? { parentOrder: orderId(source), quantity } : { demand: request.demands[-1 - source]!.id, quantity });
    }
    const releaseBucket = orders.releaseBucket[k]!;
    const receiptBucket = orders.receiptBucket[k]!;
    yield {
      id: orderId(k),
      item: request.items[i]!.id,
      source: sources[i]!,
      quantity: tidy(orders.quantity[k]!),
      startQuantity: orders.startQuantity[k]!,
      releaseBucket,
      receiptBucket,
      releaseDate: dates[releaseBucket]!,
      receiptDate: dates[receiptBucket]!,
      pegging,
    };
  }
}

/** The exceptions as the answer lists them: written by write-response.ts's own code, then read back. */
function exceptions(request: MrpRequest, plan: MaterialPlan, text: ResponseText): MrpException[] {
  const T = plan.indexed.buckets;
  const firstNet = new Int32Array(request.items.length).fill(T);
  const firstNetQuantity = new Float64Array(request.items.length);
  // Only items with open receipts have receipt exceptions, so only they need their first net requirement.
  const replay = new RecordReplay(request, plan);
  const { start } = plan.indexed.receipts;
  for (let i = 0; i < request.items.length; i++) {
    if (start[i + 1] === start[i]) continue;
    replay.replayItem(i);
    firstNet[i] = firstNetRequirement(replay.record.net);
    if (firstNet[i]! < T) firstNetQuantity[i] = replay.record.net[firstNet[i]!]!;
  }
  const w = new JsonWriter();
  writeExceptions(w, request, plan, text, firstNet, firstNetQuantity);
  const decoder = new TextDecoder();
  let json = "";
  for (const chunk of w.finish()) json += decoder.decode(chunk, { stream: true });
  return JSON.parse(json + decoder.decode()) as MrpException[];
}

export function planRows(request: MrpRequest, plan: MaterialPlan): MrpAnswerRows {
  const text = new ResponseText(request);
  return {
    bucketDates: text.dates,
    records: { [Symbol.iterator]: () => records(request, plan) },
    plannedOrders: { [Symbol.iterator]: () => plannedOrders(request, plan, text.dates) },
    get exceptions() {
      return exceptions(request, plan, text);
    },
  };
}
