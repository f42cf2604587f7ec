/** Choosing among independent searches: best lexicographic objective, infeasible last, ties to the lowest index. */
import { compareObjectives } from "./objective.ts";
import type { SearchResult } from "./search-problem.ts";

export function pickBest<T extends SearchResult>(results: readonly T[]): T {
  if (results.length === 0) throw new Error("pickBest needs at least one result");
  let best = results[0]!;
  for (const r of results.slice(1)) {
    if (best.schedule === null && r.schedule !== null) best = r;
    else if (r.schedule !== null && best.schedule !== null && compareObjectives(r.objective, best.objective) < 0) best = r;
  }
  return best;
}
