/**
 * Closing the loop (issue 5): planned MAKE orders become production orders that /v1/capacity and
 * /v1/schedule accept, so a planner can check whether the material plan fits capacity.
 *
 * - quantity = the START quantity: the shop sets up and runs every unit it starts, scrapped ones included,
 *   so capacity load and run times must be computed on started units;
 * - release = the release bucket's start date at 00:00 (material is issued then);
 * - due = the receipt bucket's start date at 00:00 (MRP receipts arrive at the start of their bucket);
 * - priority 3 (the default) and kind "standard": MRP knows no customer urgency.
 * Ids are the planned order ids. Bought items and phantoms are not orders for the shop.
 */
import type { MrpResponse } from "../../src/mrp.ts";
import type { Order } from "../../src/order.ts";

export function plannedOrdersToOrders(response: Pick<MrpResponse, "plannedOrders">): Order[] {
  const orders: Order[] = [];
  for (const planned of response.plannedOrders) {
    if (planned.source !== "make") continue;
    orders.push({
      id: planned.id,
      item: planned.item,
      quantity: planned.startQuantity,
      due: `${planned.receiptDate}T00:00`,
      release: `${planned.releaseDate}T00:00`,
      priority: 3,
      kind: "standard",
    });
  }
  return orders;
}
