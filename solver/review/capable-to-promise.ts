/**
 * Capable-to-promise: the earliest completion of an order at finite capacity that makes no confirmed order
 * late (or later, if it is late already) than in the current plan as given — the order inserted into it with
 * no harm beyond what the plan takes re-timed from now before the insertion (insert-rush-order.ts), starting
 * no earlier than its material and engineering allow (its release). The capacity that binds is where the order waits: per resource, the elapsed minutes its operations wait after
 * they are ready and the resource's calendar is working, i.e. for a unit to be free.
 */
import type { InsertionInput, PreparedInsertion } from "../insert/prepare-insertion.ts";
import { baselineHarm, harmLimits } from "../insert/insert-rush-order.ts";
import type { PlanState } from "../insert/insert-rush-order.ts";
import { insertJobs, withHorizon } from "../insert/plan-rush-insertion.ts";
import { FREE } from "../schedule/problem.ts";

export interface CapacityWait {
  resource: string;
  waitMinutes: number;
}

export type PromiseOutcome =
  | { ok: true; prepared: PreparedInsertion; state: PlanState; completion: number; waits: CapacityWait[] }
  | { ok: false; reason: string };

/** @param input the confirmed orders' plan and the one order to promise in `inserted` */
export function capableToPromise(input: InsertionInput): PromiseOutcome {
  const result = withHorizon(input, (prepared) => {
    const limits = harmLimits(prepared);
    return insertJobs(prepared, prepared.insertedJobs, { kind: "tolerance", tolerance: baselineHarm(prepared, limits) }, limits);
  });
  if (!result.ok) return result;
  const { prepared, value: state } = result;
  const p = prepared.compiled.problem;
  const job = p.jobs[prepared.insertedJobs[0]!]!;
  const waits = new Map<string, number>();
  for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) {
    if (p.opState[op] !== FREE) continue;
    const resource = p.resources[p.machineResource[state.sequencing.machineOf[op]!]!]!;
    const ready = prepared.shifter.jobReady(op, state.timing);
    const wait = state.timing.start[op]! - (resource.calendar?.nextWorkingInstant(ready) ?? ready);
    if (wait > 0) waits.set(resource.id, (waits.get(resource.id) ?? 0) + wait);
  }
  return {
    ok: true,
    prepared,
    state,
    completion: state.timing.end[job.firstOp + job.opCount - 1]!,
    waits: [...waits].map(([resource, waitMinutes]) => ({ resource, waitMinutes })).sort((a, b) => b.waitMinutes - a.waitMinutes),
  };
}
