/**
 * Rush insertion and order review work on the plan the shop works to (`schedule`). A request may leave it
 * out: the confirmed orders are then scheduled first by the /v1/schedule capability itself (so the plan is
 * the one that route gives for the same seed, workers, maxIterations and time limit), from `now` with the
 * request's progress, and that plan is used as if the caller had passed it. Both steps get the caller's
 * abort signal: an abort during the search keeps its best plan so far, and the insertion or review that
 * follows is then stopped as any aborted pool task is.
 */
import type { BaseSchedule, BaseScheduleOptions, CurrentPlan } from "../src/insert.ts";
import { FactoryModel } from "../src/factory.ts";
import type { ProgressEntry, ScheduleRequest } from "../src/schedule.ts";
import type { LocalDateTime } from "../src/time.ts";
import type { RunContext } from "./capability.ts";
import { schedule } from "./capabilities/schedule.ts";
import { isJsonBody } from "./json-body.ts";

/** What insert and review requests share: the model, `now`, progress, the base-plan options and maybe the plan. */
export interface PlanBoundRequest extends FactoryModel {
  schedule?: CurrentPlan | undefined;
  now: LocalDateTime;
  progress: ProgressEntry[];
  options: BaseScheduleOptions;
}

export type WithCurrentPlan<R extends PlanBoundRequest> =
  | { ok: true; request: R & { schedule: CurrentPlan }; baseSchedule: BaseSchedule }
  /** No plan exists for the confirmed orders (the /v1/schedule answer would be `infeasible`). */
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

/** `request` with its plan: the given one, or the confirmed orders scheduled first (see the header). */
export async function withCurrentPlan<R extends PlanBoundRequest>(request: R, context: RunContext): Promise<WithCurrentPlan<R>> {
  if (request.schedule !== undefined) return { ok: true, request: request as R & { schedule: CurrentPlan }, baseSchedule: { source: "given" } };
  const planned = await schedule.run(baseScheduleRequest(request), context);
  if (isJsonBody(planned)) throw new TypeError("the schedule capability answers with objects, not JSON text");
  const baseSchedule: BaseSchedule = { source: "computed", status: planned.status, kpis: planned.kpis, solver: planned.solver };
  if (planned.status === "infeasible") return { ok: false, reason: planned.reason ?? "no plan exists for the confirmed orders", baseSchedule };
  return { ok: true, request: { ...request, schedule: { operations: planned.operations } }, baseSchedule };
}
