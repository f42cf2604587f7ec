/**
 * Rush insertion and order review work on the plan the shop works to (`schedule`). A request may leave it
 * out: the confirmed orders are then scheduled first, exactly as /v1/schedule would (the same seed, workers,
 * maxIterations, and baseScheduleSeconds as the time limit), from `now` with the request's progress, and
 * that plan is used as if the caller had passed it.
 *
 * Both halves run on solver threads (schedule-tasks.ts): the base searches parse the request and search the
 * confirmed orders' plan; the insert or review task parses it again and builds that plan from the best
 * search's compact schedule. The main thread only picks the best search and hands it on.
 */
import { toScheduleResponse } from "../solver/schedule/to-response.ts";
import type { ScheduleSearchResult } from "../solver/schedule/search-schedule.ts";
import type { BaseSchedule, BaseScheduleOptions, CurrentPlan } from "../src/insert.ts";
import { FactoryModel } from "../src/factory.ts";
import type { ProgressEntry, ScheduleRequest } from "../src/schedule.ts";
import type { LocalDateTime } from "../src/time.ts";

/** What insert and review requests share: the model, `now`, progress, the base-plan options and maybe the plan. */
export interface PlanBoundRequest extends FactoryModel {
  schedule?: CurrentPlan | undefined;
  now: LocalDateTime;
  progress: ProgressEntry[];
  options: BaseScheduleOptions;
}

/** The best base search, as the main thread hands it to the insert or review task. */
export interface BaseSearch {
  best: ScheduleSearchResult;
  elapsedMs: number;
  workers: number;
}

export type WithCurrentPlan<R extends PlanBoundRequest> =
  | { ok: true; request: R & { schedule: CurrentPlan }; baseSchedule: BaseSchedule }
  /** No plan exists for the confirmed orders (the /v1/schedule answer would be `infeasible`, or `timedout` before a first plan). */
  | { ok: false; reason: string; baseSchedule: BaseSchedule };

const modelKeys = Object.keys(FactoryModel.shape) as Array<keyof FactoryModel>;

/** The /v1/schedule request for the confirmed orders of `request`, as the route would have parsed it. */
export function baseScheduleRequest(request: PlanBoundRequest): ScheduleRequest {
  const { seed, baseScheduleSeconds, workers, maxIterations, material } = request.options;
  const model = Object.fromEntries(modelKeys.map((key) => [key, request[key]])) as FactoryModel;
  return {
    ...model,
    planStart: request.now,
    progress: request.progress,
    options: {
      seed,
      timeLimitSeconds: baseScheduleSeconds,
      objective: "tardiness",
      ...(workers !== undefined ? { workers } : {}),
      ...(maxIterations !== undefined ? { maxIterations } : {}),
      ...(material !== undefined ? { material } : {}),
    },
  };
}

/** `request` with its plan: the given one, or the one the base searches found (see the header). */
export function withCurrentPlan<R extends PlanBoundRequest>(request: R, base: BaseSearch | undefined): WithCurrentPlan<R> {
  if (request.schedule !== undefined) return { ok: true, request: request as R & { schedule: CurrentPlan }, baseSchedule: { source: "given" } };
  if (base === undefined) throw new TypeError("a request without a plan needs the base search's result");
  const planned = toScheduleResponse(baseScheduleRequest(request), base.best, { elapsedMs: base.elapsedMs, workers: base.workers });
  const baseSchedule: BaseSchedule = { source: "computed", status: planned.status, kpis: planned.kpis, solver: planned.solver };
  if (planned.operations.length === 0 && planned.status !== "optimal" && planned.status !== "feasible") {
    const why = planned.reason ?? "no plan exists for the confirmed orders";
    return { ok: false, reason: planned.status === "timedout" ? `${why}; raise options.baseScheduleSeconds` : why, baseSchedule };
  }
  return { ok: true, request: { ...request, schedule: { operations: planned.operations } }, baseSchedule };
}
