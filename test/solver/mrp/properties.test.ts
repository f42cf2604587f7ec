/**
 * Invariants of the plan (read back from the written response) on random small multi-level requests (fixed seeds), each plan checked by
 * the independent validator (validate-mrp.ts): gross from demands and parents' releases, netting
 * identities, net never negative, POH ≥ safety stock wherever a lot was planned, orders and pegs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MrpRequest } from "../../../src/mrp.ts";
import { Order } from "../../../src/order.ts";
import { checkMrpRequest } from "../../../solver/mrp/check-mrp-request.ts";
import { arbitraryMrpRequest } from "./arbitrary-mrp.ts";
import { expectedOrders, planJson } from "./plan.ts";
import { validateMrp } from "./validate-mrp.ts";

function scaled(request: MrpRequest, factor: number, stockToo: boolean): MrpRequest {
  return {
    ...request,
    items: request.items.map((item) => (stockToo ? { ...item, onHand: item.onHand * factor, safetyStock: item.safetyStock * factor } : item)),
    demands: request.demands.map((d) => ({ ...d, quantity: d.quantity * factor })),
    receipts: stockToo ? request.receipts.map((r) => ({ ...r, quantity: r.quantity * factor })) : request.receipts,
    firmPlannedOrders: stockToo ? request.firmPlannedOrders.map((f) => ({ ...f, quantity: f.quantity * factor })) : request.firmPlannedOrders,
  };
}

describe("MRP plan invariants", () => {
  it("passes the independent validator on every random request (net ≥ 0, POH ≥ SS after every lot, …)", () => {
    fc.assert(
      fc.property(arbitraryMrpRequest(), (request) => {
        expect(checkMrpRequest(request)).toEqual([]);
        const response = planJson(request);
        expect(validateMrp(request, response)).toEqual([]);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("under lot-for-lot with no stock, doubling every demand doubles every gross requirement", () => {
    const noStock = arbitraryMrpRequest({ lotForLotOnly: true }).map((r) => ({
      ...r,
      items: r.items.map((item) => ({ ...item, onHand: 0, safetyStock: 0 })),
      receipts: [],
      firmPlannedOrders: [],
    }));
    fc.assert(
      fc.property(noStock, (request) => {
        const once = planJson(request);
        const twice = planJson(scaled(request, 2, false));
        for (const item of request.items) {
          twice.items[item.id]!.gross.forEach((g, t) => expect(g).toBeCloseTo(2 * once.items[item.id]!.gross[t]!, 9));
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("under lot-for-lot, doubling demands, stock, safety stock and receipts doubles every record", () => {
    fc.assert(
      fc.property(arbitraryMrpRequest({ lotForLotOnly: true }), (request) => {
        const once = planJson(request);
        const twice = planJson(scaled(request, 2, true));
        for (const item of request.items) {
          const a = once.items[item.id]!;
          const b = twice.items[item.id]!;
          for (const kind of ["gross", "projectedOnHand", "net", "plannedReceipts", "plannedReleases"] as const) {
            b[kind].forEach((x, t) => expect(x).toBeCloseTo(2 * a[kind][t]!, 9));
          }
        }
        expect(twice.plannedOrders.map((o) => o.id)).toEqual(once.plannedOrders.map((o) => o.id));
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("turns planned make orders into orders the Order schema accepts", () => {
    fc.assert(
      fc.property(arbitraryMrpRequest(), (request) => {
        const response = planJson({ ...request, options: { asOrders: true } });
        const orders = response.orders!;
        expect(orders).toEqual(expectedOrders(response.plannedOrders));
        for (const order of orders) expect(Order.parse(order)).toEqual(order);
        expect(orders.length).toBe(response.plannedOrders.filter((o) => o.source === "make").length);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
