/**
 * A material plan (plan-materials.ts) read as the MRP sheets read an answer (solver/export/mrp-answer.ts),
 * straight from its typed arrays: one planned order, one item's record at a time, as the spreadsheet writer
 * asks for them, so a 100,000-item plan is exported without its 376 MB JSON answer or an object per cell.
 * The values are the JSON answer's (write-response.ts): the same record replay, tidy rounding, order ids
 * (a firm planned order's own) and single-level pegs; the action messages and the follow-up list, a few
 * per order or receipt, are written by the answer's own code and read back.
 */
import type { MrpException, MrpFollowUp, MrpPeg, MrpPlannedOrder, MrpRequest } from "../../src/mrp.ts";
import type { MrpAnswerRows, MrpRecordRows } from "../export/mrp-answer.ts";
import { JsonWriter } from "../json-writer.ts";
import { writeActionMessages } from "./exceptions.ts";
import { writeFollowUp } from "./follow-up.ts";
import { tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import { RecordReplay } from "./replay-records.ts";
import { ResponseText } from "./response-text.ts";
import { recordOrder, selectedRecords } from "./write-records.ts";
import { itemSources, itemsOfSource } from "./write-response.ts";

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

function* plannedOrders(request: MrpRequest, plan: MaterialPlan, text: ResponseText): Generator<MrpPlannedOrder> {
  const { orders } = plan;
  const sources = itemSources(request.items, plan.indexed.graph);
  const orderId = (k: number) => {
    const firm = text.firmOrder(k);
    return firm >= 0 ? request.firmPlannedOrders[firm]!.id : `MRP-${request.items[orders.item[k]!]!.id}-${orders.receiptBucket[k]!}`;
  };
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
      ...(text.firmOrder(k) >= 0 ? { firm: true as const } : {}),
      quantity: tidy(orders.quantity[k]!),
      startQuantity: orders.startQuantity[k]!,
      releaseBucket,
      receiptBucket,
      releaseDate: text.dates[releaseBucket]!,
      receiptDate: text.dates[receiptBucket]!,
      pegging,
    };
  }
}

/** A list the answer writes (its own code), read back as objects. */
function readBack<T>(write: (w: JsonWriter) => void): T[] {
  const w = new JsonWriter();
  write(w);
  const decoder = new TextDecoder();
  let json = "";
  for (const chunk of w.finish()) json += decoder.decode(chunk, { stream: true });
  return JSON.parse(json + decoder.decode()) as T[];
}

/** The action messages as the answer lists them; the items whose messages read their records are replayed first. */
function exceptions(request: MrpRequest, plan: MaterialPlan, text: ResponseText): MrpException[] {
  const replay = new RecordReplay(request, plan);
  for (let i = 0; i < request.items.length; i++) if (replay.needsReplay(i)) replay.replayItem(i);
  return readBack((w) => writeActionMessages(w, request, plan, text, replay));
}

export function planRows(request: MrpRequest, plan: MaterialPlan): MrpAnswerRows {
  const text = new ResponseText(request, plan);
  const bought = () => itemsOfSource(request.items, itemSources(request.items, plan.indexed.graph), "buy");
  return {
    bucketDates: text.dates,
    records: { [Symbol.iterator]: () => records(request, plan) },
    plannedOrders: { [Symbol.iterator]: () => plannedOrders(request, plan, text) },
    get exceptions() {
      return exceptions(request, plan, text);
    },
    get followUp() {
      return readBack<MrpFollowUp>((w) => writeFollowUp(w, request, plan, text, bought()));
    },
  };
}
