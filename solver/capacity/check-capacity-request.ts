/**
 * Semantic checks of a capacity request beyond its shape: the factory model's own checks (unknown
 * resources and calendars, duplicate ids, orders without routing …) plus the references the levers make.
 * Every problem is reported with its JSON path.
 */
import type { CapacityRequest } from "../../src/capacity.ts";
import { checkFactory } from "../../src/check-factory.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import { parseDateTime } from "../../src/time.ts";
import { bucketGrid } from "./bucket-grid.ts";

export function checkCapacityRequest(request: CapacityRequest): Problem[] {
  const problems = checkFactory(request);
  const resources = new Set(request.resources.map((r) => r.id));
  for (const id of Object.keys(request.levers?.outsourceCostPerMinute ?? {})) {
    if (!resources.has(id)) problems.push({ path: formatPath(["levers", "outsourceCostPerMinute", id]), message: `unknown resource "${id}"` });
  }
  const grid = bucketGrid(request.buckets);
  if (request.planStart !== undefined && parseDateTime(request.planStart)! >= grid.end) {
    problems.push({ path: "planStart", message: `planStart ${request.planStart} is not before the end of the last bucket` });
  }
  return problems;
}
