/**
 * Semantic checks of an order review: the model with the confirmed orders and the candidates together,
 * the current plan against the model (as for rush insertion), changes naming confirmed orders (started and
 * frozen ones too: they are reviewed, issue 15) and, for a new item, one with a routing that has every
 * operation already started or frozen, and receipts naming known items, by bucket only when the request has buckets.
 */
import { checkReceiptBuckets } from "../../src/check-material.ts";
import type { Problem } from "../../src/problem.ts";
import { addProblems, formatPath } from "../../src/problem.ts";
import type { ReviewRequest } from "../../src/review.ts";
import { MINUTES_PER_DAY, parseDate, parseDateTime } from "../../src/time.ts";
import { checkBucketSpan, checkSpan } from "../../src/check-limits.ts";
import { checkCurrentPlan, checkModelWith } from "../insert/check-insert-request.ts";

/** Promises lie before `horizonEnd`, or the end of the buckets, else 90 days after now. */
const DEFAULT_HORIZON_DAYS = 90;
const BUCKET_MINUTES = { day: MINUTES_PER_DAY, week: 7 * MINUTES_PER_DAY } as const;

/** The review's time frame: where its buckets start, their length (days without buckets) and the horizon's end, minutes. */
export function reviewHorizon(request: Pick<ReviewRequest, "now" | "buckets" | "horizonEnd">): { bucketStart: number; unit: number; end: number } {
  const now = parseDateTime(request.now)!;
  const buckets = request.buckets;
  const bucketStart = buckets === undefined ? now : parseDate(buckets.start)!;
  const unit = buckets === undefined ? MINUTES_PER_DAY : BUCKET_MINUTES[buckets.size];
  const end =
    request.horizonEnd !== undefined ? parseDateTime(request.horizonEnd)! : buckets === undefined ? now + DEFAULT_HORIZON_DAYS * MINUTES_PER_DAY : bucketStart + buckets.count * unit;
  return { bucketStart, unit, end };
}

export function checkReviewRequest(request: ReviewRequest): Problem[] {
  const problems = checkModelWith(request, request.candidates, "candidates", request.progress, request.now);
  if (request.buckets !== undefined) addProblems(problems, checkBucketSpan(request.buckets, "buckets.count"));
  const horizonPath = request.horizonEnd !== undefined ? "horizonEnd" : "buckets.start";
  addProblems(problems, checkSpan(parseDateTime(request.now)!, reviewHorizon(request).end, horizonPath, "from now to the review horizon's end"));
  addProblems(problems, checkReceiptBuckets(request.receipts, request.buckets?.count));
  if (problems.length > 0) return problems;
  addProblems(problems, checkCurrentPlan(request, request.schedule.operations, request.progress));
  const frozenUntil = Math.max(parseDateTime(request.now)!, parseDateTime(request.frozenUntil ?? request.now)!);
  // Operations that have started or are frozen, per order: a new item's routing must have them.
  const started = new Map<string, Set<string>>();
  const start = (order: string, operation: string) => started.set(order, (started.get(order) ?? new Set()).add(operation));
  for (const e of request.progress) start(e.order, e.operation);
  for (const op of request.schedule.operations) if (op.state === "running" || parseDateTime(op.start)! < frozenUntil) start(op.order, op.operation);
  const orders = new Set(request.orders.map((o) => o.id));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  request.changes.forEach((change, i) => {
    if (!orders.has(change.order)) return problems.push({ path: formatPath(["changes", i, "order"]), message: `unknown order "${change.order}"` });
    if (change.due !== undefined) {
      const [now, due] = [parseDateTime(request.now)!, parseDateTime(change.due)!];
      addProblems(problems, checkSpan(Math.min(now, due), Math.max(now, due), formatPath(["changes", i, "due"]), "from now to this due date"));
    }
    if (change.item === undefined) return undefined;
    const routing = routings.get(change.item);
    if (routing === undefined) return problems.push({ path: formatPath(["changes", i, "item"]), message: `item "${change.item}" has no routing` });
    const missing = [...(started.get(change.order) ?? [])].filter((id) => !routing.operations.some((op) => op.id === id));
    if (missing.length > 0) problems.push({ path: formatPath(["changes", i, "item"]), message: `order "${change.order}" has started or frozen operation(s) ${missing.map((m) => `"${m}"`).join(", ")}, which item "${change.item}"'s routing does not have` });
    return undefined;
  });
  return problems;
}
