/**
 * Material requirements planning (Orlicky 1975; Jacobs & Chase, ch. "Material Requirements Planning"),
 * issue 5's conventions: items are planned once each in increasing low-level code (low-level-codes.ts);
 * an item's gross requirements are its independent demand plus its parents' planned releases (start
 * quantities) × BOM quantity, pulled from the parents' orders (gather-requirements.ts); netting with
 * safety stock (net-requirements.ts) and the item's lot rule (lot-sizing/) give planned receipts; scrap
 * inflates them to start quantities; the lead time offsets them to releases, a release before bucket 0
 * going to bucket 0 as `past-due`. Phantoms are netted lot-for-lot against their on hand with no safety
 * stock, lead time, modifiers or scrap, and pass their requirements' pegs through to their components.
 *
 * Cost: O(items × buckets + requirements + pegs) on typed arrays; per-item scratch is reused, and the
 * only objects made are the response's. Pure and synchronous; call checkMrpRequest first (an unsound
 * request throws ModelError).
 */
import { ModelError } from "../../src/errors.ts";
import type { MrpException, MrpItemRecord, MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { bucketDates } from "./bucket-dates.ts";
import { buildPlannedOrders, plannedOrderId, SeriesFactory } from "./build-response.ts";
import { checkMrpRequest } from "./check-mrp-request.ts";
import { receiptExceptions, pastDue } from "./exceptions.ts";
import { RequirementGathering } from "./gather-requirements.ts";
import type { PlanningState } from "./gather-requirements.ts";
import { indexRequest } from "./index-request.ts";
import { lotSizerFor } from "./lot-sizing/lot-sizer.ts";
import { lowLevelCodes, planningSequence } from "./low-level-codes.ts";
import type { NettingRecord } from "./net-requirements.ts";
import { netRequirements, newNettingRecord, QUANTITY_EPSILON, tidy } from "./net-requirements.ts";
import { ItemPegging } from "./peg-item.ts";
import { OrderStore } from "./plan-store.ts";
import { plannedOrdersToOrders } from "./planned-orders-to-orders.ts";

function itemRecord(lowLevelCode: number, gross: Float64Array, scheduled: Float64Array, record: NettingRecord, releases: Float64Array, json: SeriesFactory): MrpItemRecord {
  return {
    lowLevelCode,
    gross: json.series(gross),
    scheduledReceipts: json.series(scheduled),
    projectedOnHand: json.series(record.projectedOnHand),
    net: json.series(record.net),
    plannedReceipts: json.series(record.plannedReceipts),
    plannedReleases: json.series(releases),
  };
}

export function planMaterials(request: MrpRequest): MrpResponse {
  const { graph, demands, receipts, buckets: T } = indexRequest(request);
  const codes = lowLevelCodes(graph);
  if (codes === null) throw new ModelError(checkMrpRequest(request), "TAKT_ERR_BOM_CYCLE");
  const itemCount = graph.itemCount;
  const dates = bucketDates(request.buckets);
  const state: PlanningState = {
    graph,
    demands,
    demandQuantity: Float64Array.from(request.demands, (d) => d.quantity),
    phantom: Uint8Array.from(request.items, (item) => (item.phantom ? 1 : 0)),
    orders: new OrderStore(4 * itemCount),
    orderFirst: new Int32Array(itemCount),
    orderEnd: new Int32Array(itemCount),
  };
  const { orders } = state;
  const receiptQuantity = (r: number) => request.receipts[r]!.quantity;
  const receiptUsed = new Float64Array(request.receipts.length);
  const requirements = new RequirementGathering(T);
  const pegging = new ItemPegging(T, orders, receiptUsed);
  const scheduled = new Float64Array(T);
  const releases = new Float64Array(T);
  const orderAt = new Int32Array(T);
  const record = newNettingRecord(T);
  const lotForLotScratch = newNettingRecord(T);
  const exceptions: MrpException[] = [];
  const records: Array<[string, MrpItemRecord]> = [];
  const json = new SeriesFactory(T);

  for (const i of planningSequence(codes)) {
    const item = request.items[i]!;
    const phantom = item.phantom;
    const safetyStock = phantom ? 0 : item.safetyStock;
    requirements.gather(i, safetyStock, state);
    scheduled.fill(0);
    for (let k = receipts.start[i]!; k < receipts.start[i + 1]!; k++) scheduled[receipts.bucket[receipts.order[k]!]!]! += receiptQuantity(receipts.order[k]!);

    const input = { gross: requirements.gross, receipts: scheduled, onHand: item.onHand, safetyStock };
    netRequirements(input, lotSizerFor(item, input, lotForLotScratch), record);

    // Planned orders: scrap inflates the start quantity, the lead time offsets the release.
    const leadTime = phantom ? 0 : item.leadTime;
    const goodShare = phantom ? 1 : 1 - item.scrapRate;
    releases.fill(0);
    orderAt.fill(-1);
    state.orderFirst[i] = orders.size;
    for (let t = 0; t < T; t++) {
      const quantity = record.plannedReceipts[t]!;
      if (quantity <= QUANTITY_EPSILON) continue;
      const due = t - leadTime;
      const start = tidy(quantity / goodShare);
      orderAt[t] = orders.add(i, t, Math.max(0, due), quantity, start);
      releases[Math.max(0, due)]! += start;
      if (due < 0) exceptions.push(pastDue(item.id, plannedOrderId(item.id, t), t, -due, dates));
    }
    state.orderEnd[i] = orders.size;

    pegging.peg(i, item.onHand, requirements, receipts, receiptQuantity, orderAt);
    receiptExceptions(item.id, record.net, request.receipts, receipts, i, receiptUsed, dates, exceptions);
    records.push([item.id, itemRecord(codes[i]!, requirements.gross, scheduled, record, releases, json)]);
  }

  const plannedOrders = buildPlannedOrders(request, graph, orders, dates);
  // fromEntries defines own properties, so even an item called "__proto__" gets its record.
  const response: MrpResponse = { items: Object.fromEntries(records), plannedOrders, exceptions };
  if (request.options?.asOrders) response.orders = plannedOrdersToOrders(response);
  return response;
}
