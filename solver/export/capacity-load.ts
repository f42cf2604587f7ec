/**
 * The load sheet of a capacity assessment (产能负荷表): one row per resource and bucket with the bucket's
 * dates, the available standard minutes, the load, utilisation (empty when load meets no capacity) and
 * overload — the report's `resources[].buckets` flattened in the answer's order.
 */
import type { CapacityResponse } from "../../src/capacity.ts";
import type { Table } from "./table.ts";
import { columnsOf, tableOf } from "./table.ts";

export const LOAD_COLUMNS = columnsOf({
  resource: "text",
  bucket: "number",
  bucketStart: "datetime",
  bucketEnd: "datetime",
  workingMinutes: "number",
  availableMinutes: "number",
  loadMinutes: "number",
  utilization: "number",
  overloadMinutes: "number",
});

export function capacityLoadTable(answer: Pick<CapacityResponse, "buckets" | "resources">): Table {
  const rows = answer.resources.flatMap((resource) =>
    resource.buckets.map((load, b) => ({
      resource: resource.id,
      bucket: answer.buckets[b]?.index ?? b,
      bucketStart: answer.buckets[b]?.start ?? null,
      bucketEnd: answer.buckets[b]?.end ?? null,
      workingMinutes: load.workingMinutes,
      availableMinutes: load.availableMinutes,
      loadMinutes: load.loadMinutes,
      utilization: load.utilization,
      overloadMinutes: load.overloadMinutes,
    })),
  );
  return tableOf("load", LOAD_COLUMNS, rows);
}
