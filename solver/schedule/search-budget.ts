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
 * Work units per second on the reference machine (one core of the 2-core build machine), for continuous time
 * and for calendars. A work unit is the placement of a plain operation (decode-cost.ts weighs the others); an
 * iteration adds a fixed 150.
 * The calendar rate was measured (issue 20) with `npm run bench:calibration`: one default 5 s search on each
 * demo plant and on generated plants of 500 to 5,000 operations (plain, shop-floor rules, pools), ended on its
 * work budget with the safety deadline lifted, timed by CPU (what a search takes with a core to itself). The
 * plants ran at 4.5–6.4 M units/s (the 14-operation appliance plant at 9.2 M; shorter searches run slower, as
 * compiling, constructing and the JIT's warm-up weigh more), so at 3.6 M a 5 s search works for 45–65 % of its
 * limit on a quiet machine (the steel demo about 55 %), and the slowest stays clear of the safety deadline at
 * 90 %. (It was 700,000 before, set from runs on a machine at load average 10: default searches then worked
 * for 7–25 % of their limit.) A machine busy enough to slow a search by a third or more makes the slowest
 * plants reach the safety deadline ("timedout", the best plan so far): the work budget, not the wall clock, is
 * what keeps "same seed and workers → same plan" true, and `maxIterations` gives the same plan on any machine.
 *
 * Large plans (more than LARGE_PLAN_OPERATIONS) spend their budget on whole dispatching rounds
 * (lns-dispatch.ts, charged DISPATCH_COST decodes each) and, once the rounds stall, on windows of exact moves
 * (large-plan-search.ts, charged to match the rounds' rate per CPU second), at their own rate: `largePlan`, calibrated
 * (issue 20) with `npm run bench:plant-scale` (one search, 10 s and 60 s) on the quiet reference machine (load
 * average about 1): the rounds ran at 5.5–5.8 M units/s on 10,000 orders × 5 operations and about 4 M on
 * 50,000 orders × 5, so at 4 M a search works for about 60 % of its limit on the first and 80–90 % on the
 * second, and stays inside the safety deadline on both. (Set first at 1.0 M from runs at load average 6–14,
 * where the rounds ran at 1.0–1.8 M: 60 s searches then stopped after 9–12 s on a quiet machine.) On a machine
 * that busy a large plan's search reaches the safety deadline and answers "timedout" with its best plan so
 * far; `maxIterations` gives the same plan on any machine.
 */
export const DECODE_RATE = { continuous: 5_000_000, calendars: 3_600_000, largePlan: 4_000_000 } as const;

/** Operations above which a plan is large: only the plain rule constructs, and dispatching rounds and windows (large-plan-search.ts) search instead of the tabu search. */
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
