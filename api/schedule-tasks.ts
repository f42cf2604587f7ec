/**
 * The worker side of scheduling, of the plan rush insertion and order review start from, and of order review
 * (rush insertion's own steps are in insert-tasks.ts): each task parses its request's JSON text itself (the
 * main thread never does), and a search builds its answer where it searched, from the problem it compiled:
 * the response is never compiled a second time, nor built on the event loop.
 *
 * Time: a search's limit counts from the request's arrival (`budgetFrom`), so parsing, checking, compiling
 * and construction all count against it, and the answer, written in a reserve kept at the end, arrives within
 * the limit. A search that could not build a first plan in time answers `timedout` without one, and its
 * `reason` names the option to raise.
 */
import { reviewOrders } from "../solver/review/review-orders.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import type { ScheduleSearchResult } from "../solver/schedule/search-schedule.ts";
import { problemSizeOf, runScheduleSearch } from "../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../solver/schedule/to-response.ts";
import { ModelError } from "../src/errors.ts";
import { InsertBody } from "../src/insert.ts";
import { ReviewBody } from "../src/review.ts";
import type { ReviewResponse } from "../src/review.ts";
import { ScheduleRequest } from "../src/schedule.ts";
import type { ScheduleResponse } from "../src/schedule.ts";
import type { Answer } from "./capability.ts";
import type { BaseSearch, PlanBoundRequest } from "./current-plan.ts";
import { baseScheduleRequest, withCurrentPlan } from "./current-plan.ts";
import { kpiExtractors } from "./jobs/kpis.ts";
import type { JsonBody } from "./json-body.ts";
import { sharedText, toJsonBody } from "./json-body.ts";
import { parseJsonRequest } from "./parse-json.ts";
import type { TaskContext } from "./task-protocol.ts";

/** Which request a search's text is: a schedule, or an insert or review whose confirmed orders it plans first. */
export type SearchedRequest = "schedule" | "insert" | "review";

export interface ScheduleSearchInput {
  body: JsonBody;
  as: SearchedRequest;
  /** 0 for the first search, which says what the request asks for (SearchParsed); seed + index for the others. */
  index: number;
  /** true: answer with the response (schedule); false: with the compact plan (the base plan of insert or review). */
  respond: boolean;
  kpis: boolean;
}

/** What the first search tells the caller once it has parsed the request. */
export interface SearchParsed {
  /** Insert or review with a plan: there is nothing to search. */
  planGiven: boolean;
  seed: number;
  workers?: number | undefined;
  timeLimitSeconds: number;
}

/**
 * One search's outcome, with what the request asks for (also sent ahead as `parsed`, which may arrive after the
 * answer: they travel on different ports). No `result` when an insert or review brings its plan; `head` is the
 * response's JSON text without `solver` and the closing brace (scheduleAnswerText).
 */
export interface ScheduleSearchAnswer {
  parsed: SearchParsed;
  result?: ScheduleSearchResult;
  head?: JsonBody;
  kpis?: Answer["kpis"];
}

/**
 * The time kept at the end of the limit for writing the answer, ms: building the response and its JSON text
 * took 6.5 µs per operation on the benchmark machine under load (1.6 s for 250,000 operations), plus the
 * pool's round trip.
 */
export function answerReserveMs(operations: number): number {
  return 100 + 0.008 * operations;
}

const SEARCH_BODIES = { schedule: ScheduleRequest, insert: InsertBody, review: ReviewBody } as const;

/** The schedule request a search plans, or null when an insert or review request brings its plan. */
function searchedRequest(body: JsonBody, as: SearchedRequest): ScheduleRequest | null {
  if (as === "schedule") return parseJsonRequest(ScheduleRequest, body);
  const request: PlanBoundRequest = parseJsonRequest(SEARCH_BODIES[as], body);
  return request.schedule === undefined ? baseScheduleRequest(request) : null;
}

export function scheduleSearch({ body, as, index, respond, kpis }: ScheduleSearchInput, context: TaskContext): ScheduleSearchAnswer {
  const request = searchedRequest(body, as);
  if (request === null) {
    const parsed: SearchParsed = { planGiven: true, seed: 0, timeLimitSeconds: 0 };
    context.parsed(parsed);
    return { parsed };
  }
  const { seed, workers, timeLimitSeconds, maxIterations } = request.options;
  const parsed: SearchParsed = { planGiven: false, seed, workers, timeLimitSeconds };
  if (index === 0) context.parsed(parsed);
  const size = problemSizeOf(request);
  const reserve = answerReserveMs(size.operations);
  // The hard stop is a safety net for a search that does not stop, not for a busy machine writing a large
  // answer slowly: that answer is better late than a 503.
  context.setDeadline(context.budgetFrom + timeLimitSeconds * 1000 - reserve, 3 * reserve + 2000);
  const budget = { ...budgetFor(timeLimitSeconds, size), ...(maxIterations !== undefined ? { maxIterations } : {}) };
  const { result, compiled } = runScheduleSearch(request, {
    seed: seed + index,
    budget,
    clock: context.clock,
    shouldStop: context.shouldStop,
    onProgress: context.progress,
  });
  const option = as === "schedule" ? "options.timeLimitSeconds" : "options.baseScheduleSeconds";
  const stated = result.status === "timedout" && result.schedule === null ? { ...result, reason: `${result.reason}: raise ${option} (now ${timeLimitSeconds} s)` } : result;
  if (!respond) return { parsed, result: stated };
  // The main thread adds `solver` (it alone knows the whole run's time and workers): the text stops before it.
  const { solver: _solver, ...response } = toScheduleResponse(request, stated, { elapsedMs: 0, workers: 1 }, compiled);
  const text = JSON.stringify(response);
  return {
    parsed,
    result: { ...stated, schedule: null },
    head: sharedText(text.slice(0, -1)),
    ...(kpis ? { kpis: kpiExtractors.schedule!.extract(request, response) } : {}),
  };
}

/** The response text `head` (scheduleSearch) completed with its `solver` statistics. */
export function scheduleAnswerText(head: JsonBody, solver: ScheduleResponse["solver"]): JsonBody {
  return { jsonChunks: [...head.jsonChunks, Buffer.from(`,"solver":${JSON.stringify(solver)}}`, "utf8")] };
}

/** A review's time without changes to an earlier date (their searches add theirs). */
const REVIEW_BUDGET_MS = 60_000;

export function reviewTask({ body, base, kpis }: { body: JsonBody; base?: BaseSearch; kpis: boolean }, context: TaskContext): Answer {
  const request = parseJsonRequest(ReviewBody, body);
  // A change to an earlier date runs a search of options.timeLimitSeconds: the task's time grows with them.
  context.setDeadline(Date.now() + REVIEW_BUDGET_MS + request.changes.length * (request.options.timeLimitSeconds * 1000 + 1000));
  const planned = withCurrentPlan(request, base);
  // A review answers per order and has no status for "no plan at all": the missing plan is the request's problem.
  if (!planned.ok) throw new ModelError([{ path: "schedule", message: `absent, and no plan exists for the confirmed orders: ${planned.reason}` }]);
  const response: ReviewResponse = { ...reviewOrders(planned.request, context.clock), baseSchedule: planned.baseSchedule };
  return { body: toJsonBody(response), ...(kpis ? { kpis: kpiExtractors.review!.extract(request, response) } : {}) };
}
