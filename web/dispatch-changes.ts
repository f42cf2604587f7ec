/**
 * What changed in the dispatch list since the one issued to the shop (kept in the browser): an operation
 * is new when the issued list lacks it, moved when its resource, unit, start or end differ. A plan
 * recalculated against the plan in force (issue 15) carries the server's own changes (another unit, or a
 * start moved beyond the tolerance): those are the moved ones then, and new ones are still marked new.
 */
import type { PlanChanges } from "../src/schedule.ts";
import type { DispatchRow } from "../solver/export/dispatch-list.ts";

export type RowChange = "new" | "moved";

type RowFields = Pick<DispatchRow, "order" | "operation" | "resource" | "unit" | "start" | "end">;

const keyOf = (row: Pick<DispatchRow, "order" | "operation">) => `${row.order}\u0000${row.operation}`;

export function changesSinceIssued(rows: ReadonlyArray<RowFields>, issued: ReadonlyArray<RowFields>, server?: PlanChanges): { changes: Map<string, RowChange>; removed: number } {
  const before = new Map(issued.map((row) => [keyOf(row), row]));
  const changes = new Map<string, RowChange>();
  const moved = server === undefined ? null : new Set(server.operations.map(keyOf));
  for (const row of rows) {
    const old = before.get(keyOf(row));
    if (moved?.has(keyOf(row))) changes.set(keyOf(row), "moved");
    else if (!old && issued.length > 0) changes.set(keyOf(row), "new");
    else if (moved === null && old && (old.resource !== row.resource || old.unit !== row.unit || old.start !== row.start || old.end !== row.end)) changes.set(keyOf(row), "moved");
  }
  const now = new Set(rows.map(keyOf));
  return { changes, removed: [...before.keys()].filter((key) => !now.has(key)).length };
}

export { keyOf as dispatchRowKey };
