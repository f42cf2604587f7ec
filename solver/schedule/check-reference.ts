/**
 * Semantic checks of a plan given back to the scheduler (a reference plan, issue 15; the current plan of rush
 * insertion and order review): every operation must name a known order, one of its routing's operations and
 * one of that operation's resources with an existing unit, appear once (once per part, issue 16: the parts
 * of an operation numbered 0 … n − 1 and making the order's quantity), not end before it starts, and not
 * overlap another operation of the plan on its unit. Each problem names the operation's JSON path.
 */
import { checkSpan } from "../../src/check-limits.ts";
import type { FactoryModel } from "../../src/factory.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import { operationKey, planKey } from "./freeze-plan.ts";

/** @param path where the operations are in the request, e.g. ["reference", "operations"] */
export function checkPlanOperations(model: FactoryModel, operations: readonly ScheduledOperation[], path: ReadonlyArray<string>): Problem[] {
  const problems: Problem[] = [];
  const orders = new Map(model.orders.map((o) => [o.id, o]));
  const routings = new Map(model.routings.map((r) => [r.item, r]));
  const units = new Map(model.resources.map((r) => [r.id, r.units]));
  // On a batch resource (issue 21) the members of a batch share their unit: same start, same end.
  const batching = new Set(model.resources.filter((r) => r.batch !== undefined).map((r) => r.id));
  const seen = new Map<string, number>();
  const onUnit = new Map<string, number[]>();
  // Parts of each planned operation: their quantities, by part.
  const parts = new Map<string, Array<{ part: number; quantity: number; at: number }>>();
  operations.forEach((op, i) => {
    const at = (field: string) => formatPath([...path, i, field]);
    const order = orders.get(op.order);
    if (order === undefined) return problems.push({ path: at("order"), message: `unknown order "${op.order}" (not among orders)` });
    const operation = routings.get(order.item)?.operations.find((o) => o.id === op.operation);
    if (operation === undefined) return problems.push({ path: at("operation"), message: `order "${op.order}" has no operation "${op.operation}"` });
    const key = planKey(op.order, op.operation, op.part);
    const first = seen.get(key);
    if (first !== undefined) {
      const what = op.part === undefined ? `operation "${op.operation}"` : `part ${op.part} of operation "${op.operation}"`;
      problems.push({ path: formatPath([...path, i]), message: `${what} of order "${op.order}" is planned twice (first at ${formatPath([...path, first])})` });
    }
    seen.set(key, i);
    const list = parts.get(operationKey(op.order, op.operation)) ?? [];
    list.push({ part: op.part ?? 0, quantity: op.quantity ?? order.quantity, at: i });
    parts.set(operationKey(op.order, op.operation), list);
    if (!operation.resources.includes(op.resource)) {
      problems.push({ path: at("resource"), message: `resource "${op.resource}" is not an alternative of operation "${op.operation}"` });
    } else if (op.unit >= (units.get(op.resource) ?? 1)) {
      problems.push({ path: at("unit"), message: `resource "${op.resource}" has ${units.get(op.resource) ?? 1} unit(s), numbered from 0` });
    } else {
      const unit = `${op.resource}\u0000${op.unit}`;
      onUnit.set(unit, [...(onUnit.get(unit) ?? []), i]);
    }
    if (op.end < op.start) problems.push({ path: at("end"), message: "ends before it starts" });
    return undefined;
  });
  for (const [key, list] of parts) {
    const quantity = orders.get(key.split("\u0000")[0]!)!.quantity;
    const total = list.reduce((sum, x) => sum + x.quantity, 0);
    if (!list.every((x) => x.part < list.length) || Math.abs(total - quantity) > 1e-6 * Math.max(1, quantity)) {
      problems.push({
        path: formatPath([...path, list[list.length - 1]!.at]),
        message: `the parts of this operation must be numbered 0 … ${list.length - 1} and make the order's quantity ${quantity} (they make ${total})`,
      });
    }
  }
  const start = operations.map((op) => parseDateTime(op.start)!);
  for (const list of onUnit.values()) {
    list.sort((a, b) => start[a]! - start[b]! || a - b);
    for (let k = 1; k < list.length; k++) {
      const [a, b] = [operations[list[k - 1]!]!, operations[list[k]!]!];
      const batched = batching.has(b.resource) && a.start === b.start && a.end === b.end;
      if (start[list[k]!]! < parseDateTime(a.end)! && !batched) {
        problems.push({ path: formatPath([...path, list[k]!]), message: `overlaps ${formatPath([...path, list[k - 1]!])} ("${a.operation}" of order "${a.order}", until ${a.end}) on unit ${b.unit} of "${b.resource}"` });
      }
    }
  }
  return problems;
}

/** A plan's start and end times within MAX_HORIZON_DAYS of `anchor` (the plan start): its span is compiled as calendars. */
export function checkPlanDatesNear(anchor: number, operations: readonly ScheduledOperation[], path: ReadonlyArray<string>): Problem[] {
  const problems: Problem[] = [];
  operations.forEach((op, i) => {
    for (const field of ["start", "end"] as const) {
      const t = parseDateTime(op[field])!;
      problems.push(...checkSpan(Math.min(anchor, t), Math.max(anchor, t), formatPath([...path, i, field]), `from planStart to this ${field}`));
    }
  });
  return problems;
}
