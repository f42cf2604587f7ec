/**
 * The `items` of the MRP response: the time-phased records that options.records selects, replayed item
 * by item (replay-records.ts), as a record per item id ("objects", the default) or as columns
 * (options.format "columnar": item ids once, each series one flat item-major array, for ERP clients that
 * load them into tables). Items whose records are left out are still replayed when their action messages
 * need it (open receipts, a planning fence).
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { encodeJson, encodeKeys, JsonWriter } from "../json-writer.ts";
import { tidy } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import type { RecordReplay } from "./replay-records.ts";
import type { ResponseText } from "./response-text.ts";

const KEY = encodeKeys(["lowLevelCode", "buckets", "ids"]);
/** The series' keys, in MrpItemRecord's order (seriesOf's). */
const SERIES_KEYS = Object.values(encodeKeys(["gross", "scheduledReceipts", "projectedOnHand", "net", "plannedReceipts", "plannedReleases"]));

/**
 * The order in which a JS object enumerates the items' records, which JSON.stringify follows: keys that
 * are array indexes (canonical integers below 2^32 − 1) ascending, then the others as inserted — in
 * planning order. The columns keep the same order.
 */
export function recordOrder(request: MrpRequest, sequence: Int32Array): Int32Array {
  const isIndex = (id: string) => /^(?:0|[1-9]\d*)$/.test(id) && Number(id) < 2 ** 32 - 1;
  const indexes = request.items.flatMap((item, i) => (isIndex(item.id) ? [i] : []));
  if (indexes.length === 0) return sequence;
  indexes.sort((a, b) => Number(request.items[a]!.id) - Number(request.items[b]!.id));
  return Int32Array.from([...indexes, ...Array.from(sequence).filter((i) => !isIndex(request.items[i]!.id))]);
}

/** 1 for each item whose record options.records asks for, or null for all of them. */
export function selectedRecords(request: MrpRequest, plan: MaterialPlan): Uint8Array | null {
  const records = request.options?.records ?? "all";
  if (records === "all") return null;
  const selected = new Uint8Array(request.items.length);
  if (records !== "none") for (const id of records) selected[plan.indexed.itemIndex.indexOf(id)] = 1;
  return selected;
}

/** Residues next to whole numbers rounded away (tidy), in place: `values` is scratch. */
function tidySeries(values: Float64Array): Float64Array {
  for (let t = 0; t < values.length; t++) if (!Number.isInteger(values[t]!)) values[t] = tidy(values[t]!);
  return values;
}

/** The replay's scratch series of the current item, in SERIES_KEYS' order. */
function seriesOf(replay: RecordReplay): Float64Array[] {
  const { gross, scheduled, record, plannedReceipts, releases } = replay;
  return [gross, scheduled, record.projectedOnHand, record.net, plannedReceipts, releases];
}

/** A series as a JSON array (tidied in place). */
function writeSeries(w: JsonWriter, values: Float64Array, zeros: Uint8Array): void {
  let t = 0;
  while (t < values.length && values[t] === 0) t++;
  // Most series (scheduled receipts above all) are all zeros: one pre-encoded copy.
  if (t === values.length) return w.preEncoded(zeros);
  w.numberArray(tidySeries(values), 0, values.length);
}

/** Replays every item the records or the messages need; calls `write` for those whose record is selected. */
function replayItems(request: MrpRequest, plan: MaterialPlan, replay: RecordReplay, write: (i: number) => void): void {
  const selected = selectedRecords(request, plan);
  for (const i of recordOrder(request, plan.sequence)) {
    const written = selected === null || selected[i] === 1;
    if (!written && !replay.needsReplay(i)) continue;
    replay.replayItem(i);
    if (written) write(i);
  }
}

/** The records as `{ [item id]: record }`. */
function writeObjects(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, replay: RecordReplay): void {
  const zeros = encodeJson(new Array<number>(plan.indexed.buckets).fill(0));
  const series = seriesOf(replay);
  w.beginObject();
  replayItems(request, plan, replay, (i) => {
    w.key(text.itemIds[i]!);
    w.beginObject();
    w.key(KEY.lowLevelCode);
    w.number(plan.codes[i]!);
    for (let s = 0; s < series.length; s++) {
      w.key(SERIES_KEYS[s]!);
      writeSeries(w, series[s]!, zeros);
    }
    w.endObject();
  });
  w.endObject();
}

/** The records as columns: each series written by a writer of its own while the items are replayed once, then joined. */
function writeColumns(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, replay: RecordReplay): void {
  const T = plan.indexed.buckets;
  const series = seriesOf(replay);
  const ids: number[] = [];
  const columns = series.map(() => new JsonWriter());
  for (const column of columns) column.beginArray();
  replayItems(request, plan, replay, (i) => {
    ids.push(i);
    for (let s = 0; s < series.length; s++) columns[s]!.numbers(tidySeries(series[s]!), 0, T);
  });
  w.beginObject();
  w.key(KEY.buckets);
  w.number(T);
  w.key(KEY.ids);
  w.beginArray();
  for (const i of ids) w.preEncoded(text.itemIds[i]!);
  w.endArray();
  w.key(KEY.lowLevelCode);
  w.numberArray(Float64Array.from(ids, (i) => plan.codes[i]!), 0, ids.length);
  columns.forEach((column, s) => {
    column.endArray();
    w.key(SERIES_KEYS[s]!);
    w.embed(column.finish());
  });
  w.endObject();
}

/** The response's `items`, in the format options.format asks for. Leaves the messages' findings in `replay`. */
export function writeRecords(w: JsonWriter, request: MrpRequest, plan: MaterialPlan, text: ResponseText, replay: RecordReplay): void {
  if (request.options?.format === "columnar") writeColumns(w, request, plan, text, replay);
  else writeObjects(w, request, plan, text, replay);
}
