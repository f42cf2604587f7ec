/**
 * Lower bounds on the objective, used to stop a search that cannot improve ("optimal"). Each order alone
 * on its fastest alternatives, ignoring capacity and changeovers, finishes no earlier than its chain of
 * operations allows on the calendars (calendar time is monotone, so this bounds every schedule; slices of a
 * split operation may run side by side, and after a transfer batch the next operation may start with it); without
 * calendars the load of every machine bounds the makespan as well (the classic one-machine bound).
 */
import { jobTardiness } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { DONE, FIXED, workMinutes } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";

function jobAloneCompletions(problem: SchedulingProblem): Float64Array {
  const fixedEnd = new Map(problem.fixed.map((f) => [f.op, f.end]));
  const rules = problem.rules;
  return Float64Array.from(problem.jobs, (job) => {
    let start = job.earliest;
    let end = job.earliest;
    let transfer = false;
    // Routing operation by routing operation; slices of a split one may run side by side.
    for (let first = job.firstOp; first < job.firstOp + job.opCount; ) {
      const last = rules === null ? first : rules.partLast[first]!;
      // After a transfer batch the next operation may start as early as its predecessor does.
      const t = first === job.firstOp ? job.earliest : Math.max(job.earliest, (transfer ? start : end) + problem.opMinGap[first]!);
      let stepEnd = t;
      for (let op = first; op <= last; op++) {
        let e: number;
        if (problem.opState[op] === DONE) e = problem.doneEnd[op]!;
        else if (problem.opState[op] === FIXED) e = fixedEnd.get(op)!;
        else {
          let best = Infinity;
          for (let a = problem.altStart[op]!; a < problem.altStart[op + 1]!; a++) {
            const calendar = problem.resources[problem.altResource[a]!]!.calendar;
            // A slice continuing its part pays no setup and may round down.
            const work = rules?.split ? Math.floor(problem.altWork[a]! - rules.setup[op]!) : workMinutes(problem.altWork[a]!, 0);
            const finish = calendar === null ? t + work : calendar.addWorkingMinutes(t, work);
            if (finish !== null) best = Math.min(best, finish);
          }
          e = best === Infinity ? t : best;
        }
        stepEnd = Math.max(stepEnd, e);
      }
      start = t;
      end = stepEnd;
      transfer = rules !== null && rules.transfer[first]! < rules.lot[first]!;
      first = last + 1;
    }
    return end;
  });
}

/** Machine-load bound on the makespan when no resource has a calendar and nothing is fixed, else 0. */
function loadBound(problem: SchedulingProblem): number {
  if (problem.fixed.length > 0 || problem.resources.some((r) => r.calendar !== null || r.changeover !== null)) return 0;
  const load = new Float64Array(problem.resources.length);
  let earliest = Infinity;
  for (const job of problem.jobs) earliest = Math.min(earliest, job.earliest);
  for (let op = 0; op < problem.opCount; op++) {
    if (problem.altStart[op + 1]! - problem.altStart[op]! !== 1) continue;
    const a = problem.altStart[op]!;
    load[problem.altResource[a]!]! += workMinutes(problem.altWork[a]!, 0);
  }
  let bound = 0;
  problem.resources.forEach((r, i) => (bound = Math.max(bound, Math.ceil(load[i]! / r.units))));
  return earliest === Infinity ? 0 : earliest - problem.origin + bound;
}

export function objectiveLowerBound(problem: SchedulingProblem): Objective {
  const completion = jobAloneCompletions(problem);
  let tardiness = 0;
  let sum = 0;
  let last = 0;
  problem.jobs.forEach((job, j) => {
    tardiness += jobTardiness(job, completion[j]!);
    sum += completion[j]! - problem.origin;
    last = Math.max(last, completion[j]! - problem.origin);
  });
  const first = problem.objective === "tardiness" ? tardiness : Math.max(last, loadBound(problem));
  const bound = problem.stability?.counted ? [first, 0, sum, 0] : [first, sum, 0];
  if (problem.stability?.harmLimit) bound.unshift(0);
  return bound;
}

/**
 * Whether an objective meets the bound: the makespan alone for makespan, every component otherwise (against a
 * reference the changes and the harm count too).
 */
export function meetsLowerBound(problem: SchedulingProblem, bound: Objective, objective: Objective): boolean {
  if (problem.objective === "makespan" && !problem.stability) return objective[0]! <= bound[0]!;
  return objective.every((v, i) => v <= bound[i]!);
}
