/**
 * Rush-order insertion (issue 6, `POST /v1/schedule/insert`): the factory model with the confirmed orders and
 * the plan the shop works to, plus rush orders; the answer is a set of plans from "fastest for the rush
 * orders" to "no confirmed order made late", each with its promise dates and the impact on every order.
 * Without the plan, the route schedules the confirmed orders first and inserts into that (BaseScheduleOptions).
 */
import { z } from "zod";
import { FactoryModel } from "./factory.ts";
import { Order, Priority } from "./order.ts";
import { listOf, MAX_PROGRESS_ENTRIES, MAX_RUSH_ORDERS, TimeLimitSeconds } from "./limits.ts";
import { OrderOutcome, PlanChanges, ProgressList, ScheduleKpis, ScheduledOperation, ScheduleOptions, ScheduleResponse, ScheduleStatus } from "./schedule.ts";
import { MaterialProjection } from "./material.ts";
import { LocalDateTime } from "./time.ts";

/** The current plan: an earlier `/v1/schedule` response can be passed as it is (other keys are dropped). */
export const CurrentPlan = z
  .object({ operations: listOf(ScheduledOperation, MAX_PROGRESS_ENTRIES, "planned operations") })
  .meta({ id: "CurrentPlan", description: "The plan the shop works to: every not-done operation of the confirmed orders" });
export type CurrentPlan = z.infer<typeof CurrentPlan>;

/**
 * Insert and review without `schedule`: the confirmed orders are scheduled first, as /v1/schedule would with
 * `seed`, `workers`, `maxIterations` and `timeLimitSeconds: baseScheduleSeconds`, from `now` with `progress`.
 */
export const BaseScheduleOptions = z
  .object({
    seed: ScheduleOptions.shape.seed.describe("Seed of the search that plans the confirmed orders when `schedule` is absent (as for /v1/schedule)"),
    baseScheduleSeconds: TimeLimitSeconds.describe("Without `schedule`: search time for the plan of the confirmed orders (/v1/schedule's timeLimitSeconds); unused when `schedule` is given"),
    workers: ScheduleOptions.shape.workers,
    maxIterations: ScheduleOptions.shape.maxIterations,
    material: ScheduleOptions.shape.material.describe("As for /v1/schedule: for the plan of the confirmed orders and for the orders inserted or reviewed"),
  })
  .meta({ id: "BaseScheduleOptions" });
export type BaseScheduleOptions = z.infer<typeof BaseScheduleOptions>;

export const InsertOptions = BaseScheduleOptions.extend({
  timeLimitSeconds: TimeLimitSeconds.describe(
      "Time for the trade-off plans and for the searches: re-plan (three quarters of it) and protect-confirmed's moves earlier and to other units " +
        "(a quarter), on `workers` seeds as /v1/schedule; fastest and protect-confirmed are always returned",
    ),
  replan: z.boolean().default(true).describe("false: only the plans that shift confirmed work later (fastest, allow-N-late, protect-confirmed), without searching"),
  materialLedger: ScheduleOptions.shape.materialLedger.describe("true: every option's `schedule.materials` also lists each item's changes in time order (its ledger)"),
  moveToleranceMinutes: ScheduleOptions.shape.moveToleranceMinutes.describe(
    "Elapsed minutes an operation's start may move without counting as a change (options.moveToleranceMinutes of /v1/schedule). Default 60",
  ),
}).meta({
  id: "InsertOptions",
  description: "The shift-only insertion is deterministic; seed, workers and maxIterations make the searches (and the plan computed without `schedule`) repeatable",
});
export type InsertOptions = z.infer<typeof InsertOptions>;

/** What the insertion works on: the request with the current plan, given or computed first by the route. */
export const InsertRequest = FactoryModel.extend({
  schedule: CurrentPlan,
  rushOrders: listOf(Order, MAX_RUSH_ORDERS, "rush orders").min(1).describe("Orders to insert; same shape as orders"),
  now: LocalDateTime.describe("The current time: nothing new starts earlier"),
  frozenUntil: LocalDateTime.optional().describe(
    "Operations starting before it, and running ones, keep resource, unit and times; rush operations start no earlier. Default: now",
  ),
  progress: ProgressList.describe("Done and running work, as for /v1/schedule"),
  options: InsertOptions.default({ timeLimitSeconds: 5, seed: 1, baseScheduleSeconds: 5, replan: true }),
});
export type InsertRequest = z.infer<typeof InsertRequest>;

/** The plan the route and `takt insert` may leave out: the route then schedules the confirmed orders first. */
export const OptionalCurrentPlan = CurrentPlan.optional().describe(
  "The plan the shop works to, e.g. an earlier /v1/schedule response as it is. Absent: the confirmed orders are scheduled first " +
    "(see BaseScheduleOptions) and that plan is used as if given",
);

/** The body of `POST /v1/schedule/insert` (and the file of `takt insert`): InsertRequest whose `schedule` may be absent. */
export const InsertBody = InsertRequest.extend({ schedule: OptionalCurrentPlan }).meta({
  id: "InsertRequest",
  description: "The factory model, its current plan (or none, to plan the confirmed orders first) and the rush orders to insert",
});
export type InsertBody = z.infer<typeof InsertBody>;

/** Where the plan an answer starts from came from; computed plans carry what /v1/schedule would have said of them. */
export const BaseSchedule = z
  .discriminatedUnion("source", [
    z.object({ source: z.literal("given").describe("The request's `schedule`") }),
    z.object({
      source: z.literal("computed").describe("No `schedule` was given: the confirmed orders were scheduled first, from `now`"),
      status: ScheduleStatus,
      kpis: ScheduleKpis,
      solver: ScheduleResponse.shape.solver,
    }),
  ])
  .meta({ id: "BaseSchedule", description: "The plan the answer starts from: the request's `schedule`, or the one computed for the confirmed orders" });
export type BaseSchedule = z.infer<typeof BaseSchedule>;

export const OrderImpact = z
  .object({
    order: z.string(),
    priority: Priority,
    before: LocalDateTime.describe("Completion in the current plan"),
    after: LocalDateTime.describe("Completion in this option"),
    delayMinutes: z.number().nonnegative().describe("Elapsed minutes the completion moved later"),
    becameLate: z.boolean().describe("On time before, late now"),
    harmMinutes: z
      .number()
      .nonnegative()
      .describe("Elapsed minutes it finishes later than both its due date and its completion in the current plan (0: delayed within its due date)"),
  })
  .meta({ id: "OrderImpact", description: "A confirmed order whose completion moves later" });
export type OrderImpact = z.infer<typeof OrderImpact>;

export const PlanOption = z
  .object({
    name: z
      .string()
      .describe('"fastest", "protect-confirmed", "re-plan" (everything after the fence re-planned by the scheduling search), or "allow-N-late" for the trade-off plans in between'),
    promise: z.record(z.string(), LocalDateTime).describe("Completion of every rush order"),
    schedule: z.object({
      operations: z.array(ScheduledOperation),
      orders: z.array(OrderOutcome),
      materials: z
        .array(MaterialProjection)
        .optional()
        .describe("With material in the model: the option's projected stock per item, as /v1/schedule's `materials` (each change listed with options.materialLedger)"),
    }),
    impact: z.array(OrderImpact).describe("Confirmed orders that complete later than in the current plan, most delayed first"),
    ordersMadeLate: z.number().int().nonnegative().describe("Confirmed orders this option harms: they finish after their due date AND later than in the current plan (so a late order that slips further counts)"),
    weightedHarm: z.number().nonnegative().describe("Σ over confirmed orders of priorityWeight × harmMinutes: a priority-1 minute weighs 10,000 priority-5 minutes"),
    movedOperations: z.number().int().nonnegative().describe("Operations of confirmed orders whose resource, unit or start changed"),
    changes: PlanChanges.describe("Operations of confirmed orders on another unit or moved by more than moveToleranceMinutes, against the current plan"),
    kpis: ScheduleKpis,
    unavoidableHarm: z
      .number()
      .positive()
      .optional()
      .describe(
        "protect-confirmed only, when it cannot keep every confirmed order within max(due, its completion in the current plan): the weighted harm " +
          "the current plan takes re-timed from now before anything is inserted (progress reported since it was made pushes work later), " +
          "which no insertion undoes; weightedHarm is no more than this",
      ),
  })
  .meta({ id: "PlanOption", description: "One way to insert the rush orders" });
export type PlanOption = z.infer<typeof PlanOption>;

export const InsertResponse = z
  .object({
    status: z.enum(["feasible", "infeasible"]),
    reason: z.string().optional().describe("Why no plan exists (infeasible only)"),
    options: z
      .array(PlanOption)
      .describe(
        "fastest first, protect-confirmed last; in between, by latest promise, the trade-off plans and re-plan that no other plan beats on all of latest rush promise, weighted harm and changes",
      ),
    solver: z.object({ elapsedMs: z.number().nonnegative() }),
    baseSchedule: BaseSchedule.optional().describe("Always set by the route: whether `schedule` was given or computed first"),
  })
  .meta({ id: "InsertResponse", description: "Plans to choose from: rush promise date against confirmed orders made late" });
export type InsertResponse = z.infer<typeof InsertResponse>;
