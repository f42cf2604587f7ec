/** Closing the loop: planned make orders as production orders for /v1/capacity and /v1/schedule. */
import { describe, expect, it } from "vitest";
import { MrpRequest } from "../../../src/mrp.ts";
import { Order } from "../../../src/order.ts";
import { expectedOrders, planJson } from "./plan.ts";
import { textbook } from "./textbook.ts";

describe("planned make orders as orders (options.asOrders)", () => {
  it("turns make orders into orders due at the receipt date, released at the release date, for the start quantity", () => {
    const request = MrpRequest.parse({
      buckets: { start: "2026-03-02", size: "week", count: 3 },
      items: [{ id: "P", leadTime: 1, scrapRate: 0.2 }, { id: "R" }],
      bom: [{ parent: "P", component: "R", quantity: 1 }],
      demands: [{ id: "d", item: "P", bucket: 2, quantity: 100 }],
      options: { asOrders: true },
    });
    const orders = planJson(request).orders;
    expect(orders).toEqual([{ id: "MRP-P-2", item: "P", quantity: 125, due: "2026-03-16T00:00", release: "2026-03-09T00:00", priority: 3, kind: "standard" }]);
    expect(Order.array().parse(orders)).toEqual(orders);
  });

  it("lists exactly the planned make orders, mapped as issue 5 says, and only when options.asOrders is set", () => {
    const response = planJson({ ...textbook, options: { asOrders: true } });
    expect(response.orders).toEqual(expectedOrders(response.plannedOrders));
    expect(response.orders!.map((o) => o.id)).toEqual(["MRP-A-3", "MRP-A-5", "MRP-B-2", "MRP-B-4"]); // C is bought
    expect(planJson(textbook).orders).toBeUndefined();
  });
});
