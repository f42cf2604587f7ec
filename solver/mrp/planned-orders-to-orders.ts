/**
 * Closing the loop (issue 5): planned MAKE orders become production orders that /v1/capacity and
 * /v1/schedule accept, so a planner can check whether the material plan fits capacity.
 *
 * - quantity = the START quantity: the shop sets up and runs every unit it starts, scrapped ones included,
 *   so capacity load and run times must be computed on started units;
 * - release = the release bucket's start date at 00:00 (material is issued then);
 * - due = the receipt bucket's start date at 00:00 (MRP receipts arrive at the start of their bucket);
 * - priority 3 (the default) and kind "standard": MRP knows no customer urgency.
 * Ids are the planned order ids (a firm planned order's own). Bought items and phantoms are not orders for the shop.
 * Written straight into the response (write-response.ts) as a JSON array of Order, keys in Order's order.
 */
import { encodeJson, encodeKeys } from "../json-writer.ts";
import type { JsonWriter } from "../json-writer.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import type { ResponseText } from "./response-text.ts";

const KEY = encodeKeys(["id", "item", "quantity", "due", "release", "priority", "kind"]);
const STANDARD = encodeJson("standard");

/** The planned orders of the items marked in `makeItems` (1: a make item that is not a phantom), in plan order. */
export function writePlannedOrdersAsOrders(w: JsonWriter, plan: MaterialPlan, text: ResponseText, makeItems: Uint8Array): void {
  const midnight = text.dates.map((date) => encodeJson(`${date}T00:00`));
  const { orders } = plan;
  w.beginArray();
  for (let k = 0; k < orders.size; k++) {
    const i = orders.item[k]!;
    if (makeItems[i] !== 1) continue;
    w.beginObject();
    w.key(KEY.id);
    text.writeOrderId(w, k);
    w.key(KEY.item);
    w.preEncoded(text.itemIds[i]!);
    w.key(KEY.quantity);
    w.number(orders.startQuantity[k]!);
    w.key(KEY.due);
    w.preEncoded(midnight[orders.receiptBucket[k]!]!);
    w.key(KEY.release);
    w.preEncoded(midnight[orders.releaseBucket[k]!]!);
    w.key(KEY.priority);
    w.number(3);
    w.key(KEY.kind);
    w.preEncoded(STANDARD);
    w.endObject();
  }
  w.endArray();
}
