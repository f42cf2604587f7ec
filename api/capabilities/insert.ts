import { z } from "zod";
import { protectRequest, replanRequest, searchSeconds, withSearchedOptions } from "../../solver/insert/searched-options.ts";
import type { ScheduleSearchResult } from "../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../solver/schedule/to-response.ts";
import { InsertBody, InsertResponse } from "../../src/insert.ts";
import type { InsertRequest } from "../../src/insert.ts";
import type { HarmLimits } from "../../solver/schedule/search-schedule.ts";
import type { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import type { RunContext } from "../capability.ts";
import { defineCapability } from "../capability.ts";
import { withCurrentPlan } from "../current-plan.ts";
import { parallelSearch } from "../parallel-search.ts";

/** Slack past the request's time limit before the pool stops the task (the trade-off plans stop at the limit). */
const SLACK_MS = 10_000;

/** One searched option (issue 15) on `workers` seeds, as /v1/schedule searches; its progress is tagged with the option. */
async function searched(option: string, request: ScheduleRequest, harmLimits: HarmLimits | undefined, workers: number, context: RunContext): Promise<ScheduleResponse> {
  const { onProgress, ...rest } = context;
  const tagged: RunContext = onProgress === undefined ? rest : { ...rest, onProgress: (report: unknown) => onProgress({ option, ...(report as object) }) };
  const { seed, timeLimitSeconds } = request.options;
  const outcome = await parallelSearch<ScheduleSearchResult>("schedule-search", (s) => ({ request, seed: s, ...(harmLimits ? { harmLimits } : {}) }), { seed, workers, timeLimitSeconds }, tagged);
  return toScheduleResponse(request, outcome.best, { elapsedMs: outcome.elapsedMs, workers: outcome.workers });
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
  async run(body, context): Promise<InsertResponse> {
    const planned = await withCurrentPlan(body, context);
    const { baseSchedule } = planned;
    if (!planned.ok) return { status: "infeasible", reason: `no plan for the confirmed orders: ${planned.reason}`, options: [], solver: { elapsedMs: 0 }, baseSchedule };
    const request: InsertRequest = planned.request;
    const { pool, signal } = context;
    const started = performance.now();
    const budgetMs = body.options.timeLimitSeconds * 1000 + SLACK_MS;
    const shiftOnly = await pool.run<InsertResponse>("insert", request, { budgetMs, signal });
    if (!request.options.replan || shiftOnly.status !== "feasible") return { ...shiftOnly, baseSchedule };
    const workers = request.options.workers ?? pool.threads;
    const seconds = searchSeconds(request.options.timeLimitSeconds);
    const protect = protectRequest(request, shiftOnly.options.at(-1)!, seconds.protect);
    const [replan, safer] = await Promise.all([
      searched("re-plan", replanRequest(request, seconds.replan), undefined, workers, context),
      searched("protect-confirmed", protect.request, protect.harmLimits, workers, context),
    ]);
    const answer = withSearchedOptions(request, shiftOnly, replan, safer);
    return { ...answer, solver: { elapsedMs: performance.now() - started }, baseSchedule };
  },
});
