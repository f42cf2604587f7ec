/**
 * Semantic checks of an MRP request (issues 5 and 23, "Bad input"; answered with 422): unknown items in
 * the BOM, demands, receipts, firm planned orders and options.records, an unknown calendar (or one with
 * too few working days for the horizon), duplicate ids, a bucket or date outside the horizon, a planning
 * fence longer than the horizon, a firm planned order for a phantom, an item combining wagner-whitin or
 * silver-meal with minimum/multiple, BOM cycles named in full (`A → B → C → A`), and the limits on the
 * horizon, items × buckets and the BOM's depth and explosion.
 * Every problem is reported with its path, not just the first.
 */
import { checkBom, checkUniqueIds } from "../../src/check-factory.ts";
import { checkBucketSpan, checkMrpCells } from "../../src/check-limits.ts";
import type { MrpDemand, MrpRequest } from "../../src/mrp.ts";
import type { Problem } from "../../src/problem.ts";
import { addProblems, formatPath } from "../../src/problem.ts";
import { bucketCalendar, bucketOf, isBucketCalendar } from "./bucket-dates.ts";

/** All semantic problems of an MRP request; empty when it can be planned. */
export function checkMrpRequest(request: MrpRequest): Problem[] {
  const byId = (x: { id: string }) => x.id;
  const problems: Problem[] = [
    ...checkUniqueIds(request.items, byId, ["items"], "item id"),
    ...checkUniqueIds(request.demands, byId, ["demands"], "demand id"),
    ...checkUniqueIds(request.receipts, byId, ["receipts"], "receipt id"),
    ...checkUniqueIds(request.firmPlannedOrders, byId, ["firmPlannedOrders"], "firm planned order id"),
    ...checkBucketSpan(request.buckets),
    ...checkMrpCells(request.items.length, request.buckets.count),
  ];
  const calendar = bucketCalendar(request.buckets, request.calendars);
  if (!isBucketCalendar(calendar)) problems.push({ path: "buckets.calendar", message: calendar.problem });
  const horizon = request.buckets.count;
  const fenceProblem = (fence: number | undefined, path: PropertyKey[]) => {
    if (fence !== undefined && fence > horizon) {
      problems.push({ path: formatPath(path), message: `a planning fence of ${fence} buckets is longer than the horizon (${horizon} buckets)` });
    }
  };
  fenceProblem(request.options?.planningFenceBuckets, ["options", "planningFenceBuckets"]);
  request.items.forEach((item, i) => {
    fenceProblem(item.planningFenceBuckets, ["items", i, "planningFenceBuckets"]);
    const rule = item.lotSizing.rule;
    if (rule !== "wagner-whitin" && rule !== "silver-meal") return;
    for (const modifier of ["minimum", "multiple"] as const) {
      if (item[modifier] !== undefined) {
        problems.push({ path: formatPath(["items", i, modifier]), message: `${modifier} cannot be combined with the ${rule} lot-sizing rule` });
      }
    }
  });
  addProblems(problems, checkBom(request));
  const items = new Map(request.items.map((item) => [item.id, item]));
  const lastBucket = horizon - 1;
  const checkPlaced = (list: ReadonlyArray<MrpDemand>, key: "demands" | "receipts" | "firmPlannedOrders") => {
    list.forEach((entry, i) => {
      const item = items.get(entry.item);
      if (!item) problems.push({ path: formatPath([key, i, "item"]), message: `unknown item "${entry.item}"` });
      else if (key === "firmPlannedOrders" && item.phantom) {
        problems.push({ path: formatPath([key, i, "item"]), message: `"${entry.item}" is a phantom: it is exploded through, never ordered` });
      }
      // Without a calendar a date has no bucket; the calendar's own problem is reported above.
      if (!isBucketCalendar(calendar) && entry.bucket === undefined) return;
      const bucket = isBucketCalendar(calendar) ? bucketOf(calendar, entry) : entry.bucket!;
      if (bucket < 0 || bucket > lastBucket) {
        const field = entry.bucket === undefined ? "date" : "bucket";
        problems.push({
          path: formatPath([key, i, field]),
          message: `${field} ${entry[field]} is outside the horizon (buckets 0 … ${lastBucket} from ${request.buckets.start})`,
        });
      }
    });
  };
  checkPlaced(request.demands, "demands");
  checkPlaced(request.receipts, "receipts");
  checkPlaced(request.firmPlannedOrders, "firmPlannedOrders");
  const selected = request.options?.records;
  if (Array.isArray(selected)) {
    selected.forEach((id, k) => {
      if (!items.has(id)) problems.push({ path: formatPath(["options", "records", k]), message: `unknown item "${id}"` });
    });
  }
  return problems;
}
