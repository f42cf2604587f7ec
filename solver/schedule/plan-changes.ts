/**
 * What a plan changes against the plan the shop works to (issue 15): every operation the plan decides
 * (state `planned`: not running, not frozen) that the reference also has, and that now runs on another
 * resource or unit or starts more than the tolerance earlier or later. Done, running and frozen operations
 * are facts or promises kept, never changes; operations of new orders have nothing to change from.
 */
import type { PlanChanges, ScheduledOperation } from "../../src/schedule.ts";
import { DEFAULT_MOVE_TOLERANCE_MINUTES } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import { planKey } from "./freeze-plan.ts";

/** @param toleranceMinutes elapsed minutes a start may move unchanged (options.moveToleranceMinutes) */
export function compareToReference(reference: readonly ScheduledOperation[], plan: readonly ScheduledOperation[], toleranceMinutes: number): PlanChanges {
  const before = new Map(reference.map((op) => [planKey(op.order, op.operation, op.part), op]));
  const operations: PlanChanges["operations"] = [];
  for (const op of plan) {
    const was = op.state === "planned" ? before.get(planKey(op.order, op.operation, op.part)) : undefined;
    if (was === undefined) continue;
    const moved = Math.abs(parseDateTime(op.start)! - parseDateTime(was.start)!) > toleranceMinutes;
    if (!moved && op.resource === was.resource && op.unit === was.unit) continue;
    operations.push({
      order: op.order,
      operation: op.operation,
      before: { resource: was.resource, unit: was.unit, start: was.start },
      after: { resource: op.resource, unit: op.unit, start: op.start },
    });
  }
  return { count: operations.length, operations };
}

/** The changes of a /v1/schedule answer against its request's reference. */
export function planChanges(request: { reference?: { operations: ScheduledOperation[] } | undefined; options: { moveToleranceMinutes?: number | undefined } }, plan: readonly ScheduledOperation[]): PlanChanges {
  return compareToReference(request.reference?.operations ?? [], plan, request.options.moveToleranceMinutes ?? DEFAULT_MOVE_TOLERANCE_MINUTES);
}
