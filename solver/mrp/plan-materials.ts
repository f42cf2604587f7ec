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
 * Two stages: `computeMaterialPlan` plans on typed arrays only — O(items × buckets + requirements + pegs),
 * per-item scratch reused, no per-order or per-cell objects — and build-response.ts then turns that plan
 * into the JSON response once. Pure and synchronous; call checkMrpRequest first (an unsound request
 * throws ModelError).
 */
import { ModelError } from "../../src/errors.ts";
import type { MrpRequest, MrpResponse } from "../../src/mrp.ts";
import { buildResponse } from "./build-response.ts";
import { checkMrpRequest } from "./check-mrp-request.ts";
import { RequirementGathering } from "./gather-requirements.ts";
import type { PlanningState } from "./gather-requirements.ts";
import type { IndexedRequest } from "./index-request.ts";
import { indexRequest } from "./index-request.ts";
import { lotSizerFor } from "./lot-sizing/lot-sizer.ts";
import { lowLevelCodes, planningSequence } from "./low-level-codes.ts";
import { netRequirements, newNettingRecord, QUANTITY_EPSILON, tidy } from "./net-requirements.ts";
import { ItemPegging } from "./peg-item.ts";
import { OrderStore } from "./plan-store.ts";

/**
 * The plan in typed arrays. Of the items' records only the gross requirements are kept (item i's in
 * bucket t at `i × buckets + t`): scheduled receipts, planned receipts and releases are sums over the
 * request's receipts and the orders, and projected on hand and net requirements follow from netting the
 * gross requirements again with the planned receipts as the lots — the same arithmetic, so the same
 * doubles. Storing them would cost 80 MB more at 100k items, mostly in fresh pages to touch.
 */
export interface MaterialPlan {
  readonly indexed: IndexedRequest;
  /** Low-level code of each item. */
  readonly codes: Int32Array;
  /** Item indexes in planning order (increasing low-level code). */
  readonly sequence: Int32Array;
  /** Gross requirements, units. */
  readonly gross: Float64Array;
  /** Planned orders (phantoms' included) and their pegs; item i's are `orderFirst[i] … orderEnd[i] − 1`. */
  readonly orders: OrderStore;
  readonly orderFirst: Int32Array;
  readonly orderEnd: Int32Array;
  /** Units of each open receipt (by request index) that requirements consume. */
  readonly receiptUsed: Float64Array;
}

export function computeMaterialPlan(request: MrpRequest): MaterialPlan {
  const indexed = indexRequest(request);
  const { graph, demands, receipts, buckets: T } = indexed;
  const codes = lowLevelCodes(graph);
  if (codes === null) throw new ModelError(checkMrpRequest(request), "TAKT_ERR_BOM_CYCLE");
  const itemCount = graph.itemCount;
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
  const receiptQuantity = Float64Array.from(request.receipts, (r) => r.quantity);
  const receiptUsed = new Float64Array(request.receipts.length);
  const requirements = new RequirementGathering(T);
  const pegging = new ItemPegging(T, orders, receiptUsed);
  const scheduled = new Float64Array(T);
  const orderAt = new Int32Array(T);
  const record = newNettingRecord(T);
  const lotForLotScratch = newNettingRecord(T);
  const gross = new Float64Array(itemCount * T);
  const sequence = planningSequence(codes);

  for (let n = 0; n < itemCount; n++) {
    const i = sequence[n]!;
    const item = request.items[i]!;
    const phantom = item.phantom;
    const safetyStock = phantom ? 0 : item.safetyStock;
    requirements.gather(i, safetyStock, state);
    scheduled.fill(0);
    for (let k = receipts.start[i]!; k < receipts.start[i + 1]!; k++) scheduled[receipts.bucket[receipts.order[k]!]!]! += receiptQuantity[receipts.order[k]!]!;

    const input = { gross: requirements.gross, receipts: scheduled, onHand: item.onHand, safetyStock };
    netRequirements(input, lotSizerFor(item, input, lotForLotScratch), record);

    // Planned orders: scrap inflates the start quantity, the lead time offsets the release.
    const leadTime = phantom ? 0 : item.leadTime;
    const goodShare = phantom ? 1 : 1 - item.scrapRate;
    orderAt.fill(-1);
    state.orderFirst[i] = orders.size;
    for (let t = 0; t < T; t++) {
      const quantity = record.plannedReceipts[t]!;
      if (quantity <= QUANTITY_EPSILON) continue;
      orderAt[t] = orders.add(i, t, Math.max(0, t - leadTime), quantity, tidy(quantity / goodShare));
    }
    state.orderEnd[i] = orders.size;

    pegging.peg(i, item.onHand, requirements, receipts, receiptQuantity, orderAt);
    // A plain loop: TypedArray.prototype.set costs more per call than copying 52 cells.
    for (let t = 0, at = i * T; t < T; t++, at++) gross[at] = requirements.gross[t]!;
  }
  return { indexed, codes, sequence, gross, orders, orderFirst: state.orderFirst, orderEnd: state.orderEnd, receiptUsed };
}

export function planMaterials(request: MrpRequest): MrpResponse {
  return buildResponse(request, computeMaterialPlan(request));
}
