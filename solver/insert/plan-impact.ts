/**
 * The impact of a re-plan on the confirmed orders: which complete later than in the current plan and by
 * how much, which of them were on time and are late now, how many are harmed (late and later than
 * before), and how many of their operations moved (resource, unit or start changed).
 */
import type { OrderImpact } from "../../src/insert.ts";
import { formatDateTime } from "../../src/time.ts";
import { FREE } from "../schedule/problem.ts";
import type { PlanState } from "./insert-rush-order.ts";
import type { PreparedInsertion } from "./prepare-insertion.ts";

export interface PlanImpact {
  /** Orders completing later, most delayed first (ties by order id). */
  impact: OrderImpact[];
  /** Orders late and later than in the current plan. */
  ordersMadeLate: number;
  movedOperations: number;
}

export function planImpact(prepared: PreparedInsertion, state: PlanState): PlanImpact {
  const { compiled, request, insertedJobs, timing: before, planMachine, planStart } = prepared;
  const p = compiled.problem;
  const after = state.timing;
  const inserted = new Set(insertedJobs);
  const impact: OrderImpact[] = [];
  let ordersMadeLate = 0;
  let movedOperations = 0;
  p.jobs.forEach((job, j) => {
    if (inserted.has(j) || job.opCount === 0) return;
    for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) {
      if (p.opState[op] === FREE && (state.sequencing.machineOf[op] !== planMachine[op] || after.start[op] !== planStart[op])) movedOperations++;
    }
    const last = job.firstOp + job.opCount - 1;
    const was = before.end[last]!;
    const now = after.end[last]!;
    if (now > Math.max(job.due, was)) ordersMadeLate++;
    if (now > was) {
      impact.push({
        order: request.orders[compiled.orderOfJob[j]!]!.id,
        before: formatDateTime(was),
        after: formatDateTime(now),
        delayMinutes: now - was,
        becameLate: was <= job.due && now > job.due,
      });
    }
  });
  impact.sort((a, b) => b.delayMinutes - a.delayMinutes || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return { impact, ordersMadeLate, movedOperations };
}
