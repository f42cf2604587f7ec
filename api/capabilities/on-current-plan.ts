/**
 * `run` of rush insertion and order review (current-plan.ts says how their plan is found): the confirmed
 * orders' base searches run first when the request brings no plan, then the insert or review task gets the
 * request text and the best base search. The text is copied into shared memory once for all of them.
 */
import type { Answer, RunContext } from "../capability.ts";
import type { BaseSearch } from "../current-plan.ts";
import type { JsonBody } from "../json-body.ts";
import { sharedJsonBody } from "../json-body.ts";
import { searchRequestText } from "../parallel-search.ts";

/** The insertion or review itself, once its plan is known; the task sets its own time limit from the request. */
export const TASK_BUDGET_MS = 60_000;

/** The request's text in shared memory and the best base search (none when the request brings its plan). */
export async function withBaseSearch(request: JsonBody, kind: "insert" | "review", context: RunContext): Promise<{ text: JsonBody; base: BaseSearch | undefined }> {
  const text = sharedJsonBody(request);
  const outcome = await searchRequestText(text, kind, false, context);
  const base = outcome.planGiven ? undefined : { best: outcome.best.result, elapsedMs: outcome.elapsedMs, workers: outcome.workers };
  return { text, base };
}

export function runOnCurrentPlan(kind: "insert" | "review") {
  return async (request: JsonBody, context: RunContext): Promise<Answer> => {
    const { text, base } = await withBaseSearch(request, kind, context);
    const { pool, signal, batch } = context;
    return pool.run<Answer>(kind, { body: text, base, kpis: batch === true }, { budgetMs: TASK_BUDGET_MS, signal, batch });
  };
}
