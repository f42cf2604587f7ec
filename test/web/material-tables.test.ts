/** The materials view's reading of a ledger (which orders wait for the item) and the long tables' sorting and paging, on hand-worked cases. */
import { describe, expect, it } from "vitest";
import { ordersWaitingFor } from "../../web/material-waits.ts";
import type { PlanOrder } from "../../web/model.ts";
import { pageBounds, sortRows } from "../../web/views/table-rows.ts";

const order = (id: string, materialMinutes: number, cause?: PlanOrder["cause"]): PlanOrder =>
  ({ id, due: "2026-03-02T23:00", completion: "2026-03-02T20:00", onTime: cause === undefined, lateMinutes: 0, waits: { material: materialMinutes }, ...(cause ? { cause } : {}) }) as unknown as PlanOrder;

describe("orders waiting for an item", () => {
  // Item c: 10 on hand at 06:00. A takes 6 at once; receipt R1 (+5) at 08:00, B (8) takes it at once after
  // waiting 120 min: 4 before R1 could not cover 8. C (1) starts at 09:00 after 60 min waiting for material,
  // but 4 would have covered it: not c. At 12:00 R2 (+3) and order X's production (+2) arrive together (the
  // stock before both: 0) and D takes 5. E is late, its cause naming c (available 14:00), and takes nothing.
  const ledger = [
    { at: "2026-03-02T06:00", change: -6, balance: 4, order: "A" },
    { at: "2026-03-02T08:00", change: 5, balance: 9, receipt: "R1" },
    { at: "2026-03-02T08:00", change: -8, balance: 1, order: "B" },
    { at: "2026-03-02T09:00", change: -1, balance: 0, order: "C" },
    { at: "2026-03-02T12:00", change: 3, balance: 3, receipt: "R2" },
    { at: "2026-03-02T12:00", change: 2, balance: 5, order: "X" },
    { at: "2026-03-02T12:00", change: -5, balance: 0, order: "D" },
  ];
  const orders = [
    order("A", 0),
    order("B", 120),
    order("C", 60),
    order("D", 240),
    order("X", 0),
    order("E", 0, { kind: "material", item: "c", availableAt: "2026-03-02T14:00" }),
    order("F", 0, { kind: "material", item: "other", availableAt: "2026-03-02T14:00" }),
  ];

  it("names the orders the item's stock held, with the supply they waited for", () => {
    expect(ordersWaitingFor({ item: "c", ledger }, orders)).toEqual([
      { order: "B", need: 8, takenAt: "2026-03-02T08:00", availableFrom: "2026-03-02T08:00", waitedMinutes: 120 },
      { order: "D", need: 5, takenAt: "2026-03-02T12:00", availableFrom: "2026-03-02T12:00", waitedMinutes: 240 },
      { order: "E", need: 0, takenAt: "", availableFrom: "2026-03-02T14:00", waitedMinutes: 0 },
    ]);
  });

  it("names nobody without a ledger but the orders whose cause names the item", () => {
    expect(ordersWaitingFor({ item: "c" }, orders).map((w) => w.order)).toEqual(["E"]);
    expect(ordersWaitingFor({ item: "d", ledger: [] }, orders)).toEqual([]);
  });
});

describe("long tables", () => {
  const rows = [
    { id: "MRP-A-10", due: "2026-04-13", quantity: 5 },
    { id: "MRP-A-2", due: "2026-04-07", quantity: 5 },
    { id: "MRP-B-1", due: "2026-03-30", quantity: 12 },
  ];

  it("sorts numbers as numbers and ids by their digits, stably", () => {
    expect(sortRows(rows, (r) => r.id, false).map((r) => r.id)).toEqual(["MRP-A-2", "MRP-A-10", "MRP-B-1"]);
    expect(sortRows(rows, (r) => r.quantity, true).map((r) => r.id)).toEqual(["MRP-B-1", "MRP-A-10", "MRP-A-2"]);
    expect(sortRows(rows, (r) => r.quantity, false).map((r) => r.id)).toEqual(["MRP-A-10", "MRP-A-2", "MRP-B-1"]);
    expect(sortRows(rows, (r) => r.due, false).map((r) => r.due)).toEqual(["2026-03-30", "2026-04-07", "2026-04-13"]);
  });

  it("pages 10,000 rows 100 at a time, clamping pages out of range", () => {
    expect(pageBounds(10_000, 0)).toEqual({ page: 0, from: 0, to: 100, pages: 100 });
    expect(pageBounds(10_000, 99)).toEqual({ page: 99, from: 9_900, to: 10_000, pages: 100 });
    expect(pageBounds(10_001, 100)).toEqual({ page: 100, from: 10_000, to: 10_001, pages: 101 });
    expect(pageBounds(334, 7)).toEqual({ page: 3, from: 300, to: 334, pages: 4 });
    expect(pageBounds(0, 2)).toEqual({ page: 0, from: 0, to: 0, pages: 1 });
  });
});
