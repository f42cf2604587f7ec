/**
 * Semantic checks of a capacity request beyond its shape: the factory model's own checks (unknown
 * resources and calendars, duplicate ids, orders without routing …) and the progress checks of a schedule
 * request (unknown order, operation outside the order's routing, resource not one of its alternatives,
 * unit out of range, duplicates, start after planStart, reports that are not a done… running prefix of the
 * routing), both done by checkScheduleRequest so /v1/capacity and /v1/schedule accept the same progress;
 * plus the references the levers make, and a given plan checked as rush insertion checks it. Every problem
 * is reported with its JSON path.
 */
import type { CapacityRequest } from "../../src/capacity.ts";
import { checkBucketSpan } from "../../src/check-limits.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import { ScheduleOptions } from "../../src/schedule.ts";
import { formatDateTime, parseDateTime } from "../../src/time.ts";
import { checkCurrentPlan } from "../insert/check-insert-request.ts";
import { checkScheduleRequest } from "../schedule/check-schedule-request.ts";
import { bucketGrid } from "./bucket-grid.ts";

export function checkCapacityRequest(request: CapacityRequest): Problem[] {
  const span = checkBucketSpan(request.buckets);
  if (span.length > 0) return span;
  const grid = bucketGrid(request.buckets);
  const problems = checkScheduleRequest({ ...request, planStart: request.planStart ?? formatDateTime(grid.start), options: ScheduleOptions.parse({}) });
  const resources = new Set(request.resources.map((r) => r.id));
  for (const id of Object.keys(request.levers?.outsourceCostPerMinute ?? {})) {
    if (!resources.has(id)) problems.push({ path: formatPath(["levers", "outsourceCostPerMinute", id]), message: `unknown resource "${id}"` });
  }
  if (request.schedule !== undefined && problems.length === 0) problems.push(...checkCurrentPlan(request, request.schedule.operations, request.progress));
  if (request.planStart !== undefined && parseDateTime(request.planStart)! >= grid.end) {
    problems.push({ path: "planStart", message: `planStart ${request.planStart} is not before the end of the last bucket` });
  }
  return problems;
}
