/** The three-level textbook example of textbook.ts, every record and order worked by hand there. */
import { describe, expect, it } from "vitest";
import { planJson } from "./plan.ts";
import { textbook } from "./textbook.ts";

describe("planning and writing the response of a three-level textbook example", () => {
  const response = planJson(textbook);

  it("computes every record as worked by hand", () => {
    expect(response.items).toEqual({
      A: {
        lowLevelCode: 0,
        gross: [0, 0, 0, 50, 0, 40],
        scheduledReceipts: [0, 0, 0, 0, 0, 0],
        projectedOnHand: [10, 10, 10, 0, 0, 0],
        net: [0, 0, 0, 40, 0, 40],
        plannedReceipts: [0, 0, 0, 40, 0, 40],
        plannedReleases: [0, 0, 40, 0, 40, 0],
      },
      B: {
        lowLevelCode: 1,
        gross: [0, 0, 80, 0, 80, 0],
        scheduledReceipts: [0, 30, 0, 0, 0, 0],
        projectedOnHand: [20, 50, 0, 0, 0, 0],
        net: [0, 0, 30, 0, 80, 0],
        plannedReceipts: [0, 0, 30, 0, 80, 0],
        plannedReleases: [30, 0, 80, 0, 0, 0],
      },
      C: {
        lowLevelCode: 2,
        gross: [60, 0, 200, 0, 40, 0],
        scheduledReceipts: [0, 0, 0, 0, 0, 0],
        projectedOnHand: [80, 80, 80, 80, 40, 40],
        net: [30, 0, 130, 0, 0, 0],
        plannedReceipts: [100, 0, 200, 0, 0, 0],
        plannedReleases: [100, 200, 0, 0, 0, 0],
      },
    });
  });

  it("lists the planned orders with dates, sources and first-in-first-out pegging", () => {
    const order = (id: string, item: string, source: string, quantity: number, release: number, receipt: number, releaseDate: string, receiptDate: string, pegging: unknown[]) => ({
      id,
      item,
      source,
      quantity,
      startQuantity: quantity,
      releaseBucket: release,
      receiptBucket: receipt,
      releaseDate,
      receiptDate,
      pegging,
    });
    expect(response.plannedOrders).toEqual([
      order("MRP-A-3", "A", "make", 40, 2, 3, "2026-03-16", "2026-03-23", [{ demand: "D1", quantity: 40 }]),
      order("MRP-A-5", "A", "make", 40, 4, 5, "2026-03-30", "2026-04-06", [{ demand: "D2", quantity: 40 }]),
      order("MRP-B-2", "B", "make", 30, 0, 2, "2026-03-02", "2026-03-16", [{ parentOrder: "MRP-A-3", quantity: 30 }]),
      order("MRP-B-4", "B", "make", 80, 2, 4, "2026-03-16", "2026-03-30", [{ parentOrder: "MRP-A-5", quantity: 80 }]),
      order("MRP-C-0", "C", "buy", 100, 0, 0, "2026-03-02", "2026-03-02", [
        { parentOrder: "MRP-B-2", quantity: 30 },
        { parentOrder: "MRP-A-3", quantity: 40 },
        { parentOrder: "MRP-B-4", quantity: 30 },
      ]),
      order("MRP-C-2", "C", "buy", 200, 1, 2, "2026-03-09", "2026-03-16", [
        { parentOrder: "MRP-B-4", quantity: 130 },
        { parentOrder: "MRP-A-5", quantity: 40 },
      ]),
    ]);
  });

  it("gives the buyer's action messages, item by item in planning order", () => {
    // B: MRP-B-2 is released in bucket 0 (release); PO-B1 arrives in bucket 1 but B's on hand 20 lasts until
    //    bucket 2's gross requirement of 80 (20 − 80 < 0): reschedule it out to bucket 2.
    // C: MRP-C-0 should have been released in bucket −1 (past-due by 1) and is released now (release).
    expect(response.exceptions.map(({ message: _, ...rest }) => rest)).toEqual([
      { item: "B", kind: "release", bucket: 0, order: "MRP-B-2", quantity: 30 },
      { item: "B", kind: "reschedule-out", bucket: 1, toBucket: 2, receipt: "PO-B1", quantity: 30 },
      { item: "C", kind: "past-due", bucket: 0, bucketsLate: 1, order: "MRP-C-0" },
      { item: "C", kind: "release", bucket: 0, order: "MRP-C-0", quantity: 100 },
    ]);
  });

  it("does not mutate the request", () => {
    const copy = structuredClone(textbook);
    planJson(textbook);
    expect(textbook).toEqual(copy);
  });
});
