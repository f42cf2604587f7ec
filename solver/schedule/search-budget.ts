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
 */
export const DECODE_RATE = { continuous: 5_000_000, calendars: 700_000 } as const;

/** Share of the time limit the calibrated work aims at, leaving room for construction and the response. */
const TARGET_SHARE = 0.8;
/** Share of the time limit after which a search stops whatever its budget ("timedout"). */
const DEADLINE_SHARE = 0.9;

export function budgetFor(timeLimitSeconds: number, size: ProblemSize): SearchBudget {
  const rate = size.calendars ? DECODE_RATE.calendars : DECODE_RATE.continuous;
  // Construction costs about as much as a few decodes; it is taken off the budget.
  const workUnits = Math.max(0, Math.floor(timeLimitSeconds * TARGET_SHARE * rate) - 20 * size.operations);
  // The safety deadline leaves a tenth of the limit for building the response and the pool's round trip.
  return { workUnits, deadlineMs: timeLimitSeconds * 1000 * DEADLINE_SHARE };
}
