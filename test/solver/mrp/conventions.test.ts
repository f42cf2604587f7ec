/** Issue 5's conventions, each on its own tiny fixture through the planning and the written response, worked by hand. */
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { planJson } from "./plan.ts";
import { validateMrp } from "./validate-mrp.ts";

function plan(body: Record<string, unknown>) {
  const request = MrpRequest.parse({ buckets: { start: "2026-03-02", size: "day", count: 3 }, ...body });
  const response = planJson(request);
  expect(validateMrp(request, response)).toEqual([]);
  return response;
}

describe("scrap (convention 5)", () => {
  it("starts PR / (1 − scrapRate) units and explodes the start quantity", () => {
    // P needs 100 good in bucket 2: starts 100 / 0.8 = 125 in bucket 1; R needs 2 × 125 = 250 there
    const response = plan({
      items: [{ id: "P", leadTime: 1, scrapRate: 0.2 }, { id: "R" }],
      bom: [{ parent: "P", component: "R", quantity: 2 }],
      demands: [{ id: "d", item: "P", bucket: 2, quantity: 100 }],
    });
    expect(response.items.P!.plannedReceipts).toEqual([0, 0, 100]);
    expect(response.items.P!.plannedReleases).toEqual([0, 125, 0]);
    expect(response.items.R!.gross).toEqual([0, 250, 0]);
    expect(response.plannedOrders[0]).toMatchObject({ id: "MRP-P-2", quantity: 100, startQuantity: 125 });
    expect(response.plannedOrders[1]).toMatchObject({ id: "MRP-R-1", quantity: 250, pegging: [{ parentOrder: "MRP-P-2", quantity: 250 }] });
  });
});

describe("lead time and past-due (convention 6)", () => {
  it("places a release before bucket 0 in bucket 0 and reports how many buckets late", () => {
    // due in bucket 1 with lead time 3: release bucket −2 → 0, 2 buckets late
    const response = plan({ items: [{ id: "A", leadTime: 3 }], demands: [{ id: "d", item: "A", bucket: 1, quantity: 7 }] });
    expect(response.items.A!.plannedReleases).toEqual([7, 0, 0]);
    expect(response.plannedOrders[0]).toMatchObject({ releaseBucket: 0, receiptBucket: 1, releaseDate: "2026-03-02", receiptDate: "2026-03-03" });
    expect(response.exceptions.filter((e) => e.kind === "past-due")).toEqual([
      {
        item: "A",
        kind: "past-due",
        bucket: 1,
        bucketsLate: 2,
        order: "MRP-A-1",
        message: "planned order MRP-A-1 due in bucket 1 (2026-03-03) should have been released 2 bucket(s) before the horizon starts; it is released in bucket 0",
      },
    ]);
  });

  it("reports nothing past due when the release falls inside the horizon", () => {
    expect(plan({ items: [{ id: "A", leadTime: 2 }], demands: [{ id: "d", item: "A", bucket: 2, quantity: 7 }] }).exceptions.map((e) => e.kind)).toEqual(["release"]);
  });
});

describe("phantoms (convention 7)", () => {
  it("net lot-for-lot against their on hand only, pass requirements through in the same bucket, and are no orders", () => {
    // A (LT 1) needs 10 in bucket 1 → releases 10 in bucket 0; K = 2 × 10 = 20, on hand 5 → 15, same bucket,
    // ignoring K's lead time, safety stock, scrap, lot rule and minimum; X = 3 × 15 = 45, pegged to A's order
    const response = plan({
      items: [
        { id: "A", leadTime: 1 },
        { id: "K", phantom: true, onHand: 5, leadTime: 4, safetyStock: 7, scrapRate: 0.5, minimum: 100, lotSizing: { rule: "fixed", quantity: 100 } },
        { id: "X" },
      ],
      bom: [
        { parent: "A", component: "K", quantity: 2 },
        { parent: "K", component: "X", quantity: 3 },
      ],
      demands: [{ id: "d", item: "A", bucket: 1, quantity: 10 }],
    });
    expect(response.items.K).toMatchObject({ gross: [20, 0, 0], projectedOnHand: [0, 0, 0], net: [15, 0, 0], plannedReceipts: [15, 0, 0], plannedReleases: [15, 0, 0] });
    expect(response.items.X!.gross).toEqual([45, 0, 0]);
    expect(response.plannedOrders.map((o) => o.item)).toEqual(["A", "X"]);
    expect(response.plannedOrders[1]!.pegging).toEqual([{ parentOrder: "MRP-A-1", quantity: 45 }]);
    // A's order is released in bucket 0, X's is due there: release messages, none for the phantom
    expect(response.exceptions.map((e) => [e.item, e.kind, e.order])).toEqual([
      ["A", "release", "MRP-A-1"],
      ["X", "release", "MRP-X-0"],
    ]);
  });

  it("pass an independent demand on the phantom through to the component's orders", () => {
    const response = plan({
      items: [{ id: "K", phantom: true }, { id: "X" }],
      bom: [{ parent: "K", component: "X", quantity: 2 }],
      demands: [{ id: "spares", item: "K", bucket: 0, quantity: 4 }],
    });
    expect(response.plannedOrders).toEqual([expect.objectContaining({ item: "X", quantity: 8, pegging: [{ demand: "spares", quantity: 8 }] })]);
  });
});

describe("safety stock and pegging", () => {
  it("restores safety stock with an order pegged to nothing", () => {
    const response = plan({ items: [{ id: "A", safetyStock: 5 }] });
    expect(response.items.A).toMatchObject({ net: [5, 0, 0], plannedReceipts: [5, 0, 0], projectedOnHand: [5, 5, 5] });
    expect(response.plannedOrders[0]!.pegging).toEqual([]);
  });

  it("pegs first in first out: on hand first, demands of a bucket in input order", () => {
    // on hand 3: d1 5 → 3 from stock + 2 from the bucket-0 order (6); d2 4 from it; d3 6 from the bucket-2 order
    const response = plan({
      items: [{ id: "A", onHand: 3 }],
      demands: [
        { id: "d3", item: "A", bucket: 2, quantity: 6 },
        { id: "d1", item: "A", bucket: 0, quantity: 5 },
        { id: "d2", item: "A", bucket: 0, quantity: 4 },
      ],
    });
    expect(response.plannedOrders.map((o) => [o.id, o.pegging])).toEqual([
      ["MRP-A-0", [{ demand: "d1", quantity: 2 }, { demand: "d2", quantity: 4 }]],
      ["MRP-A-2", [{ demand: "d3", quantity: 6 }]],
    ]);
  });

  it("pegs the part of a lot beyond the requirements to nothing", () => {
    const response = plan({ items: [{ id: "A", lotSizing: { rule: "fixed", quantity: 10 } }], demands: [{ id: "d", item: "A", bucket: 1, quantity: 4 }] });
    expect(response.plannedOrders[0]).toMatchObject({ quantity: 10, pegging: [{ demand: "d", quantity: 4 }] });
  });
});

describe("sources", () => {
  it("defaults to make for BOM parents and buy otherwise, unless given", () => {
    const response = plan({
      items: [{ id: "A" }, { id: "B", source: "make" }, { id: "C" }],
      bom: [{ parent: "A", component: "C", quantity: 1 }],
      demands: [
        { id: "a", item: "A", bucket: 0, quantity: 1 },
        { id: "b", item: "B", bucket: 0, quantity: 1 },
      ],
    });
    expect(response.plannedOrders.map((o) => [o.item, o.source])).toEqual([
      ["A", "make"],
      ["B", "make"],
      ["C", "buy"],
    ]);
  });
});

describe("scale inside one item", () => {
  it("keeps every requirement when an item has thousands of them (scratch arrays grow)", () => {
    const demands = Array.from({ length: 3000 }, (_, k) => ({ id: `d${k}`, item: "A", bucket: k % 3, quantity: 1 + (k % 5) }));
    const response = plan({ items: [{ id: "A" }, { id: "B" }], bom: [{ parent: "A", component: "B", quantity: 2 }], demands });
    const perBucket = [0, 1, 2].map((t) => demands.filter((d) => d.bucket === t).reduce((s, d) => s + d.quantity, 0));
    expect(response.items.A!.gross).toEqual(perBucket);
    expect(response.plannedOrders.filter((o) => o.item === "A").flatMap((o) => o.pegging)).toHaveLength(3000);
  });
});
