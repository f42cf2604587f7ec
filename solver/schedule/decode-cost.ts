/**
 * What one decode costs in the search's work units (search-budget.ts). A work unit is the placement of a plain
 * operation; operations whose placement does more are weighted by what it costs, so that a budget of work
 * units takes about the same time whatever the plan holds. The weights are measured with `npm run
 * bench:calibration` (CPU time per unit against the plain benchmark plant's, one search, quiet machine):
 * - shop-floor rules (issue 16: parts, transfer batches, maximum waits, unbroken stretches): the plant with half
 *   of its operations overlapping and a fifth split decodes at half the plain plant's rate: 2 per operation;
 * - pools (issue 21): an operation that needs a pool is placed where the pools' load has room, and placed again
 *   when the load has grown since it was queued: with every operation pooled the plant decodes at a fifth of
 *   the plain rate, 3.5 more per pooled operation;
 * - re-timing (issue 20's incremental evaluation, incremental-decode.ts) costs 1.6 per operation re-placed: it
 *   keeps a heap, a stamp and an undo log that a full decode does not.
 */
import type { SchedulingProblem } from "./problem.ts";
import { FREE } from "./problem.ts";

export const PLACEMENT_COST = { plain: 1, shopFloor: 2, pooledExtra: 3.5, retimed: 1.6 } as const;

/** Work units of one full decode of the problem's free operations (at least 1). */
export function decodeCost(problem: SchedulingProblem): number {
  const base = problem.rules === null ? PLACEMENT_COST.plain : PLACEMENT_COST.shopFloor;
  const pools = problem.pools ?? null;
  let cost = 0;
  for (let op = 0; op < problem.opCount; op++) {
    if (problem.opState[op] !== FREE) continue;
    cost += base;
    if (pools !== null && pools.reqStart[op + 1]! > pools.reqStart[op]!) cost += PLACEMENT_COST.pooledExtra;
  }
  return Math.max(1, Math.round(cost));
}

/** Work units of an incremental re-timing that re-placed `replaced` operations. */
export function retimeCost(replaced: number): number {
  return Math.round(PLACEMENT_COST.retimed * replaced);
}
