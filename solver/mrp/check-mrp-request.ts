/**
 * Semantic checks of an MRP request (issue 5, "Bad input"; answered with 422): unknown items in the BOM,
 * demands, receipts and options.records, duplicate ids, a bucket or date outside the horizon, an item combining
 * wagner-whitin or silver-meal with minimum/multiple, BOM cycles named in full (`A → B → C → A`), and the
 * limits on the horizon, items × buckets and the BOM's depth and explosion.
 * Every problem is reported with its path, not just the first.
 */
import { checkBom, checkUniqueIds } from "../../src/check-factory.ts";
import { checkBucketSpan, checkMrpCells } from "../../src/check-limits.ts";
import type { MrpDemand, MrpRequest } from "../../src/mrp.ts";
import type { Problem } from "../../src/problem.ts";
import { addProblems, formatPath } from "../../src/problem.ts";
import { bucketOf } from "./bucket-dates.ts";

/** All semantic problems of an MRP request; empty when it can be planned. */
export function checkMrpRequest(request: MrpRequest): Problem[] {
  const byId = (x: { id: string }) => x.id;
  const problems: Problem[] = [
    ...checkUniqueIds(request.items, byId, ["items"], "item id"),
    ...checkUniqueIds(request.demands, byId, ["demands"], "demand id"),
    ...checkUniqueIds(request.receipts, byId, ["receipts"], "receipt id"),
    ...checkBucketSpan(request.buckets),
    ...checkMrpCells(request.items.length, request.buckets.count),
  ];
  request.items.forEach((item, i) => {
    const rule = item.lotSizing.rule;
    if (rule !== "wagner-whitin" && rule !== "silver-meal") return;
    for (const modifier of ["minimum", "multiple"] as const) {
      if (item[modifier] !== undefined) {
        problems.push({ path: formatPath(["items", i, modifier]), message: `${modifier} cannot be combined with the ${rule} lot-sizing rule` });
      }
    }
  });
  addProblems(problems, checkBom(request));
  const items = new Set(request.items.map(byId));
  const lastBucket = request.buckets.count - 1;
  const checkPlaced = (list: ReadonlyArray<MrpDemand>, key: "demands" | "receipts") => {
    list.forEach((entry, i) => {
      if (!items.has(entry.item)) problems.push({ path: formatPath([key, i, "item"]), message: `unknown item "${entry.item}"` });
      const bucket = bucketOf(request.buckets, entry);
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
  const selected = request.options?.records;
  if (Array.isArray(selected)) {
    selected.forEach((id, k) => {
      if (!items.has(id)) problems.push({ path: formatPath(["options", "records", k]), message: `unknown item "${id}"` });
    });
  }
  return problems;
}
