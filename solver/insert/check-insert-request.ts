/**
 * Semantic checks of a rush-insertion request: the factory model with the confirmed and the rush orders
 * together (duplicate ids across both, unknown items or resources, progress as for /v1/schedule), and the
 * current plan against the model: every operation must name a confirmed order, one of its routing's
 * operations, one of that operation's resources and an existing unit, appear once, and every not-done
 * operation of a confirmed order must be in the plan, unless none of them is: an order the plan left out
 * (for lack of material, issue 14) stays out.
 */
import type { FactoryModel } from "../../src/factory.ts";
import type { InsertRequest } from "../../src/insert.ts";
import type { Order } from "../../src/order.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import type { ProgressEntry, ScheduledOperation } from "../../src/schedule.ts";
import { checkScheduleRequest } from "../schedule/check-schedule-request.ts";
import { operationKey, planKey } from "./freeze-plan.ts";

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
  const problems: Problem[] = [];
  const orders = new Map(model.orders.map((o) => [o.id, o]));
  const routings = new Map(model.routings.map((r) => [r.item, r]));
  const units = new Map(model.resources.map((r) => [r.id, r.units]));
  const done = new Set(progress.filter((e) => e.status === "done").map((e) => operationKey(e.order, e.operation)));
  const seen = new Map<string, number>();
  // Parts of each planned operation: their quantities, by part.
  const parts = new Map<string, Array<{ part: number; quantity: number; at: number }>>();
  operations.forEach((op, i) => {
    const at = (field: string) => formatPath(["schedule", "operations", i, field]);
    const order = orders.get(op.order);
    if (order === undefined) return problems.push({ path: at("order"), message: `unknown order "${op.order}" (not among orders)` });
    const operation = routings.get(order.item)?.operations.find((o) => o.id === op.operation);
    if (operation === undefined) return problems.push({ path: at("operation"), message: `order "${op.order}" has no operation "${op.operation}"` });
    const key = planKey(op.order, op.operation, op.part);
    const first = seen.get(key);
    if (first !== undefined) problems.push({ path: formatPath(["schedule", "operations", i]), message: `part ${op.part ?? 0} of operation "${op.operation}" of order "${op.order}" is planned twice (first at schedule.operations[${first}])` });
    seen.set(key, i);
    const list = parts.get(operationKey(op.order, op.operation)) ?? [];
    list.push({ part: op.part ?? 0, quantity: op.quantity ?? order.quantity, at: i });
    parts.set(operationKey(op.order, op.operation), list);
    if (!operation.resources.includes(op.resource)) {
      problems.push({ path: at("resource"), message: `resource "${op.resource}" is not an alternative of operation "${op.operation}"` });
    } else if (op.unit >= (units.get(op.resource) ?? 1)) {
      problems.push({ path: at("unit"), message: `resource "${op.resource}" has ${units.get(op.resource) ?? 1} unit(s), numbered from 0` });
    }
    if (op.end < op.start) problems.push({ path: at("end"), message: "ends before it starts" });
    return undefined;
  });
  for (const [key, list] of parts) {
    const [orderId] = key.split("\u0000");
    const quantity = orders.get(orderId!)!.quantity;
    const total = list.reduce((sum, x) => sum + x.quantity, 0);
    const numbered = list.every((x) => x.part < list.length);
    if (!numbered || Math.abs(total - quantity) > 1e-6 * Math.max(1, quantity)) {
      problems.push({
        path: formatPath(["schedule", "operations", list[list.length - 1]!.at]),
        message: `the parts of this operation must be numbered 0 … ${list.length - 1} and make the order's quantity ${quantity} (they make ${total})`,
      });
    }
  }
  const inPlan = new Set(operations.map((op) => op.order));
  const reported = new Set(progress.map((e) => e.order));
  model.orders.forEach((order, o) => {
    if (!inPlan.has(order.id) && !reported.has(order.id)) return;
    for (const op of routings.get(order.item)?.operations ?? []) {
      const key = operationKey(order.id, op.id);
      if (!parts.has(key) && !done.has(key)) problems.push({ path: formatPath(["orders", o]), message: `operation "${op.id}" of order "${order.id}" is neither done nor in schedule.operations` });
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
