/**
 * The action messages of issue 23, each kind on its own textbook-style record worked by hand (daily
 * buckets from Monday 2 March 2026, lot-for-lot unless said). Every plan also passes the independent validator.
 */
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { planJson } from "./plan.ts";
import { validateMrp } from "./validate-mrp.ts";

function plan(body: Record<string, unknown>) {
  const request = MrpRequest.parse({ buckets: { start: "2026-03-02", size: "day", count: 6 }, ...body });
  const response = planJson(request);
  expect(validateMrp(request, response)).toEqual([]);
  return response;
}

describe("release", () => {
  // A, lead time 2, demands of 10 in buckets 2, 3 and 5: orders MRP-A-2, -3, -5 released in buckets 0, 1, 3.
  const body = { items: [{ id: "A", leadTime: 2 }], demands: [2, 3, 5].map((bucket) => ({ id: `D${bucket}`, item: "A", bucket, quantity: 10 })) };

  it("flags the orders released in the first bucket", () => {
    const response = plan(body);
    expect(response.items.A!.plannedReleases).toEqual([10, 10, 0, 10, 0, 0]);
    expect(response.exceptions).toEqual([
      {
        item: "A",
        kind: "release",
        bucket: 0,
        order: "MRP-A-2",
        quantity: 10,
        message: "release planned order MRP-A-2: start 10 in bucket 0 (2026-03-02), due in bucket 2 (2026-03-04)",
      },
    ]);
  });

  it("and those released up to options.releaseWindowBuckets, start quantities scrap-inflated", () => {
    // scrap 0.2: each order starts 10 / 0.8 = 12.5
    const response = plan({ ...body, items: [{ id: "A", leadTime: 2, scrapRate: 0.2 }], options: { releaseWindowBuckets: 1 } });
    expect(response.exceptions.map((e) => [e.kind, e.bucket, e.order, e.quantity])).toEqual([
      ["release", 0, "MRP-A-2", 12.5],
      ["release", 1, "MRP-A-3", 12.5],
    ]);
  });
});

describe("past-due", () => {
  it("flags an order whose release lies before the horizon, and releases it now", () => {
    // A, lead time 3, 7 due in bucket 1: release in bucket −2, so in bucket 0, 2 buckets late
    const response = plan({ items: [{ id: "A", leadTime: 3 }], demands: [{ id: "d", item: "A", bucket: 1, quantity: 7 }] });
    expect(response.exceptions.map(({ message: _, ...rest }) => rest)).toEqual([
      { item: "A", kind: "past-due", bucket: 1, bucketsLate: 2, order: "MRP-A-1" },
      { item: "A", kind: "release", bucket: 0, order: "MRP-A-1", quantity: 7 },
    ]);
  });
});

describe("reschedule-in", () => {
  it("moves a receipt arriving after its need bucket to that bucket; the netting leaves it where it is", () => {
    // A, on hand 5; D1 10 in bucket 1, D2 10 in bucket 4; R1 10 arrives in bucket 3.
    // Need of R1: the first t with 5 − cumulative gross < 0: cum(0) = 0, cum(1) = 10 → bucket 1 < 3: reschedule in.
    // Records: t1 avail 5 − 10 = −5 → NR 5, MRP-A-1 5; t3 R1 → POH 10; t4 10 − 10 = 0.
    const response = plan({
      items: [{ id: "A", onHand: 5 }],
      demands: [
        { id: "D1", item: "A", bucket: 1, quantity: 10 },
        { id: "D2", item: "A", bucket: 4, quantity: 10 },
      ],
      receipts: [{ id: "R1", item: "A", bucket: 3, quantity: 10 }],
    });
    expect(response.items.A).toMatchObject({ net: [0, 5, 0, 0, 0, 0], projectedOnHand: [5, 0, 0, 10, 0, 0], scheduledReceipts: [0, 0, 0, 10, 0, 0] });
    expect(response.exceptions).toContainEqual({
      item: "A",
      kind: "reschedule-in",
      bucket: 3,
      toBucket: 1,
      receipt: "R1",
      quantity: 10,
      message: "open receipt R1 (10) arrives in bucket 3 (2026-03-05) but is needed in bucket 1 (2026-03-03): reschedule it in",
    });
  });
});

describe("reschedule-in, not cancel", () => {
  it("for a late receipt that the planned order covering its need leaves unused", () => {
    // 10 needed in bucket 0, R (10) arrives in bucket 2: MRP-A-0 covers bucket 0 and R is used by nothing,
    // yet R is needed in bucket 0 (0 − 10 < 0): moving it in replaces the planned order.
    const response = plan({ items: [{ id: "A" }], demands: [{ id: "d", item: "A", bucket: 0, quantity: 10 }], receipts: [{ id: "R", item: "A", bucket: 2, quantity: 10 }] });
    expect(response.exceptions.map((e) => [e.kind, e.receipt ?? e.order, e.bucket, e.toBucket])).toEqual([
      ["release", "MRP-A-0", 0, undefined],
      ["reschedule-in", "R", 2, 0],
    ]);
  });
});

describe("reschedule-out", () => {
  it("moves each early receipt to where the stock would otherwise fall below safety stock", () => {
    // A, on hand 5 = safety stock 5; R1 20 in bucket 1, R2 20 in bucket 2; D1 20 in bucket 3, D2 20 in bucket 5.
    // Need of R1 (supply so far: on hand 5): first t with 5 − cum(t) < 5 → cum(3) = 20 → bucket 3 (out from 1).
    // Need of R2 (on hand + R1 = 25): first t with 25 − cum(t) < 5 → cum(5) = 40 → bucket 5 (out from 2).
    const response = plan({
      items: [{ id: "A", onHand: 5, safetyStock: 5 }],
      receipts: [
        { id: "R1", item: "A", bucket: 1, quantity: 20 },
        { id: "R2", item: "A", bucket: 2, quantity: 20 },
      ],
      demands: [
        { id: "D1", item: "A", bucket: 3, quantity: 20 },
        { id: "D2", item: "A", bucket: 5, quantity: 20 },
      ],
    });
    expect(response.items.A!.projectedOnHand).toEqual([5, 25, 45, 25, 25, 5]);
    expect(response.plannedOrders).toEqual([]);
    expect(response.exceptions.map(({ message: _, ...rest }) => rest)).toEqual([
      { item: "A", kind: "reschedule-out", bucket: 1, toBucket: 3, receipt: "R1", quantity: 20 },
      { item: "A", kind: "reschedule-out", bucket: 2, toBucket: 5, receipt: "R2", quantity: 20 },
    ]);
    expect(response.exceptions[0]!.message).toBe("open receipt R1 (20) arrives in bucket 1 (2026-03-03) but is not needed before bucket 3 (2026-03-05): reschedule it out");
  });

  it("counts the firm planned orders arriving earlier, not MRP's own orders", () => {
    // A, on hand 0; F1 firm 10 in bucket 1; R1 10 in bucket 1; D1 10 in bucket 2, D2 10 in bucket 4.
    // R1 comes before F1 in its bucket: its need is the first t with 0 − cum(t) < 0 → bucket 2 (out from 1).
    const response = plan({
      items: [{ id: "A" }],
      firmPlannedOrders: [{ id: "F1", item: "A", bucket: 1, quantity: 10 }],
      receipts: [{ id: "R1", item: "A", bucket: 1, quantity: 10 }],
      demands: [
        { id: "D1", item: "A", bucket: 2, quantity: 10 },
        { id: "D2", item: "A", bucket: 4, quantity: 10 },
      ],
    });
    expect(response.exceptions.map((e) => [e.kind, e.receipt, e.toBucket])).toEqual([["reschedule-out", "R1", 2]]);
  });
});

describe("cancel", () => {
  it("cancels a receipt needed nowhere in the horizon, and says nothing of an empty one", () => {
    // A, on hand 10, D 10 in bucket 1: the on hand covers everything, so "needless" (50, bucket 2) is not needed
    const response = plan({
      items: [{ id: "A", onHand: 10 }],
      demands: [{ id: "d", item: "A", bucket: 1, quantity: 10 }],
      receipts: [
        { id: "needless", item: "A", bucket: 2, quantity: 50 },
        { id: "zero", item: "A", bucket: 0, quantity: 0 },
      ],
    });
    expect(response.exceptions).toEqual([
      {
        item: "A",
        kind: "cancel",
        bucket: 2,
        receipt: "needless",
        quantity: 50,
        message: "open receipt needless (50) arrives in bucket 2 (2026-03-04) but is not needed within the horizon: cancel it",
      },
    ]);
  });

  it("keeps a receipt that only holds the safety stock", () => {
    const response = plan({ items: [{ id: "A", safetyStock: 10 }], receipts: [{ id: "keeps", item: "A", bucket: 0, quantity: 10 }] });
    expect(response.exceptions).toEqual([]);
    expect(response.plannedOrders).toEqual([]);
  });
});

describe("shortage-in-fence", () => {
  it("reports where a shortage arises or grows inside the fence, once each", () => {
    // A, on hand 10, fence 4; D 15 in bucket 1, R 20 in bucket 2, D 20 in bucket 3, D 5 in bucket 5.
    // t0 POH 10; t1 10 − 15 = −5 → NR 5 (arises: 5); t2 −5 + 20 = 15 → covered; t3 15 − 20 = −5 → NR 5 (arises: 5);
    // t4 (the fence) −5 → NR 5 → MRP-A-4 5, POH 0; t5 −5 → MRP-A-5 5.
    const response = plan({
      items: [{ id: "A", onHand: 10, planningFenceBuckets: 4 }],
      demands: [
        { id: "D1", item: "A", bucket: 1, quantity: 15 },
        { id: "D3", item: "A", bucket: 3, quantity: 20 },
        { id: "D5", item: "A", bucket: 5, quantity: 5 },
      ],
      receipts: [{ id: "R", item: "A", bucket: 2, quantity: 20 }],
    });
    expect(response.items.A).toMatchObject({ projectedOnHand: [10, -5, 15, -5, 0, 0], net: [0, 5, 0, 5, 5, 5], plannedReceipts: [0, 0, 0, 0, 5, 5] });
    expect(response.exceptions.filter((e) => e.kind === "shortage-in-fence")).toEqual([
      {
        item: "A",
        kind: "shortage-in-fence",
        bucket: 1,
        quantity: 5,
        message: "5 short in bucket 1 (2026-03-03), inside the planning time fence (4 buckets): MRP plans no order there; expedite supply or firm a planned order",
      },
      expect.objectContaining({ kind: "shortage-in-fence", bucket: 3, quantity: 5 }),
    ]);
  });
});
