/**
 * The planned-orders sheet of an MRP answer (物料需求计划: purchase and work orders to release): each planned
 * order with its source, whether the planner firmed it, quantities, release and receipt buckets and dates,
 * and its pegging as text (`MPS-7 20; MRP-DRUM-80-3 5`: the demand or parent order, then the quantity it
 * takes; with full pegging the path follows, `MPS-7 20 DRUM-80>WM-F80`). Phantoms never appear.
 */
import type { MrpPeg, MrpPlannedOrder } from "../../src/mrp.ts";
import type { Table } from "./table.ts";
import { columnsOf, mappedRows } from "./table.ts";

export const PLANNED_ORDER_COLUMNS = columnsOf({
  id: "text",
  item: "text",
  source: "text",
  firm: "boolean",
  quantity: "number",
  startQuantity: "number",
  releaseBucket: "number",
  releaseDate: "date",
  receiptBucket: "number",
  receiptDate: "date",
  pegging: "text",
});

export function pegText(pegs: readonly MrpPeg[]): string {
  return pegs.map((peg) => `${"demand" in peg ? peg.demand : peg.parentOrder} ${peg.quantity}${"path" in peg ? ` ${peg.path.join(">")}` : ""}`).join("; ");
}

export function plannedOrdersTable(orders: Iterable<MrpPlannedOrder>): Table {
  return {
    name: "planned-orders",
    columns: PLANNED_ORDER_COLUMNS,
    rows: mappedRows(orders, (o) => [o.id, o.item, o.source, o.firm ?? false, o.quantity, o.startQuantity, o.releaseBucket, o.releaseDate, o.receiptBucket, o.receiptDate, pegText(o.pegging)]),
  };
}
