/**
 * Semantic checks of a rush-insertion request: the factory model with the confirmed and the rush orders
 * together (duplicate ids across both, unknown items or resources, progress as for /v1/schedule), and the
 * current plan against the model as any plan given back (check-reference.ts: known order, operation, resource
 * and unit, once, no overlap on a unit), and every not-done operation of a confirmed order must be in the
 * plan, unless none of them is: an order the plan left out (for lack of material, issue 14) stays out.
 */
import type { FactoryModel } from "../../src/factory.ts";
import type { InsertRequest } from "../../src/insert.ts";
import type { Order } from "../../src/order.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import type { ProgressEntry, ScheduledOperation } from "../../src/schedule.ts";
import { checkScheduleRequest } from "../schedule/check-schedule-request.ts";
import { checkPlanOperations } from "../schedule/check-reference.ts";
import { operationKey } from "../schedule/freeze-plan.ts";

/**
 * The model and progress checked as one schedule request holding the confirmed orders and `added`; problems
 * at `orders[i]` for an added order are reported at `{addedPath}[k]`.
 */
export function checkModelWith(model: FactoryModel, added: readonly Order[], addedPath: string, progress: readonly ProgressEntry[], now: string): Problem[] {
  const n = model.orders.length;
  const problems = checkScheduleRequest({
    ...model,
    orders: [...model.orders, ...added],
    planStart: now,
    progress: [...progress],
    options: { timeLimitSeconds: 5, seed: 1, objective: "tardiness" },
  });
  return problems.map((problem) => {
    const m = /^orders\[(\d+)\](.*)$/.exec(problem.path);
    if (m === null || Number(m[1]) < n) return problem;
    return { path: `${addedPath}[${Number(m[1]) - n}]${m[2]}`, message: problem.message.replaceAll(/orders\[(\d+)\]/g, (all, i: string) => (Number(i) < n ? all : `${addedPath}[${Number(i) - n}]`)) };
  });
}

/** The current plan against the model (see the header). */
export function checkCurrentPlan(model: FactoryModel, operations: readonly ScheduledOperation[], progress: readonly ProgressEntry[]): Problem[] {
  const problems = checkPlanOperations(model, operations, ["schedule", "operations"]);
  const routings = new Map(model.routings.map((r) => [r.item, r]));
  const done = new Set(progress.filter((e) => e.status === "done").map((e) => operationKey(e.order, e.operation)));
  const seen = new Set(operations.map((op) => operationKey(op.order, op.operation)));
  const inPlan = new Set(operations.map((op) => op.order));
  const reported = new Set(progress.map((e) => e.order));
  model.orders.forEach((order, o) => {
    if (!inPlan.has(order.id) && !reported.has(order.id)) return;
    for (const op of routings.get(order.item)?.operations ?? []) {
      const key = operationKey(order.id, op.id);
      if (!seen.has(key) && !done.has(key)) problems.push({ path: formatPath(["orders", o]), message: `operation "${op.id}" of order "${order.id}" is neither done nor in schedule.operations` });
    }
  });
  return problems;
}

export function checkInsertRequest(request: InsertRequest): Problem[] {
  const problems = checkModelWith(request, request.rushOrders, "rushOrders", request.progress, request.now);
  // Plan checks need sound references; they would only repeat the model's problems otherwise.
  if (problems.length > 0) return problems;
  return checkCurrentPlan(request, request.schedule.operations, request.progress);
}
