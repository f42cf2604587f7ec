/**
 * Material requirements planning (Orlicky 1975; Jacobs & Chase, ch. "Material Requirements Planning"),
 * issue 5's conventions: items are planned once each in increasing low-level code (low-level-codes.ts);
 * an item's gross requirements are its independent demand plus its parents' planned releases (start
 * quantities) × BOM quantity, pulled from the parents' orders (gather-requirements.ts); netting with
 * safety stock (net-requirements.ts) and the item's lot rule (lot-sizing/) give planned receipts; scrap
 * inflates them to start quantities; the lead time offsets them to releases, a release before bucket 0
 * going to bucket 0 as `past-due`. Phantoms are netted lot-for-lot against their on hand with no safety
 * stock, lead time, modifiers, scrap or fence, and pass their requirements' pegs through to their components.
 * Issue 23: firm planned orders are netted like open receipts and exploded like planned orders (they
 * come first among the item's orders in the store); inside an item's planning time fence no lots are
 * planned (net-requirements.ts).
 *
 * Two stages: `computeMaterialPlan` plans on typed arrays only — O(items × buckets + requirements + pegs),
 * per-item scratch reused, no per-order or per-cell objects — and write-response.ts then writes that
 * plan as the response's JSON text, never building the response as objects. Pure and synchronous. It checks the request as it indexes it (see
 * `computeMaterialPlan`), so callers need not run checkMrpRequest first.
 */
import { ModelError } from "../../src/errors.ts";
import type { MrpRequest } from "../../src/mrp.ts";
import { checkMrpRequest } from "./check-mrp-request.ts";
import { RequirementGathering } from "./gather-requirements.ts";
import type { PlanningState } from "./gather-requirements.ts";
import type { IndexedRequest } from "./index-request.ts";
import { hasEntries, indexRequest, nettingReceipts } from "./index-request.ts";
import { LotSizing } from "./lot-sizing/lot-sizer.ts";
import { lowLevelCodes, planningSequence } from "./low-level-codes.ts";
import type { LotSizer } from "./net-requirements.ts";
import { netRequirements, newNettingRecord, QUANTITY_EPSILON, tidy } from "./net-requirements.ts";
import { ItemPegging } from "./peg-item.ts";
import { OrderStore } from "./plan-store.ts";
import { writeMrpResponse } from "./write-response.ts";
import type { MrpFigures } from "./response-text.ts";

/**
 * The plan in typed arrays: the planned orders and their pegs, and what the planning read to make them
 * (PlanningState). The items' records are not kept: gross requirements are gathered again from the
 * parents' orders (the same sums in the same order, so the same doubles), scheduled receipts, planned
 * receipts and releases are sums over the request's receipts and the orders, and projected on hand and
 * net requirements follow from netting again with the planned receipts as the lots. Storing the records
 * would cost 40 MB per series at 100k items × 52 buckets, in fresh pages to touch, and the garbage
 * collector runs a full mark of the request for every 64 MB of new buffers.
 */
export interface MaterialPlan extends PlanningState {
  readonly indexed: IndexedRequest;
  /** Low-level code of each item. */
  readonly codes: Int32Array;
  /** Item indexes in planning order (increasing low-level code). */
  readonly sequence: Int32Array;
  /**
   * Item i's firm planned orders are `orderFirst[i] … firstPlanned[i] − 1` in the store (those of
   * `indexed.firm` for i, in its order), its planned orders `firstPlanned[i] … orderEnd[i] − 1`.
   */
  readonly firstPlanned: Int32Array;
  /** Planning time fence of each item, buckets (0 for phantoms). */
  readonly fence: Int32Array;
}

/** Item `item`'s firm planned orders into the store, as its first orders (see MaterialPlan.firstPlanned). */
function addFirmOrders(orders: OrderStore, firm: IndexedRequest["firm"], item: number, leadTime: number, goodShare: number): void {
  for (let k = firm.start[item]!; k < firm.start[item + 1]!; k++) {
    const f = firm.order[k]!;
    const t = firm.bucket[f]!;
    const quantity = firm.quantity[f]!;
    orders.add(item, t, Math.max(0, t - leadTime), quantity, tidy(quantity / goodShare));
  }
}

/**
 * Initial planned-order capacity per item: about six orders per item and year of weekly buckets is what
 * lot sizing gives (issue 5's benchmark), so the store rarely grows — growing copies every array and
 * leaves the old ones to the collector. Never more than one order per bucket.
 */
const ORDERS_PER_ITEM = 8;

/**
 * Plans `request` on typed arrays. Also its semantic check: an unsound request throws the ModelError of
 * checkMrpRequest (every problem, with its path) — TAKT_ERR_BOM_CYCLE when a BOM cycle is its only kind
 * of problem, else TAKT_ERR_INVALID_MODEL — and a sound one never pays for building that list.
 */
export function computeMaterialPlan(request: MrpRequest): MaterialPlan {
  const indexed = indexRequest(request);
  const { graph, demands, receipts, firm, buckets: T } = indexed;
  const codes = lowLevelCodes(graph);
  if (codes === null) throw new ModelError(checkMrpRequest(request), "TAKT_ERR_BOM_CYCLE");
  const { items } = request;
  const itemCount = graph.itemCount;
  const phantom = new Uint8Array(itemCount);
  for (let i = 0; i < itemCount; i++) phantom[i] = items[i]!.phantom ? 1 : 0;
  const ordersGuess = itemCount * Math.min(T, ORDERS_PER_ITEM);
  const state: PlanningState = {
    graph,
    demands,
    phantom,
    orders: new OrderStore(ordersGuess, 2 * ordersGuess),
    orderFirst: new Int32Array(itemCount),
    orderEnd: new Int32Array(itemCount),
  };
  const { orders, orderFirst, orderEnd } = state;
  const firstPlanned = new Int32Array(itemCount);
  const fence = new Int32Array(itemCount);
  const optionFence = request.options?.planningFenceBuckets ?? 0;
  const requirements = new RequirementGathering(T);
  const pegging = new ItemPegging(T, orders);
  const lotSizing = new LotSizing(T);
  const record = newNettingRecord(T);
  const gross = new Float64Array(T);
  // Most items have no open receipts: they all net against one array of zeros, never refilled.
  const noReceipts = new Float64Array(T);
  const scheduled = new Float64Array(T);
  // One netting input for all items, re-aimed at each: no object per item.
  const input = { gross, receipts: noReceipts, onHand: 0, safetyStock: 0, fence: 0 };
  const sequence = planningSequence(codes);

  // The planned orders are recorded as the netting sizes their lots, in bucket order: scrap inflates
  // the start quantity, the lead time offsets the release. No second pass over the buckets.
  let planned = 0;
  let leadTime = 0;
  let goodShare = 1;
  let sizeLot: LotSizer = lotSizing.lot;
  const sizeAndOrder: LotSizer = (t, net, avail) => {
    const quantity = sizeLot(t, net, avail);
    if (quantity > QUANTITY_EPSILON) orders.add(planned, t, Math.max(0, t - leadTime), quantity, tidy(quantity / goodShare));
    return quantity;
  };

  for (let n = 0; n < itemCount; n++) {
    const i = sequence[n]!;
    const item = items[i]!;
    const isPhantom = item.phantom;
    gross.fill(0);
    input.onHand = item.onHand;
    input.safetyStock = isPhantom ? 0 : item.safetyStock;
    requirements.gather(i, input.safetyStock, state, gross);
    input.receipts = noReceipts;
    if (hasEntries(receipts, i) || hasEntries(firm, i)) input.receipts = nettingReceipts(indexed, i, scheduled);
    planned = i;
    leadTime = isPhantom ? 0 : item.leadTime;
    goodShare = isPhantom ? 1 : 1 - item.scrapRate;
    input.fence = fence[i] = isPhantom ? 0 : Math.max(optionFence, item.planningFenceBuckets ?? 0);
    sizeLot = lotSizing.aim(item, input);
    orderFirst[i] = orders.size;
    addFirmOrders(orders, firm, i, leadTime, goodShare);
    firstPlanned[i] = orders.size;
    netRequirements(input, sizeAndOrder, record);
    orderEnd[i] = orders.size;
    pegging.peg(i, item.onHand, requirements, receipts, orderFirst[i]!, firstPlanned[i]!, orderEnd[i]!);
  }
  return { ...state, indexed, codes, sequence, firstPlanned, fence };
}

/**
 * The MRP response's JSON text (write-response.ts): UTF-8 chunks, never one buffer — it can be ~350 MB.
 * `figures`, when given, receives what a scenario comparison reads of the plan.
 */
export function planMaterials(request: MrpRequest, figures?: MrpFigures): Uint8Array[] {
  return writeMrpResponse(request, computeMaterialPlan(request), figures);
}
