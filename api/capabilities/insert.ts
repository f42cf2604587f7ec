import { performance } from "node:perf_hooks";
import { z } from "zod";
import { SEARCHED_OPTIONS } from "../../solver/insert/searched-options.ts";
import { pickBest } from "../../solver/schedule/pick-best.ts";
import type { ScheduleSearchResult } from "../../solver/schedule/search-schedule.ts";
import { InsertBody, InsertResponse } from "../../src/insert.ts";
import type { Answer, RunContext } from "../capability.ts";
import { defineCapability } from "../capability.ts";
import type { BaseSearch } from "../current-plan.ts";
import type { InsertStep } from "../insert-tasks.ts";
import type { JsonBody } from "../json-body.ts";
import { sharedJsonBody } from "../json-body.ts";
import { TASK_BUDGET_MS, withBaseSearch } from "./on-current-plan.ts";

/** Slack past a search's own deadline before the pool asks it to stop. */
const SEARCH_SLACK_MS = 1000;

/**
 * After the shift-only plans (insert-tasks.ts, step 1): re-plan and protect-confirmed's search, each on
 * `workers` seeds at once as /v1/schedule searches, progress tagged with the option and seed; then the answer
 * with the best of each (step 3).
 */
async function withSearches(text: JsonBody, base: BaseSearch | undefined, step: InsertStep & { searches: NonNullable<InsertStep["searches"]> }, context: RunContext): Promise<Answer> {
  const { pool, signal, batch, onProgress } = context;
  const { seed, seconds } = step.searches;
  const workers = step.searches.workers ?? (batch ? pool.batchThreads : pool.threads);
  const shiftOnly = sharedJsonBody(step.body);
  const started = performance.now();
  const searches = SEARCHED_OPTIONS.map(async (option) => {
    const limitMs = (option === "re-plan" ? seconds.replan : seconds.protect) * 1000;
    const results = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        pool.run<ScheduleSearchResult>("insert-search", { body: text, base, shiftOnly, option, seed: seed + i }, {
          budgetMs: limitMs + SEARCH_SLACK_MS,
          signal,
          batch,
          onProgress: onProgress && ((report: unknown) => onProgress({ option, seed: seed + i, ...(report as object) })),
        }),
      ),
    );
    return pickBest(results);
  });
  const [replan, protect] = await Promise.all(searches);
  const best = { "re-plan": replan!, "protect-confirmed": protect! };
  const input = { body: text, base, kpis: batch === true, shiftOnly, best, searchMs: performance.now() - started, workers };
  return pool.run<Answer>("insert-searched", input, { budgetMs: TASK_BUDGET_MS, signal, batch });
}

export const insert = defineCapability({
  command: "insert",
  url: "/v1/schedule/insert",
  summary: "Insert rush orders into the current plan (紧急插单)",
  description:
    "Takes the factory model, its current plan (`schedule`, e.g. an earlier /v1/schedule response as it is), `rushOrders`, `now` and `frozenUntil`. " +
    "Without `schedule`, the confirmed orders are first scheduled from `now` as /v1/schedule would (`options.seed`, `workers`, `maxIterations`, " +
    "`baseScheduleSeconds` as its time limit) and the rush orders are inserted into that plan; `baseSchedule` says which happened. " +
    "Operations running or starting before `frozenUntil` keep resource, unit and times in every plan. `fastest` (earliest rush completion; never later " +
    "than appending the rush orders at the end of every queue) and the `allow-N-late` trade-off plans keep confirmed work on its unit and order and " +
    "only shift it later; `re-plan` re-plans everything after the fence by the scheduling search against the current plan (weighted tardiness, " +
    "rush orders at their own priority, then the fewest changes; three quarters of `timeLimitSeconds`, on `workers` seeds); `protect-confirmed` " +
    "harms no confirmed order (none finishes after both its due date and its current completion) and may move work earlier or to other units " +
    "(a search of a quarter of the time limit from the shift-only plan). Harm is weighted by priority. The options are fastest, protect-confirmed and " +
    "the plans in between that no other beats on all of latest rush promise, weighted harm and changes; each has its promise dates, schedule, " +
    "impact per delayed order with its priority, weighted harm, changes against the current plan and KPIs. Progress of the searches is reported " +
    "per option. Wrong references (in the plan, rush orders or progress) are a 422 naming their paths.",
  request: InsertBody,
  response: InsertResponse,
  spreadsheet: {
    what: "the chosen option's dispatch list",
    query: z.object({
      option: z.string().min(1).max(100).optional().describe("Spreadsheet answers: the option to export (fastest, re-plan, protect-confirmed, allow-N-late); default the first, fastest"),
    }),
  },
  async run(request, context) {
    const { text, base } = await withBaseSearch(request, "insert", context);
    const { pool, signal, batch } = context;
    const step = await pool.run<InsertStep>("insert", { body: text, base, kpis: batch === true }, { budgetMs: TASK_BUDGET_MS, signal, batch });
    if (step.searches === undefined) return step;
    return withSearches(text, base, { ...step, searches: step.searches }, context);
  },
});
