/**
 * The exceptions sheet of an MRP answer: the action messages (release, past-due, reschedule-in,
 * reschedule-out, cancel, shortage-in-fence), one per row.
 */
import type { MrpException } from "../../src/mrp.ts";
import type { Table } from "./table.ts";
import { columnsOf, mappedRows } from "./table.ts";

export const EXCEPTION_COLUMNS = columnsOf({
  item: "text",
  kind: "text",
  bucket: "number",
  toBucket: "number",
  bucketsLate: "number",
  receipt: "text",
  order: "text",
  quantity: "number",
  message: "text",
});

export function mrpExceptionsTable(exceptions: Iterable<MrpException>): Table {
  return {
    name: "exceptions",
    columns: EXCEPTION_COLUMNS,
    rows: mappedRows(exceptions, (e) => [e.item, e.kind, e.bucket, e.toBucket ?? null, e.bucketsLate ?? null, e.receipt ?? null, e.order ?? null, e.quantity ?? null, e.message]),
  };
}
