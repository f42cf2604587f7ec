/**
 * Semantic checks of a schedule request beyond the factory model's (src/check-factory.ts): every progress
 * entry must name a real order, one of its routing's operations and one of that operation's resources and
 * units, start no later than the plan start, and the reported operations of an order must be a prefix of
 * its routing (done …, then at most one running), since work cannot skip an operation. Receipts by bucket
 * need the request's buckets. The scheduler's calendars run from the earliest progress to past the latest
 * release and the reference plan's end, so the orders', the progress's, the fence's and the reference
 * operations' dates lie within the MAX_HORIZON_DAYS limit of the plan start. A reference plan's operations
 * must name known orders, operations, resources and units and not overlap on a unit (check-reference.ts).
 */
import { checkFactory } from "../../src/check-factory.ts";
import { checkDatesNear, checkSpan } from "../../src/check-limits.ts";
import { checkReceiptBuckets } from "../../src/check-material.ts";
import { checkPlanDatesNear, checkPlanOperations } from "./check-reference.ts";
import type { Problem } from "../../src/problem.ts";
import { addProblems, formatPath } from "../../src/problem.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";

export function checkScheduleRequest(request: ScheduleRequest): Problem[] {
  const problems = checkFactory(request);
  addProblems(problems, checkReceiptBuckets(request.receipts, request.buckets?.count));
  const planStart = parseDateTime(request.planStart)!;
  if (request.reference !== undefined) {
    addProblems(problems, checkPlanOperations(request, request.reference.operations, ["reference", "operations"]));
    addProblems(problems, checkPlanDatesNear(planStart, request.reference.operations, ["reference", "operations"]));
  }
  if (request.frozenUntil !== undefined) {
    const fence = parseDateTime(request.frozenUntil)!;
    addProblems(problems, checkSpan(Math.min(planStart, fence), Math.max(planStart, fence), "frozenUntil", "from planStart to frozenUntil"));
  }
  const orders = new Map(request.orders.map((o) => [o.id, o]));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const resources = new Map(request.resources.map((r) => [r.id, r]));
  addProblems(problems, checkDatesNear(planStart, "planStart", request.orders, request.progress));
  const reported = new Map<string, Map<string, number>>();
  const runningOnUnit = new Map<string, number>();
  request.progress.forEach((entry, i) => {
    const at = (field: string) => formatPath(["progress", i, field]);
    const order = orders.get(entry.order);
    if (order === undefined) return problems.push({ path: at("order"), message: `unknown order "${entry.order}"` });
    const operation = routings.get(order.item)?.operations.find((op) => op.id === entry.operation);
    if (operation === undefined) return problems.push({ path: at("operation"), message: `order "${entry.order}" has no operation "${entry.operation}"` });
    const ofOrder = reported.get(entry.order) ?? new Map<string, number>();
    reported.set(entry.order, ofOrder);
    if (ofOrder.has(entry.operation)) problems.push({ path: formatPath(["progress", i]), message: `operation "${entry.operation}" of order "${entry.order}" is reported twice` });
    ofOrder.set(entry.operation, i);
    if (!operation.resources.includes(entry.resource)) {
      problems.push({ path: at("resource"), message: `resource "${entry.resource}" is not an alternative of operation "${entry.operation}"` });
    } else {
      const units = resources.get(entry.resource)?.units ?? 1;
      if (entry.unit >= units) problems.push({ path: at("unit"), message: `resource "${entry.resource}" has ${units} unit(s), numbered from 0` });
    }
    if (parseDateTime(entry.start)! > planStart) problems.push({ path: at("start"), message: `progress cannot start after planStart ${request.planStart}` });
    if (entry.status === "running") {
      const unit = `${entry.resource}\u0000${entry.unit}`;
      if (runningOnUnit.has(unit)) problems.push({ path: formatPath(["progress", i]), message: `unit ${entry.unit} of "${entry.resource}" already runs progress[${runningOnUnit.get(unit)}]` });
      else runningOnUnit.set(unit, i);
    }
    return undefined;
  });
  for (const [orderId, ofOrder] of reported) {
    const operations = routings.get(orders.get(orderId)!.item)!.operations;
    let last = -1;
    operations.forEach((op, k) => ofOrder.has(op.id) && (last = k));
    operations.forEach((op, k) => {
      if (k > last) return;
      const i = ofOrder.get(op.id);
      if (i === undefined) {
        const later = ofOrder.get(operations[last]!.id)!;
        problems.push({ path: formatPath(["progress", later]), message: `operation "${op.id}" of order "${orderId}" comes earlier in the routing but is not reported done` });
      } else if (k < last && request.progress[i]!.status !== "done") {
        problems.push({ path: formatPath(["progress", i, "status"]), message: `operation "${op.id}" of order "${orderId}" is followed by reported progress, so it must be done` });
      }
    });
  }
  return problems;
}
