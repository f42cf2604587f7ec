/**
 * The frozen part of a plan (the handbooks' frozen horizon): operations that have started (running) or
 * start before `frozenUntil` keep resource, unit and times in every re-plan; done ones are history. The
 * rest of the plan is free to move, but only later (see right-shift.ts).
 */
import type { FrozenOperation } from "../schedule/compile-problem.ts";
import type { ProgressEntry, ScheduledOperation } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";

export interface FrozenPlan {
  /** Pinned operations (running progress entries are not repeated here: the compiler pins those itself). */
  frozen: FrozenOperation[];
  /** Operations that may move, with their planned start and end in minutes. */
  free: Array<{ operation: ScheduledOperation; start: number; end: number }>;
  /** The latest end in the plan (−Infinity for an empty plan). */
  latestEnd: number;
}

/** The key of a plan's operation: order, routing operation and part (issue 16; 0 for an operation not split). */
export function planKey(order: string, operation: string, part = 0): string {
  return `${order}\u0000${operation}\u0000${part}`;
}

/** The key of a routing operation of an order, whatever its parts (progress is reported per operation). */
export function operationKey(order: string, operation: string): string {
  return `${order}\u0000${operation}`;
}

function minutes(text: string): number {
  const t = parseDateTime(text);
  if (t === null) throw new RangeError(`not a date-time: ${text}`);
  return t;
}

/** @param frozenUntil minutes since the epoch */
export function freezePlan(operations: readonly ScheduledOperation[], progress: readonly ProgressEntry[], frozenUntil: number): FrozenPlan {
  const reported = new Set(progress.map((p) => operationKey(p.order, p.operation)));
  const frozen: FrozenOperation[] = [];
  const free: FrozenPlan["free"] = [];
  let latestEnd = -Infinity;
  for (const op of operations) {
    if (reported.has(operationKey(op.order, op.operation))) continue;
    const start = minutes(op.start);
    const end = minutes(op.end);
    latestEnd = Math.max(latestEnd, end);
    if (op.state === "running" || start < frozenUntil) {
      frozen.push({ order: op.order, operation: op.operation, part: op.part ?? 0, resource: op.resource, unit: op.unit, start, end, changeover: op.changeoverMinutes });
    } else free.push({ operation: op, start, end });
  }
  return { frozen, free, latestEnd };
}
