/**
 * Choosing among independent searches: best lexicographic objective, those without a plan (infeasible, or
 * stopped before a first plan; their objective is empty) last, ties to the lowest index.
 */
import { compareObjectives } from "./objective.ts";
import type { SearchResult } from "./search-problem.ts";

export function pickBest<T extends Pick<SearchResult, "objective">>(results: readonly T[]): T {
  if (results.length === 0) throw new Error("pickBest needs at least one result");
  const hasPlan = (r: T) => r.objective.length > 0;
  let best = results[0]!;
  for (const r of results.slice(1)) {
    if (!hasPlan(best) && hasPlan(r)) best = r;
    else if (hasPlan(r) && hasPlan(best) && compareObjectives(r.objective, best.objective) < 0) best = r;
  }
  return best;
}
