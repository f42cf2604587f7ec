/**
 * Turns an MRP request into integer-indexed arrays: items by position, the BOM as a CSR graph, and
 * demands, receipts and firm planned orders grouped by item (by bucket within an item, for
 * first-in-first-out pegging). Indexing meets every reference anyway, so it is also the fast semantic
 * check: an unknown item (in the BOM, demands, receipts, firm planned orders or options.records) or
 * calendar, a duplicate id, a bucket outside the horizon, a fence longer than it, a firm order for a
 * phantom or wagner-whitin / silver-meal with a modifier, and a request over a limit (horizon, items ×
 * buckets, BOM depth or explosion), throws the ModelError of checkMrpRequest (all problems with their paths,
 * built only then). BOM cycles are left to lowLevelCodes.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { checkBomShape, checkBucketSpan, checkMrpCells } from "../../src/check-limits.ts";
import { ModelError } from "../../src/errors.ts";
import type { BucketCalendar } from "./bucket-dates.ts";
import { bucketCalendar, bucketOf, isBucketCalendar } from "./bucket-dates.ts";
import { checkMrpRequest } from "./check-mrp-request.ts";
import { IdIndex } from "./id-index.ts";
import type { BomGraph } from "./low-level-codes.ts";
import { buildBomGraph } from "./low-level-codes.ts";

/** Entries (demands or receipts) grouped by item: entry indexes `order[start[i]] … order[start[i + 1] − 1]`. */
export interface ItemGroups {
  readonly start: Int32Array;
  /** Indexes into the request's list, by bucket within an item, then input order. */
  readonly order: Int32Array;
  /** Bucket of each entry, by its request index. */
  readonly bucket: Int32Array;
  /** Quantity of each entry, units, by its request index. */
  readonly quantity: Float64Array;
}

export interface IndexedRequest {
  readonly buckets: number;
  /** Bucket dates and working days. */
  readonly calendar: BucketCalendar;
  /** Item ids → item indexes. */
  readonly itemIndex: IdIndex;
  readonly graph: BomGraph;
  readonly demands: ItemGroups;
  readonly receipts: ItemGroups;
  /** Firm planned orders, by receipt bucket within an item. */
  readonly firm: ItemGroups;
}

/** Throws the request's problems, met while indexing (an empty list would mean indexing and checking disagree: a bug). */
function fail(request: MrpRequest): never {
  const problems = checkMrpRequest(request);
  throw problems.length > 0 ? new ModelError(problems) : new Error("MRP request could not be indexed");
}

function group(request: MrpRequest, calendar: BucketCalendar, list: MrpRequest["demands"], itemIndex: IdIndex): ItemGroups {
  const itemCount = itemIndex.size;
  const buckets = request.buckets.count;
  const bucket = new Int32Array(list.length);
  const quantity = new Float64Array(list.length);
  const itemOf = new Int32Array(list.length);
  const ids = new IdIndex(list.length);
  for (let k = 0; k < list.length; k++) {
    const entry = list[k]!;
    const i = itemIndex.indexOf(entry.item);
    const b = bucketOf(calendar, entry);
    if (i < 0 || b < 0 || b >= buckets || ids.add(entry.id, k) >= 0) fail(request);
    itemOf[k] = i;
    bucket[k] = b;
    quantity[k] = entry.quantity;
  }
  // Counting sort by (item, bucket), stable: two passes of a radix sort, bucket first.
  const byBucket = countingSort(bucket, buckets, null, new Int32Array(buckets + 1));
  const start = new Int32Array(itemCount + 1);
  const order = countingSort(itemOf, itemCount, byBucket, start);
  return { start, order, bucket, quantity };
}

/**
 * Indexes `input` (all of 0 … key.length − 1 when null) stably sorted by `key[k]` in 0 … keys − 1;
 * `first` (keys + 1 zeros) receives where each key's run starts.
 */
function countingSort(key: Int32Array, keys: number, input: Int32Array | null, first: Int32Array): Int32Array {
  const count = key.length;
  for (let k = 0; k < count; k++) first[key[k]! + 1]!++;
  for (let v = 0; v < keys; v++) first[v + 1]! += first[v]!;
  const next = first.slice(0, keys);
  const out = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const k = input === null ? n : input[n]!;
    out[next[key[k]!]!++] = k;
  }
  return out;
}

export function indexRequest(request: MrpRequest): IndexedRequest {
  const { items, bom } = request;
  if (checkBucketSpan(request.buckets).length > 0 || checkMrpCells(items.length, request.buckets.count).length > 0) fail(request);
  const calendar = bucketCalendar(request.buckets, request.calendars);
  if (!isBucketCalendar(calendar) || (request.options?.planningFenceBuckets ?? 0) > request.buckets.count) fail(request);
  const itemIndex = new IdIndex(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const rule = item.lotSizing.rule;
    const modified = item.minimum !== undefined || item.multiple !== undefined;
    if (itemIndex.add(item.id, i) >= 0 || (modified && (rule === "wagner-whitin" || rule === "silver-meal"))) fail(request);
    if ((item.planningFenceBuckets ?? 0) > request.buckets.count) fail(request);
  }
  const parents = new Int32Array(bom.length);
  const components = new Int32Array(bom.length);
  const quantities = new Float64Array(bom.length);
  for (let e = 0; e < bom.length; e++) {
    const line = bom[e]!;
    const p = itemIndex.indexOf(line.parent);
    const c = itemIndex.indexOf(line.component);
    if (p < 0 || c < 0) fail(request);
    parents[e] = p;
    components[e] = c;
    quantities[e] = line.quantity;
  }
  const shape = { itemCount: items.length, parent: parents, component: components, quantity: quantities, scrapRate: (i: number) => items[i]!.scrapRate };
  if (checkBomShape(shape).length > 0) fail(request);
  const selected = request.options?.records;
  if (Array.isArray(selected)) for (const id of selected) if (itemIndex.indexOf(id) < 0) fail(request);
  const firm = group(request, calendar, request.firmPlannedOrders, itemIndex);
  for (let i = 0; i < items.length; i++) if (items[i]!.phantom && firm.start[i + 1]! > firm.start[i]!) fail(request);
  return {
    buckets: request.buckets.count,
    calendar,
    itemIndex,
    graph: buildBomGraph(items.length, parents, components, quantities),
    demands: group(request, calendar, request.demands, itemIndex),
    receipts: group(request, calendar, request.receipts, itemIndex),
    firm,
  };
}

/**
 * Item `item`'s open receipts (or firm planned orders) summed per bucket into `out` (zeroed first): its
 * scheduled receipts SR[t]. Planning nets against them and the response replays them, so both sum them
 * the same way.
 */
export function scheduledReceipts<Out extends Float64Array>(receipts: ItemGroups, item: number, out: Out): Out {
  out.fill(0);
  return addGroup(receipts, item, out);
}

/**
 * Item i's receipts as its netting sees them: its open receipts, then its firm planned orders, summed per
 * bucket into `out` — in this order by planning and by the response's replay, so both get the same doubles.
 */
export function nettingReceipts<Out extends Float64Array>(indexed: IndexedRequest, i: number, out: Out): Out {
  scheduledReceipts(indexed.receipts, i, out);
  return addGroup(indexed.firm, i, out);
}

/** Adds item `item`'s entries of `groups` into `out` per bucket. */
function addGroup<Out extends Float64Array>(groups: ItemGroups, item: number, out: Out): Out {
  for (let k = groups.start[item]!; k < groups.start[item + 1]!; k++) {
    const r = groups.order[k]!;
    out[groups.bucket[r]!]! += groups.quantity[r]!;
  }
  return out;
}

/** Whether item `item` has entries in `groups`. */
export function hasEntries(groups: ItemGroups, item: number): boolean {
  return groups.start[item + 1]! > groups.start[item]!;
}
