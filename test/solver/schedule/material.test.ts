/**
 * Each material rule of issue 14 alone on a tiny fixture with hand-worked minutes. The shop: one day shift
 * 06:00–14:00 on weekdays, plan start Monday 2026-03-02 06:00; `solve` checks every plan with the
 * independent validator (material replay included).
 */
import { describe, expect, it } from "vitest";
import { MONDAY, op, order, request, routing, solve } from "./fixtures.ts";

const R = { id: "R", calendar: "day" };
const R2 = { id: "R2", calendar: "day" };
/** Item "p" made on R in 60 minutes per unit from one unit of bought "c". */
const base = (extra: Record<string, unknown> = {}) => ({
  resources: [R, R2],
  items: [{ id: "p" }, { id: "c", onHand: 0 }],
  bom: [{ parent: "p", component: "c", quantity: 1 }],
  routings: [routing("p", ["R"], 60)],
  options: { material: "constrain" },
  ...extra,
});
const outcome = (response: ReturnType<typeof solve>["response"], id: string) => response.orders.find((o) => o.id === id)!;

describe("material: receipts and staging", () => {
  it("starts an operation the minute its material arrives", () => {
    const { response } = solve(request(base({ receipts: [{ id: "PO1", item: "c", date: `${MONDAY}T09:30`, quantity: 1 }], orders: [order("o1", "p")] })));
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T09:30`, end: `${MONDAY}T10:30` });
    expect(outcome(response, "o1").waits).toMatchObject({ material: 210, capacity: 0 });
  });

  it("takes a day's receipt at its first minute, then waits for the shift", () => {
    const { response } = solve(request(base({ receipts: [{ item: "c", date: "2026-03-03", quantity: 1 }], orders: [order("o1", "p", { due: "2026-03-03T23:00" })] })));
    expect(op(response, "o1")).toMatchObject({ start: "2026-03-03T06:00" });
    // Material until Tuesday 00:00 (1,080 min), then no working time until 06:00 (360 min).
    expect(outcome(response, "o1").waits).toMatchObject({ material: 1080, calendar: 360 });
  });

  it("uses a receipt only stagingMinutes after it arrives", () => {
    const items = [{ id: "p" }, { id: "c", onHand: 0, stagingMinutes: 120 }];
    const { response } = solve(request(base({ items, receipts: [{ item: "c", date: `${MONDAY}T07:00`, quantity: 1 }], orders: [order("o1", "p")] })));
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T09:00` });
  });

  it("lets stock on hand at the plan start be used at once, staging or not", () => {
    const items = [{ id: "p" }, { id: "c", onHand: 1, stagingMinutes: 2880 }];
    const { response } = solve(request(base({ items, orders: [order("o1", "p")] })));
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T06:00` });
  });

  it("gives scarce stock to the operation that starts first, and the next one waits for the receipt", () => {
    const items = [{ id: "p" }, { id: "c", onHand: 1 }];
    const receipts = [{ item: "c", date: `${MONDAY}T12:00`, quantity: 1 }];
    const { response } = solve(request(base({ items, receipts, orders: [order("a", "p", { priority: 1 }), order("b", "p", { priority: 5 })] })));
    expect(op(response, "a")).toMatchObject({ start: `${MONDAY}T06:00` });
    expect(op(response, "b")).toMatchObject({ start: `${MONDAY}T12:00` });
    expect(outcome(response, "b").waits).toMatchObject({ material: 360, capacity: 0 });
    expect(response.materials).toEqual([
      expect.objectContaining({ item: "c", onHand: 1, consumed: 2, received: 1, produced: 0, endBalance: 0, lowestBalance: 0, shortages: [] }),
    ]);
  });

  it("consumes at the operation that names the component, and scrap inflates the need", () => {
    const routings = [{ item: "p", operations: [{ id: "cut", resources: ["R"], runMinutesPerUnit: 60 }, { id: "weld", resources: ["R2"], runMinutesPerUnit: 60, consumes: ["c"] }] }];
    const items = [{ id: "p", scrapRate: 0.5 }, { id: "c", onHand: 1 }];
    // One good unit starts two (scrap 50 %): two units of c, the second arriving at 10:00 for the weld.
    const receipts = [{ item: "c", date: `${MONDAY}T10:00`, quantity: 1 }];
    const { response } = solve(request(base({ items, routings, receipts, orders: [order("o1", "p")] })));
    expect(op(response, "o1", "cut")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:00` });
    expect(op(response, "o1", "weld")).toMatchObject({ start: `${MONDAY}T10:00` });
  });

  it("explodes a phantom component through to its own components", () => {
    const items = [{ id: "p" }, { id: "kit", phantom: true }, { id: "c", onHand: 0 }];
    const bom = [{ parent: "p", component: "kit", quantity: 2 }, { parent: "kit", component: "c", quantity: 3 }];
    // Six units of c: five at 09:00 are not enough, the sixth at 11:00 is.
    const receipts = [{ item: "c", date: `${MONDAY}T09:00`, quantity: 5 }, { item: "c", date: `${MONDAY}T11:00`, quantity: 1 }];
    const { response } = solve(request(base({ items, bom, receipts, orders: [order("o1", "p")] })));
    expect(op(response, "o1")).toMatchObject({ start: `${MONDAY}T11:00` });
    expect(response.materials!.map((m) => m.item)).toEqual(["c"]);
  });
});

describe("material: production and reservations", () => {
  it("feeds a parent order from the sub-assembly order that makes its component", () => {
    const items = [{ id: "p" }, { id: "s" }, { id: "raw", onHand: 10 }];
    const bom = [{ parent: "p", component: "s", quantity: 2 }, { parent: "s", component: "raw", quantity: 1 }];
    const routings = [routing("p", ["R2"], 30), routing("s", ["R"], 45)];
    const { response } = solve(request(base({ items, bom, routings, orders: [order("parent", "p"), order("sub", "s", { quantity: 2 })] })));
    // The sub-assembly order makes 2 s in 90 minutes (06:00–07:30); the parent starts when they are there.
    expect(op(response, "sub")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:30` });
    expect(op(response, "parent")).toMatchObject({ start: `${MONDAY}T07:30`, end: `${MONDAY}T08:00` });
    expect(outcome(response, "parent").waits).toMatchObject({ material: 90 });
    expect(response.materials!.find((m) => m.item === "s")).toMatchObject({ produced: 2, consumed: 2, endBalance: 0 });
  });

  it("keeps reserved stock for its order: another order waits for a receipt", () => {
    const items = [{ id: "p" }, { id: "c", onHand: 1 }];
    const receipts = [{ item: "c", date: "2026-03-03T09:00", quantity: 1 }];
    const orders = [order("urgent", "p", { priority: 1 }), order("reserved", "p", { priority: 5, due: "2026-03-06T23:00" })];
    const withReservation = solve(request(base({ items, receipts, orders, reservations: [{ order: "reserved", item: "c", quantity: 1 }] }))).response;
    expect(op(withReservation, "reserved")).toMatchObject({ start: `${MONDAY}T06:00` });
    expect(op(withReservation, "urgent")).toMatchObject({ start: "2026-03-03T09:00" });
    // Without the reservation the urgent order takes the stock.
    expect(op(solve(request(base({ items, receipts, orders }))).response, "urgent")).toMatchObject({ start: `${MONDAY}T06:00` });
  });

  it("leaves out an order whose material never comes, and plans the others", () => {
    const items = [{ id: "p" }, { id: "x" }, { id: "c", onHand: 1 }];
    const orders = [order("low", "p", { priority: 4 }), order("vip", "p", { priority: 1 }), order("free", "x")];
    const routings = [routing("p", ["R"], 60), routing("x", ["R2"], 30)];
    const { response } = solve(request(base({ items, routings, orders })));
    expect(outcome(response, "low")).toEqual({
      id: "low",
      due: `${MONDAY}T23:00`,
      status: "unplannable",
      completion: null,
      lateMinutes: 0,
      onTime: false,
      bufferKept: false,
      shortages: [{ item: "c", quantity: 1, neededBy: `${MONDAY}T06:00` }],
    });
    expect(op(response, "vip")).toMatchObject({ start: `${MONDAY}T06:00` });
    expect(op(response, "free")).toMatchObject({ start: `${MONDAY}T06:00` });
    expect(response.operations.some((o) => o.order === "low")).toBe(false);
    expect(response.kpis).toMatchObject({ onTimeRate: 2 / 3, unplannableOrders: 1 });
    expect(response.materials![0]!.shortages).toEqual([{ order: "low", quantity: 1, neededBy: `${MONDAY}T06:00` }]);
  });

  it("leaves out the parents of a sub-assembly order that cannot be made", () => {
    const items = [{ id: "p" }, { id: "s" }, { id: "raw", onHand: 0 }];
    const bom = [{ parent: "p", component: "s", quantity: 1 }, { parent: "s", component: "raw", quantity: 1 }];
    const routings = [routing("p", ["R2"], 30), routing("s", ["R"], 45)];
    const { response } = solve(request(base({ items, bom, routings, orders: [order("parent", "p"), order("sub", "s")] })));
    expect(response.orders.map((o) => [o.id, o.status, o.shortages?.map((s) => s.item)])).toEqual([
      ["parent", "unplannable", ["s"]],
      ["sub", "unplannable", ["raw"]],
    ]);
  });
});
