/**
 * The worker side of rush insertion (issue 6, issue 15), in up to three steps, each parsing the request's
 * text itself (the main thread never does):
 * 1. `insert`: the shift-only plans (fastest, allow-N-late, protect-confirmed). When the request asks for the
 *    searched options too (`options.replan`) and there is a plan to search from, the answer says how to run
 *    them (`searches`) and its text is the shift-only answer they start from;
 * 2. `insert-search`, once per option and seed: re-plan, or protect-confirmed's search from the shift-only
 *    protect-confirmed plan, as one /v1/schedule search, returning its compact result;
 * 3. `insert-searched`: the answer with the best search of each option among the shift-only ones
 *    (withSearchedOptions), written where it is built.
 */
import { planRushInsertion } from "../solver/insert/plan-rush-insertion.ts";
import { SEARCHED_OPTIONS, searchedOptionRequest, searchSeconds, withSearchedOptions } from "../solver/insert/searched-options.ts";
import type { SearchedOptionName } from "../solver/insert/searched-options.ts";
import { budgetFor } from "../solver/schedule/search-budget.ts";
import type { ScheduleSearchResult } from "../solver/schedule/search-schedule.ts";
import { problemSizeOf, runScheduleSearch } from "../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../solver/schedule/to-response.ts";
import { InsertBody } from "../src/insert.ts";
import type { InsertRequest, InsertResponse } from "../src/insert.ts";
import type { Answer } from "./capability.ts";
import type { BaseSearch } from "./current-plan.ts";
import { withCurrentPlan } from "./current-plan.ts";
import { kpiExtractors } from "./jobs/kpis.ts";
import type { JsonBody } from "./json-body.ts";
import { jsonBodyText, toJsonBody } from "./json-body.ts";
import { parseJsonRequest } from "./parse-json.ts";
import type { TaskContext } from "./task-protocol.ts";

/** Slack past the insertion's time limit before the pool stops it (the trade-off plans stop at the limit). */
const INSERT_SLACK_MS = 10_000;

interface InsertInput {
  body: JsonBody;
  base?: BaseSearch | undefined;
  kpis: boolean;
}

/** How the main thread runs the searched options: `workers` seeds from `seed`, each within its option's seconds (searchSeconds). */
export interface InsertSearches {
  seed: number;
  workers?: number | undefined;
  seconds: { replan: number; protect: number };
}

/** The shift-only answer; with `searches`, its text is the input of the searches, not yet the answer. */
export interface InsertStep extends Answer {
  searches?: InsertSearches;
}

/** The request with its plan; step 1 has answered when there was none, so the later steps always have one. */
function plannedRequest(request: InsertBody, base: BaseSearch | undefined): InsertRequest {
  const planned = withCurrentPlan(request, base);
  if (!planned.ok) throw new TypeError("an insertion search without a plan to search from");
  return planned.request;
}

function withKpis(request: InsertBody, response: InsertResponse, kpis: boolean): Answer {
  return { body: toJsonBody(response), ...(kpis ? { kpis: kpiExtractors.insert!.extract(request, response) } : {}) };
}

export function insertTask({ body, base, kpis }: InsertInput, context: TaskContext): InsertStep {
  const request = parseJsonRequest(InsertBody, body);
  context.setDeadline(Date.now() + request.options.timeLimitSeconds * 1000 + INSERT_SLACK_MS);
  const planned = withCurrentPlan(request, base);
  const { baseSchedule } = planned;
  if (!planned.ok) return withKpis(request, { status: "infeasible", reason: `no plan for the confirmed orders: ${planned.reason}`, options: [], solver: { elapsedMs: 0 }, baseSchedule }, kpis);
  const response: InsertResponse = { ...planRushInsertion(planned.request, context.clock), baseSchedule };
  if (!request.options.replan || response.status !== "feasible") return withKpis(request, response, kpis);
  const { seed, workers, timeLimitSeconds } = request.options;
  return { body: toJsonBody(response), searches: { seed, workers, seconds: searchSeconds(timeLimitSeconds) } };
}

interface SearchInput {
  body: JsonBody;
  base?: BaseSearch | undefined;
  /** The shift-only answer's text (step 1). */
  shiftOnly: JsonBody;
  option: SearchedOptionName;
  seed: number;
}

export function insertSearchTask({ body, base, shiftOnly, option, seed }: SearchInput, context: TaskContext): ScheduleSearchResult {
  const request = plannedRequest(parseJsonRequest(InsertBody, body), base);
  const searched = searchedOptionRequest(request, () => JSON.parse(jsonBodyText(shiftOnly)) as InsertResponse, option);
  const { timeLimitSeconds, maxIterations } = searched.request.options;
  context.setDeadline(Date.now() + timeLimitSeconds * 1000);
  const budget = { ...budgetFor(timeLimitSeconds, problemSizeOf(searched.request)), ...(maxIterations !== undefined ? { maxIterations } : {}) };
  const options = { seed, budget, clock: context.clock, shouldStop: context.shouldStop, onProgress: context.progress };
  return runScheduleSearch(searched.request, options, searched.harmLimits).result;
}

interface SearchedInput extends InsertInput {
  shiftOnly: JsonBody;
  /** The best search of each option (one without a plan, when none found one: the option is then left out). */
  best: Record<SearchedOptionName, ScheduleSearchResult>;
  /** Elapsed ms of the searches, and how many seeds each option ran. */
  searchMs: number;
  workers: number;
}

export function insertSearchedTask({ body, base, kpis, shiftOnly, best, searchMs, workers }: SearchedInput): Answer {
  const parsed = parseJsonRequest(InsertBody, body);
  const request = plannedRequest(parsed, base);
  const shift = JSON.parse(jsonBodyText(shiftOnly)) as InsertResponse;
  const stats = { elapsedMs: searchMs, workers };
  const [replan, protect] = SEARCHED_OPTIONS.map((option) => toScheduleResponse(searchedOptionRequest(request, () => shift, option).request, best[option], stats));
  const answer = withSearchedOptions(request, shift, replan!, protect!);
  return withKpis(parsed, { ...answer, solver: { elapsedMs: shift.solver.elapsedMs + searchMs } }, kpis);
}
