/**
 * Item by item, the records' series the plan does not keep (see MaterialPlan): gross requirements
 * gathered again as the planning gathered them, scheduled receipts, planned receipts and releases summed
 * in the planning's order, projected on hand and net requirements by netting again (with the same receipts,
 * firm orders and fence) with the planned orders as the lots. What the action messages read off the
 * records is found on the way: the receipts' need buckets (need-buckets.ts) and the shortages inside the
 * planning time fence. Scratch, reused per item.
 */
import type { MrpRequest } from "../../src/mrp.ts";
import { RequirementGathering } from "./gather-requirements.ts";
import { hasEntries, nettingReceipts, scheduledReceipts } from "./index-request.ts";
import { receiptNeedBuckets } from "./need-buckets.ts";
import type { LotSizer, NettingRecord } from "./net-requirements.ts";
import { netRequirements, newNettingRecord, QUANTITY_EPSILON } from "./net-requirements.ts";
import type { MaterialPlan } from "./plan-materials.ts";

export class RecordReplay {
  readonly gross: Float64Array;
  /** Open receipts only (the record's row); the netting also counts the firm planned orders. */
  readonly scheduled: Float64Array;
  /** Planned receipts, firm planned orders included (the record's row). */
  readonly plannedReceipts: Float64Array;
  readonly releases: Float64Array;
  readonly record: NettingRecord;
  /** Need bucket of each open receipt (request index) of the items replayed so far. */
  readonly needBucket: Int32Array;
  private readonly receiptsAndFirm: Float64Array;
  /** MRP's own lots, which the replayed netting places where the planning did. */
  private readonly lots: Float64Array;
  private readonly replay: LotSizer;
  private readonly requirements: RequirementGathering;
  private readonly shortages: { bucket: number[]; quantity: number[]; first: Int32Array; end: Int32Array };

  constructor(
    private readonly request: MrpRequest,
    private readonly plan: MaterialPlan,
  ) {
    const T = plan.indexed.buckets;
    this.gross = new Float64Array(T);
    this.requirements = new RequirementGathering(T);
    this.scheduled = new Float64Array(T);
    this.receiptsAndFirm = new Float64Array(T);
    this.lots = new Float64Array(T);
    this.plannedReceipts = new Float64Array(T);
    this.releases = new Float64Array(T);
    this.record = newNettingRecord(T);
    this.needBucket = new Int32Array(request.receipts.length);
    const itemCount = request.items.length;
    this.shortages = { bucket: [], quantity: [], first: new Int32Array(itemCount), end: new Int32Array(itemCount) };
    const lots = this.lots;
    this.replay = (t) => lots[t]!;
  }

  /** Whether item i's action messages need its replay (its open receipts, its fence). */
  needsReplay(i: number): boolean {
    return hasEntries(this.plan.indexed.receipts, i) || this.plan.fence[i]! > 0;
  }

  replayItem(i: number): void {
    const { plan, request, gross, scheduled, lots, plannedReceipts, releases } = this;
    const { indexed, orders } = plan;
    // The safety stock only adds a requirement to pegging's list, which the replay does not read.
    this.requirements.gather(i, 0, plan, gross.fill(0));
    scheduledReceipts(indexed.receipts, i, scheduled);
    lots.fill(0);
    plannedReceipts.fill(0);
    releases.fill(0);
    for (let k = plan.orderFirst[i]!; k < plan.orderEnd[i]!; k++) {
      const t = orders.receiptBucket[k]!;
      if (k >= plan.firstPlanned[i]!) lots[t] = orders.quantity[k]!;
      plannedReceipts[t]! += orders.quantity[k]!;
      releases[orders.releaseBucket[k]!]! += orders.startQuantity[k]!;
    }
    const item = request.items[i]!;
    const safetyStock = item.phantom ? 0 : item.safetyStock;
    const receipts = hasEntries(indexed.firm, i) ? nettingReceipts(indexed, i, this.receiptsAndFirm) : scheduled;
    netRequirements({ gross, receipts, onHand: item.onHand, safetyStock, fence: plan.fence[i]! }, this.replay, this.record);
    if (hasEntries(indexed.receipts, i)) receiptNeedBuckets(gross, item.onHand, safetyStock, indexed.receipts, indexed.firm, i, this.needBucket);
    this.findShortages(i);
  }

  /**
   * Item i's shortages inside its fence: each bucket there where the net requirement arises or grows (the
   * carried shortage is counted once), with the units it grows by.
   */
  private findShortages(i: number): void {
    const { bucket, quantity, first, end } = this.shortages;
    const { net } = this.record;
    first[i] = bucket.length;
    let carried = 0;
    for (let t = 0; t < this.plan.fence[i]!; t++) {
      if (net[t]! > carried + QUANTITY_EPSILON * Math.max(1, carried)) {
        bucket.push(t);
        quantity.push(net[t]! - carried);
      }
      carried = net[t]!;
    }
    end[i] = bucket.length;
  }

  /** Calls `each` with item i's shortages in its fence (after replayItem(i)), in bucket order. */
  forEachShortage(i: number, each: (bucket: number, quantity: number) => void): void {
    const { bucket, quantity, first, end } = this.shortages;
    for (let s = first[i]!; s < end[i]!; s++) each(bucket[s]!, quantity[s]!);
  }
}
