/**
 * The planning time fence with a firm planned order (issue 23), worked by hand on a textbook record: inside
 * the fence MRP plans no order and carries the shortage to the fence; the firm order is netted like an
 * open receipt, exploded like a planned order and listed with firm: true.
 */
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { planJson } from "./plan.ts";
import { validateMrp } from "./validate-mrp.ts";

/**
 * A (lead time 1, on hand 10, fence 3 buckets) needs 20 in bucket 1, 15 in bucket 2, 10 in bucket 4; the
 * planner has firmed F1 = 10 due in bucket 2. B (× 2 per A, lead time 1, no fence) is bought.
 *
 * A, avail = POH[t−1] + SR[t] + firm[t] − GR[t]:
 *   t0: 10 − 0 = 10                → POH 10
 *   t1: 10 − 20 = −10 < 0           → NR 10, inside the fence: no order, POH −10 (short 10)
 *   t2: −10 + 10 (F1) − 15 = −15    → NR 15, inside the fence: POH −15 (short 5 more)
 *   t3: −15                         → NR 15, at the fence: MRP-A-3 = 15 covers the carried shortage, POH 0
 *   t4: 0 − 10                      → NR 10, MRP-A-4 = 10, POH 0
 *   planned receipts 0 0 10 15 10 0 (F1 included); releases (lead time 1): F1 in 1, MRP-A-3 in 2, MRP-A-4 in 3
 * B, gross = 2 × A's releases = 0 20 30 20 0 0, lot-for-lot, on hand 0: MRP-B-1 20, MRP-B-2 30, MRP-B-3 20,
 *   released in buckets 0, 1, 2; MRP-B-1 covers F1's requirement (the firm order is exploded).
 * Pegging A first in first out: on hand 10 + F1 10 → D1 (20); MRP-A-3 → D2 (15); MRP-A-4 → D4 (10).
 * Messages: A short 10 in bucket 1 and 5 more in bucket 2; MRP-B-1 released in bucket 0.
 */
const request = MrpRequest.parse({
  buckets: { start: "2026-03-02", size: "day", count: 6 },
  items: [{ id: "A", leadTime: 1, onHand: 10, planningFenceBuckets: 3 }, { id: "B", leadTime: 1 }],
  bom: [{ parent: "A", component: "B", quantity: 2 }],
  demands: [
    { id: "D1", item: "A", bucket: 1, quantity: 20 },
    { id: "D2", item: "A", bucket: 2, quantity: 15 },
    { id: "D4", item: "A", bucket: 4, quantity: 10 },
  ],
  firmPlannedOrders: [{ id: "F1", item: "A", date: "2026-03-04", quantity: 10 }],
});

describe("a planning time fence with a firm planned order", () => {
  const response = planJson(request);

  it("passes the independent validator", () => {
    expect(validateMrp(request, response)).toEqual([]);
  });

  it("plans no order inside the fence and carries the shortage to it", () => {
    expect(response.items.A).toEqual({
      lowLevelCode: 0,
      gross: [0, 20, 15, 0, 10, 0],
      scheduledReceipts: [0, 0, 0, 0, 0, 0],
      projectedOnHand: [10, -10, -15, 0, 0, 0],
      net: [0, 10, 15, 15, 10, 0],
      plannedReceipts: [0, 0, 10, 15, 10, 0],
      plannedReleases: [0, 10, 15, 10, 0, 0],
    });
    expect(response.items.B).toMatchObject({ gross: [0, 20, 30, 20, 0, 0], plannedReceipts: [0, 20, 30, 20, 0, 0], plannedReleases: [20, 30, 20, 0, 0, 0] });
  });

  it("keeps the firm order as it is, explodes it, and pegs first in first out", () => {
    expect(response.plannedOrders.map(({ releaseDate: _, receiptDate: __, ...order }) => order)).toEqual([
      { id: "F1", item: "A", source: "make", firm: true, quantity: 10, startQuantity: 10, releaseBucket: 1, receiptBucket: 2, pegging: [{ demand: "D1", quantity: 10 }] },
      { id: "MRP-A-3", item: "A", source: "make", quantity: 15, startQuantity: 15, releaseBucket: 2, receiptBucket: 3, pegging: [{ demand: "D2", quantity: 15 }] },
      { id: "MRP-A-4", item: "A", source: "make", quantity: 10, startQuantity: 10, releaseBucket: 3, receiptBucket: 4, pegging: [{ demand: "D4", quantity: 10 }] },
      { id: "MRP-B-1", item: "B", source: "buy", quantity: 20, startQuantity: 20, releaseBucket: 0, receiptBucket: 1, pegging: [{ parentOrder: "F1", quantity: 20 }] },
      { id: "MRP-B-2", item: "B", source: "buy", quantity: 30, startQuantity: 30, releaseBucket: 1, receiptBucket: 2, pegging: [{ parentOrder: "MRP-A-3", quantity: 30 }] },
      { id: "MRP-B-3", item: "B", source: "buy", quantity: 20, startQuantity: 20, releaseBucket: 2, receiptBucket: 3, pegging: [{ parentOrder: "MRP-A-4", quantity: 20 }] },
    ]);
  });

  it("reports the shortage inside the fence where it arises and grows", () => {
    expect(response.exceptions.map(({ message: _, ...rest }) => rest)).toEqual([
      { item: "A", kind: "shortage-in-fence", bucket: 1, quantity: 10 },
      { item: "A", kind: "shortage-in-fence", bucket: 2, quantity: 5 },
      { item: "B", kind: "release", bucket: 0, order: "MRP-B-1", quantity: 20 },
    ]);
  });

  it("applies options.planningFenceBuckets to every item, the longer fence winning", () => {
    // With a plant-wide fence of 2, B may not be due in bucket 1 either: its 20 are short there
    // (B: t1 −20 short, t2 at the fence: MRP-B-2 = 20 + 30 = 50); A keeps its own fence of 3.
    const fenced = planJson({ ...request, options: { planningFenceBuckets: 2 } });
    expect(fenced.items.A!.plannedReceipts).toEqual([0, 0, 10, 15, 10, 0]);
    expect(fenced.items.B!.plannedReceipts).toEqual([0, 0, 50, 20, 0, 0]);
    expect(fenced.exceptions.filter((e) => e.item === "B").map((e) => [e.kind, e.bucket, e.quantity])).toEqual([["shortage-in-fence", 1, 20]]);
  });
});
