/**
 * Work budgets of the job-shop search. As for the plant scheduler (schedule/search-budget.ts), a search
 * gets a fixed amount of work, not a wall-clock time, so the same seed gives the same plan on any machine
 * and under any load; the wall clock is only a safety deadline. Work units are the job-shop search's own:
 * an iteration costs the operations it evaluates plus a few units per estimated move (tabu-jobshop.ts).
 *
 * Calibration (JOBSHOP_RATE): units per second of one search process on the reference machine (the 2-core
 * build machine) with a core to itself. Measured as a fixed budget (100 million units, no deadline) divided
 * by the search process's CPU time, which is what the search would take on a quiet machine, on ft10, la21,
 * abz7, ta01, ta21, ta41, mk01, mk06 and mk10: 111, 114, 121, 125, 133, 124, 121, 154 and 139 million per
 * second (December 2026, after the incremental re-evaluation; the machine was shared, so wall times were
 * about three times the CPU times). 110 million, the slowest of them, is meant to put a 10 s search at 5.7–8 s
 * of work on a quiet machine; the README's job-shop run (the full 880 million units each) took 4.4–7.3 s of
 * CPU time for the searches that did not end early. The earlier rate, 35 million, had been fitted to wall times at load averages 8–17 and
 * ended a 10 s search after about 3 s of work on a quiet machine. On a busy machine the safety deadline (90 %)
 * ends the search first ("timedout"); an idle machine does the same work in the same plan.
 */
import type { SearchBudget } from "../schedule/search-budget.ts";

export const JOBSHOP_RATE = 110_000_000;
/** Share of the time limit the work is calibrated to fill. */
const TARGET_SHARE = 0.8;
/** Share of the time limit after which the search stops whatever its budget ("timedout"). */
const DEADLINE_SHARE = 0.9;

export function jobShopBudget(timeLimitSeconds: number): SearchBudget {
  return { workUnits: Math.floor(timeLimitSeconds * TARGET_SHARE * JOBSHOP_RATE), deadlineMs: timeLimitSeconds * 1000 * DEADLINE_SHARE };
}
