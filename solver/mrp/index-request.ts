/**
 * Turns an MRP request into integer-indexed arrays: items by position, the BOM as a CSR graph, and
 * demands and receipts grouped by item (receipts by bucket within an item, for first-in-first-out
 * pegging). A request that fails its semantic checks is a broken contract here: the caller runs
 * checkMrpRequest first, and this throws the ModelError with every problem if it did not.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { ModelError } from "../../src/errors.ts";
import { bucketOf } from "./bucket-dates.ts";
import { checkMrpRequest } from "./check-mrp-request.ts";
import type { BomGraph } from "./low-level-codes.ts";
import { buildBomGraph } from "./low-level-codes.ts";

/** Entries (demands or receipts) grouped by item: entry indexes `order[start[i]] … order[start[i + 1] − 1]`. */
export interface ItemGroups {
  readonly start: Int32Array;
  /** Indexes into the request's list, by bucket within an item, then input order. */
  readonly order: Int32Array;
  /** Bucket of each entry, by its request index. */
  readonly bucket: Int32Array;
}

export interface IndexedRequest {
  readonly buckets: number;
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly graph: BomGraph;
  readonly demands: ItemGroups;
  readonly receipts: ItemGroups;
}

function fail(request: MrpRequest): never {
  const problems = checkMrpRequest(request);
  throw problems.length > 0 ? new ModelError(problems) : new Error("MRP request could not be indexed");
}

function group(request: MrpRequest, list: MrpRequest["demands"], itemIndex: ReadonlyMap<string, number>): ItemGroups {
  const itemCount = itemIndex.size;
  const buckets = request.buckets.count;
  const bucket = new Int32Array(list.length);
  const itemOf = new Int32Array(list.length);
  list.forEach((entry, k) => {
    const i = itemIndex.get(entry.item);
    const b = bucketOf(request.buckets, entry);
    if (i === undefined || b < 0 || b >= buckets) fail(request);
    itemOf[k] = i;
    bucket[k] = b;
  });
  // Counting sort by (item, bucket), stable: two passes of a radix sort, bucket first.
  const byBucket = countingSort(list.length, buckets, (k) => bucket[k]!, null);
  const start = new Int32Array(itemCount + 1);
  const order = countingSort(list.length, itemCount, (k) => itemOf[k]!, byBucket, start);
  return { start, order, bucket };
}

function countingSort(count: number, keys: number, key: (k: number) => number, input: Int32Array | null, first = new Int32Array(keys + 1)): Int32Array {
  for (let k = 0; k < count; k++) first[key(k) + 1]!++;
  for (let v = 0; v < keys; v++) first[v + 1]! += first[v]!;
  const next = first.slice(0, keys);
  const out = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const k = input === null ? n : input[n]!;
    out[next[key(k)]!++] = k;
  }
  return out;
}

export function indexRequest(request: MrpRequest): IndexedRequest {
  const itemIndex = new Map<string, number>();
  request.items.forEach((item, i) => {
    if (itemIndex.has(item.id)) fail(request);
    itemIndex.set(item.id, i);
  });
  const lines = request.bom.length;
  const parents = new Int32Array(lines);
  const components = new Int32Array(lines);
  const quantities = new Float64Array(lines);
  request.bom.forEach((line, e) => {
    const p = itemIndex.get(line.parent);
    const c = itemIndex.get(line.component);
    if (p === undefined || c === undefined) fail(request);
    parents[e] = p;
    components[e] = c;
    quantities[e] = line.quantity;
  });
  return {
    buckets: request.buckets.count,
    itemIndex,
    graph: buildBomGraph(request.items.length, parents, components, quantities),
    demands: group(request, request.demands, itemIndex),
    receipts: group(request, request.receipts, itemIndex),
  };
}
