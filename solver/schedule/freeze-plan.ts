/**
 * The frozen part of a plan (the handbooks' frozen horizon): operations that have started (running) or
 * start before `frozenUntil` keep resource, unit and times in every re-plan; done ones are history, and
 * operations reported running follow their progress instead. The rest of the plan is free to move: only
 * later in rush insertion (see solver/insert/right-shift.ts), anywhere after the fence when /v1/schedule
 * re-plans against a reference.
 */
import type { FrozenOperation } from "./compile-problem.ts";
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

/**
 * @param frozenUntil minutes since the epoch
 * @param path JSON path of the plan's operations, to name a frozen one that cannot be kept (422)
 */
export function freezePlan(operations: readonly ScheduledOperation[], progress: readonly ProgressEntry[], frozenUntil: number, path = "schedule.operations"): FrozenPlan {
  const reported = new Set(progress.map((p) => operationKey(p.order, p.operation)));
  const frozen: FrozenOperation[] = [];
  const free: FrozenPlan["free"] = [];
  let latestEnd = -Infinity;
  operations.forEach((op, i) => {
    if (reported.has(operationKey(op.order, op.operation))) return;
    const start = minutes(op.start);
    const end = minutes(op.end);
    latestEnd = Math.max(latestEnd, end);
    if (op.state === "running" || start < frozenUntil) {
      frozen.push({ order: op.order, operation: op.operation, part: op.part ?? 0, resource: op.resource, unit: op.unit, start, end, changeover: op.changeoverMinutes, path: `${path}[${i}]` });
    } else free.push({ operation: op, start, end });
  });
  return { frozen, free, latestEnd };
}
