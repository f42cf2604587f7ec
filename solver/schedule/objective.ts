/**
 * The lexicographic objective. `tardiness`: [Σ weight × minutes late, Σ completion − origin, Σ changeover], minutes
 * late counted against the job's target (its due date less its due-date buffer, issue 16) and again past its due date;
 * `makespan`: [last completion − origin, Σ completion − origin, Σ changeover]. Re-planning against a reference
 * with minimal change (issue 15) puts the number of changed operations second: [first, changes, Σ completion,
 * Σ changeover]; protecting confirmed orders puts their harm before everything: [Σ weight × minutes past the
 * harm limit, …]. Every component is a whole number (integer work on integer calendars), so comparisons are exact.
 */
import type { ProblemJob, SchedulingProblem } from "./problem.ts";

export type Objective = number[];

/** Negative when a is better than b, 0 when equal, positive when worse. */
export function compareObjectives(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Weighted minutes late of a job completing at c: past its target (due − buffer), and once more past its due
 * date, so that a plan eats into a buffer before it lets an order be late to its customer.
 */
export function jobTardiness(job: ProblemJob, c: number): number {
  const late = Math.max(0, c - job.target);
  return job.weight * (job.target < job.due ? late + Math.max(0, c - job.due) : late);
}

/** The objective of job completion times, total changeover and the number of changes against the reference. */
export function objectiveOf(problem: SchedulingProblem, completion: Float64Array, changeover: number, changes = 0): Objective {
  let tardiness = 0;
  let sum = 0;
  let last = 0;
  let harm = 0;
  const limit = problem.stability?.harmLimit ?? null;
  problem.jobs.forEach((job, j) => {
    const c = completion[j]! - problem.origin;
    sum += c;
    if (c > last) last = c;
    tardiness += jobTardiness(job, completion[j]!);
    if (limit !== null && completion[j]! > limit[j]!) harm += job.weight * (completion[j]! - limit[j]!);
  });
  const first = problem.objective === "tardiness" ? tardiness : last;
  const objective = problem.stability?.counted ? [first, changes, sum, changeover] : [first, sum, changeover];
  if (limit !== null) objective.unshift(harm);
  return objective;
}

/** Index of the tardiness (or makespan) component: 1 when harm comes first. */
export function firstGoal(problem: SchedulingProblem): number {
  return problem.stability?.harmLimit ? 1 : 0;
}
