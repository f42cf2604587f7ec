/**
 * What changed in the dispatch list since the one issued to the shop (kept in the browser): an operation
 * is new when the issued list lacks it, moved when its resource, unit, start or end differ. Issue 15 will
 * have the server report changes against a reference plan; until then the browser compares the lists.
 */
import type { DispatchRow } from "../solver/export/dispatch-list.ts";

export type RowChange = "new" | "moved";

type RowFields = Pick<DispatchRow, "order" | "operation" | "resource" | "unit" | "start" | "end">;

const keyOf = (row: Pick<DispatchRow, "order" | "operation">) => `${row.order}\u0000${row.operation}`;

export function changesSinceIssued(rows: ReadonlyArray<RowFields>, issued: ReadonlyArray<RowFields>): { changes: Map<string, RowChange>; removed: number } {
  const before = new Map(issued.map((row) => [keyOf(row), row]));
  const changes = new Map<string, RowChange>();
  for (const row of rows) {
    const old = before.get(keyOf(row));
    if (!old) changes.set(keyOf(row), "new");
    else if (old.resource !== row.resource || old.unit !== row.unit || old.start !== row.start || old.end !== row.end) changes.set(keyOf(row), "moved");
  }
  const now = new Set(rows.map(keyOf));
  return { changes, removed: [...before.keys()].filter((key) => !now.has(key)).length };
}

export { keyOf as dispatchRowKey };
