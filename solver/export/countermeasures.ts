/**
 * The countermeasures sheet of a capacity assessment (the fourth step: 对策): every action of the cheapest
 * plan with its cost, then the load no lever covers as rows of kind `uncovered` (no cost), so the planner
 * sees in one list what to do and what is still short. Empty when the request had no levers.
 */
import type { CapacityResponse } from "../../src/capacity.ts";
import type { Table } from "./table.ts";
import { columnsOf, tableOf } from "./table.ts";

export const COUNTERMEASURE_COLUMNS = columnsOf({
  kind: "text",
  resource: "text",
  bucket: "number",
  minutes: "number",
  order: "text",
  item: "text",
  operation: "text",
  toResource: "text",
  toBucket: "number",
  cost: "number",
});

export function countermeasuresTable(answer: Pick<CapacityResponse, "countermeasures">): Table {
  const plan = answer.countermeasures;
  const uncovered = (plan?.uncovered ?? []).map((u) => ({ kind: "uncovered", resource: u.resource, bucket: u.bucket, minutes: u.minutes }));
  return tableOf("countermeasures", COUNTERMEASURE_COLUMNS, [...(plan?.actions ?? []), ...uncovered]);
}
