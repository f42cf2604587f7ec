/**
 * Semantic checks of an order review: the model with the confirmed orders and the candidates together,
 * the current plan against the model (as for rush insertion), changes naming confirmed orders that have
 * not started and are not frozen (the frozen horizon does not change), and receipts naming known items,
 * by bucket only when the request has buckets.
 */
import { checkReceiptBuckets } from "../../src/check-material.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import type { ReviewRequest } from "../../src/review.ts";
import { parseDateTime } from "../../src/time.ts";
import { checkCurrentPlan, checkModelWith } from "../insert/check-insert-request.ts";

export function checkReviewRequest(request: ReviewRequest): Problem[] {
  const problems = checkModelWith(request, request.candidates, "candidates", request.progress, request.now);
  problems.push(...checkReceiptBuckets(request.receipts, request.buckets?.count));
  if (problems.length > 0) return problems;
  problems.push(...checkCurrentPlan(request, request.schedule.operations, request.progress));
  const frozenUntil = Math.max(parseDateTime(request.now)!, parseDateTime(request.frozenUntil ?? request.now)!);
  const started = new Set(request.progress.map((e) => e.order));
  for (const op of request.schedule.operations) if (op.state === "running" || parseDateTime(op.start)! < frozenUntil) started.add(op.order);
  const orders = new Set(request.orders.map((o) => o.id));
  request.changes.forEach((change, i) => {
    const at = formatPath(["changes", i, "order"]);
    if (!orders.has(change.order)) problems.push({ path: at, message: `unknown order "${change.order}"` });
    else if (started.has(change.order)) problems.push({ path: at, message: `order "${change.order}" has started or is in the frozen horizon; it cannot change` });
  });
  return problems;
}
