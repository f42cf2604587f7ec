/**
 * Work budgets of the job-shop search. As for the plant scheduler (schedule/search-budget.ts), a search
 * gets a fixed amount of work, not a wall-clock time, so the same seed gives the same plan on any machine
 * and under any load; the wall clock is only a safety deadline. Work units are the job-shop search's own:
 * an iteration costs the operations it evaluates plus a few units per estimated move (tabu-jobshop.ts).
 *
 * Calibration (JOBSHOP_RATE): units per second of one search process on the reference machine (the 2-core
 * build machine), measured as a fixed budget divided by the search's time on ft10, la21, abz7, ta01, ta21,
 * ta41, mk01, mk06 and mk10 while the machine was shared with other sessions' test runs: about 50 million per
 * second for one search at load average 10 (mk instances alike once a scanned insertion position counts one
 * unit), about 18 million each for two searches at once at load average 16. 35 million puts a 10 s search at
 * 6–9 s of work across that range; at the busiest end the safety deadline (90 %) ends it first ("timedout",
 * the README's job-shop table says how often). An idle machine does the same work sooner: same plan.
 */
import type { SearchBudget } from "../schedule/search-budget.ts";

export const JOBSHOP_RATE = 35_000_000;
/** Share of the time limit the work is calibrated to fill. */
const TARGET_SHARE = 0.8;
/** Share of the time limit after which the search stops whatever its budget ("timedout"). */
const DEADLINE_SHARE = 0.9;

export function jobShopBudget(timeLimitSeconds: number): SearchBudget {
  return { workUnits: Math.floor(timeLimitSeconds * TARGET_SHARE * JOBSHOP_RATE), deadlineMs: timeLimitSeconds * 1000 * DEADLINE_SHARE };
}
