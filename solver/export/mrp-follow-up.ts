/** The follow-up sheet of an MRP answer (供应商确认): the purchases due within the follow-up window, one per row, with the supplier. */
import type { MrpFollowUp } from "../../src/mrp.ts";
import type { Table } from "./table.ts";
import { columnsOf, mappedRows } from "./table.ts";

export const FOLLOW_UP_COLUMNS = columnsOf({
  date: "date",
  workingDays: "number",
  kind: "text",
  id: "text",
  item: "text",
  supplier: "text",
  quantity: "number",
  bucket: "number",
});

export function mrpFollowUpTable(followUp: Iterable<MrpFollowUp>): Table {
  return {
    name: "follow-up",
    columns: FOLLOW_UP_COLUMNS,
    rows: mappedRows(followUp, (f) => [f.date, f.workingDays, f.kind, f.id, f.item, f.supplier ?? null, f.quantity, f.bucket]),
  };
}
