/**
 * `run` of rush insertion and order review (current-plan.ts says how their plan is found): the confirmed
 * orders' base searches run first when the request brings no plan, then the insert or review task gets the
 * request text and the best base search. The text is copied into shared memory once for all of them.
 */
import type { Answer, RunContext } from "../capability.ts";
import type { JsonBody } from "../json-body.ts";
import { sharedJsonBody } from "../json-body.ts";
import { searchRequestText } from "../parallel-search.ts";

/** The insertion or review itself, once its plan is known; its own time limit is set by the task. */
const TASK_BUDGET_MS = 60_000;

export function runOnCurrentPlan(kind: "insert" | "review") {
  return async (request: JsonBody, context: RunContext): Promise<Answer> => {
    const text = sharedJsonBody(request);
    const outcome = await searchRequestText(text, kind, false, context);
    const base = outcome.planGiven ? undefined : { best: outcome.best.result, elapsedMs: outcome.elapsedMs, workers: outcome.workers };
    const { pool, signal, batch } = context;
    return pool.run<Answer>(kind, { body: text, base, kpis: batch === true }, { budgetMs: TASK_BUDGET_MS, signal, batch });
  };
}
