/**
 * Work budgets of the job-shop search. As for the plant scheduler (schedule/search-budget.ts), a search
 * gets a fixed amount of work, not a wall-clock time, so the same seed gives the same plan on any machine
 * and under any load; the wall clock is only a safety deadline. Work units are the job-shop search's own:
 * an iteration costs the operations it evaluates plus a few units per estimated move (tabu-jobshop.ts).
 *
 * Calibration (JOBSHOP_RATE): units per second of one search process on the reference machine (the 2-core
 * build machine), measured as the budget divided by the search time ("time s" in `npm run bench:jobshop`)
 * over the Taillard-sized and Brandimarte instances while the machine was shared (load average 8–17 from
 * other work), taking a low value so that the work budget, not the safety deadline, ends most searches
 * there. An idle machine does the same work sooner: the same plan, a shorter wait.
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
