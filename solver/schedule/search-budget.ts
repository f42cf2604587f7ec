/**
 * Deterministic search budgets. A wall-clock limit alone would make results depend on the machine's speed
 * and load; instead a search may decode a fixed number of operations ("work units"), calibrated on the
 * reference machine so that the work takes about the requested time. The wall-clock deadline is only a
 * safety net: when it trips first the search reports "timedout" with its best schedule so far.
 */

/** Search effort: decoded operations, and the safety deadline in ms from the search's start. */
export interface SearchBudget {
  workUnits: number;
  deadlineMs: number;
  /** Optional cap on improvement iterations, for runs that must be reproducible on any machine. */
  maxIterations?: number;
}

/** The size that sets the cost of one decoded operation. */
export interface ProblemSize {
  /** Operations to schedule. */
  operations: number;
  /** True when resources have calendars (each placement then queries them), false for benchmarks. */
  calendars: boolean;
}

/**
 * Decoded operations per second on the reference machine (one core of the 2-core build machine, measured
 * with `npm run bench:jobshop` and bench/schedule.bench.ts while the machine was shared, load average about 10),
 * for continuous time and for calendars. A work unit is one decoded operation; an iteration adds a fixed 150.
 * The calendar rate is set well below the demo steel plant's measured ~1,000,000 units/s on a quiet machine,
 * so the work budget, not the wall-clock safety net, ends a default search even on a busy machine: that is
 * what keeps "same seed and workers → same plan" true in practice.
 * An idle machine does the same work sooner, which keeps results identical and only shortens the wait.
 *
 * Large plans (more than LARGE_PLAN_OPERATIONS) spend their budget on whole dispatching rounds
 * (lns-dispatch.ts, charged DISPATCH_COST decodes each), which run at their own rate: `largePlan`, calibrated
 * (issue 20) with `npm run bench:plant-scale` (one search, 10 s and 60 s) on the quiet reference machine (load
 * average about 1): the rounds ran at 5.5–5.8 M units/s on 10,000 orders × 5 operations and about 4 M on
 * 50,000 orders × 5, so at 4 M a search works for about 60 % of its limit on the first and 80–90 % on the
 * second, and stays inside the safety deadline on both. (Set first at 1.0 M from runs at load average 6–14,
 * where the rounds ran at 1.0–1.8 M: 60 s searches then stopped after 9–12 s on a quiet machine.) On a machine
 * that busy a large plan's search reaches the safety deadline and answers "timedout" with its best plan so
 * far; `maxIterations` gives the same plan on any machine.
 */
export const DECODE_RATE = { continuous: 5_000_000, calendars: 700_000, largePlan: 4_000_000 } as const;

/** Operations above which a plan is large: only the plain rule constructs, and dispatching rounds search instead of the tabu search. */
export const LARGE_PLAN_OPERATIONS = 5000;

/** Share of the time limit the calibrated work aims at, leaving room for construction and the response. */
const TARGET_SHARE = 0.8;
/** Share of the time limit after which a search stops whatever its budget ("timedout"). */
const DEADLINE_SHARE = 0.9;

export function budgetFor(timeLimitSeconds: number, size: ProblemSize): SearchBudget {
  const rate = !size.calendars ? DECODE_RATE.continuous : size.operations > LARGE_PLAN_OPERATIONS ? DECODE_RATE.largePlan : DECODE_RATE.calendars;
  // Construction costs about as much as a few decodes; it is taken off the budget.
  const workUnits = Math.max(0, Math.floor(timeLimitSeconds * TARGET_SHARE * rate) - 20 * size.operations);
  // The safety deadline leaves a tenth of the limit for building the response and the pool's round trip.
  return { workUnits, deadlineMs: timeLimitSeconds * 1000 * DEADLINE_SHARE };
}
