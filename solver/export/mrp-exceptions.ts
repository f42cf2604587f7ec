/** The exceptions sheet of an MRP answer: the action messages (past-due, expedite, excess), one per row. */
import type { MrpException } from "../../src/mrp.ts";
import type { Table } from "./table.ts";
import { columnsOf, mappedRows } from "./table.ts";

export const EXCEPTION_COLUMNS = columnsOf({ item: "text", kind: "text", bucket: "number", bucketsLate: "number", receipt: "text", message: "text" });

export function mrpExceptionsTable(exceptions: Iterable<MrpException>): Table {
  return {
    name: "exceptions",
    columns: EXCEPTION_COLUMNS,
    rows: mappedRows(exceptions, (e) => [e.item, e.kind, e.bucket, e.bucketsLate ?? null, e.receipt ?? null, e.message]),
  };
}
