/**
 * Finite-capacity scheduling request and response (issue 3): the factory model plus the plan start, shop-floor
 * progress and solver options; the answer is every operation on a resource unit with its times, per-order
 * lateness and the plan's KPIs.
 */
import { z } from "zod";
import { FactoryModel } from "./factory.ts";
import { DurationMinutes, Id, listOf, MAX_DURATION_MINUTES, MAX_ITERATIONS, MAX_MOVE_TOLERANCE_MINUTES, MAX_POOL_UNITS, MAX_PROGRESS_ENTRIES, MAX_REQUIREMENTS, MAX_SEARCH_WORKERS, MAX_SEED, MAX_SPLIT_PARTS, MAX_UNITS_PER_RESOURCE, PositiveQuantity, Text, TimeLimitSeconds, upTo } from "./limits.ts";
import { LateCause, MaterialMode, MaterialProjection, Shortage, Waits } from "./material.ts";
import { MrpBuckets } from "./mrp.ts";
import { DueBufferMinutes } from "./order.ts";
import { formatDateTime, LocalDateTime, parseDateTime } from "./time.ts";

const nonNegative = z.number().finite().nonnegative();

/** Default of options.moveToleranceMinutes: an hour's drift is not a change the floor notices. */
export const DEFAULT_MOVE_TOLERANCE_MINUTES = 60;

export const ProgressEntry = z
  .object({
    order: Id,
    operation: Id.describe("Operation id in the order's routing"),
    status: z.enum(["done", "running"]),
    resource: Id.describe("The resource it ran on; must be one of the operation's alternatives"),
    unit: z.number().int().nonnegative().max(MAX_UNITS_PER_RESOURCE - 1).default(0).describe("0-based unit of the resource"),
    start: LocalDateTime.describe("When it started; not after planStart"),
    remainingMinutes: DurationMinutes
      .optional()
      .describe("Working minutes still to do (running only). Default: its full duration minus the working minutes since start"),
  })
  .meta({ id: "ProgressEntry", description: "Reported shop-floor progress: done operations are history, running ones finish first" });
export type ProgressEntry = z.infer<typeof ProgressEntry>;

/** Progress entries of a request, at most MAX_PROGRESS_ENTRIES. */
export const ProgressList = listOf(ProgressEntry, MAX_PROGRESS_ENTRIES, "progress entries").default([]);

export const ScheduleOptions = z
  .object({
    timeLimitSeconds: TimeLimitSeconds.describe("Time for the whole answer, seconds: construction, search and the response; the answer arrives within it plus a second"),
    seed: z.number().int().nonnegative().max(MAX_SEED).default(1).describe("Random seed; same seed and workers give the same answer"),
    objective: z
      .enum(["tardiness", "makespan"])
      .default("tardiness")
      .describe("tardiness: weighted tardiness, then sum of completion times, then changeover minutes; makespan: last completion first"),
    workers: z.number().int().positive().max(MAX_SEARCH_WORKERS).optional().describe("Independent searches (seeds seed, seed+1, …); default: the pool size"),
    maxIterations: z
      .number()
      .int()
      .positive()
      .max(MAX_ITERATIONS)
      .optional()
      .describe(
        "Stop each search after this many improvement iterations. The search's work is calibrated to the time limit, so results repeat on one machine; " +
          "a cap that binds before the time limit makes them repeat on any machine (status is then not timedout)",
      ),
    material: MaterialMode.optional(),
    materialLedger: z.boolean().optional().describe("true: also return each item's time-ordered ledger in `materials`"),
    timing: z
      .enum(["early", "just-in-time"])
      .optional()
      .describe(
        "early (default): every operation as soon as it can start; just-in-time: after the search, operations move as late as they can without changing any unit's sequence " +
          "and without any order finishing later than max(its early completion, due − buffer) (less waiting stock, the same sequence). " +
          "Plans with pools or batch resources (issue 21) keep the early timing",
      ),
    dueBufferMinutes: DueBufferMinutes.optional().describe("Due-date buffer of every order without its own (default 0)"),
    stability: z
      .enum(["minimal-change", "free"])
      .optional()
      .describe(
        "With a `reference`: minimal-change (the default) puts the number of changed operations second in the objective, after weighted tardiness; " +
          "free does not count them (they are still reported). Ignored without a reference",
      ),
    moveToleranceMinutes: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_MOVE_TOLERANCE_MINUTES)
      .optional()
      .describe(`With a \`reference\`: elapsed minutes an operation's start may move without counting as a change. Default ${DEFAULT_MOVE_TOLERANCE_MINUTES}, at most ${MAX_MOVE_TOLERANCE_MINUTES} (a week)`),
  })
  .meta({ id: "ScheduleOptions" });
export type ScheduleOptions = z.infer<typeof ScheduleOptions>;

export const ScheduleStatus = z
  .enum(["optimal", "feasible", "infeasible", "timedout"])
  .describe(
    "optimal: a lower bound is met; timedout: the time limit cut the search (best plan so far), or no plan could be built in it " +
      "(then without operations, and `reason` says which limit to raise); infeasible: no plan exists",
  );
export type ScheduleStatus = z.infer<typeof ScheduleStatus>;

export const ScheduledOperation = z
  .object({
    order: Id,
    operation: Id,
    resource: Id,
    unit: z.number().int().nonnegative().max(MAX_UNITS_PER_RESOURCE - 1).describe("0-based unit of the resource"),
    start: LocalDateTime,
    end: LocalDateTime,
    setupMinutes: upTo(2 * MAX_DURATION_MINUTES).describe("Working minutes of setup: the operation's setupMinutes plus the changeover"),
    changeoverMinutes: DurationMinutes.describe("Changeover from the previous family on the unit (part of setupMinutes)"),
    state: z
      .enum(["planned", "running", "frozen"])
      .describe("running: reported running (progress); frozen: kept exactly as in the reference plan (it starts before frozenUntil); planned: the rest"),
    quantity: PositiveQuantity.optional().describe("Units this part makes (always set in answers; absent in a given plan: the order's quantity)"),
    part: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_SPLIT_PARTS - 1)
      .optional()
      .describe(`0-based part of a split operation (0 … ${MAX_SPLIT_PARTS - 1}); a not-split operation is part 0 with the whole quantity (absent in a given plan: 0)`),
    pools: listOf(z.object({ pool: Id, units: z.number().int().positive().max(MAX_POOL_UNITS) }), MAX_REQUIREMENTS, "pools per operation")
      .optional()
      .describe("The pools it holds from start to end (issue 21), as its operation requires them"),
    batch: Text.optional().describe("Operations on a batch resource: the batch, an id its members share (resource/unit/start/end)"),
  })
  .meta({ id: "ScheduledOperation" });
export type ScheduledOperation = z.infer<typeof ScheduledOperation>;

/** A plan given back to the scheduler: an earlier `/v1/schedule` (or insertion) answer as it is, other keys dropped. */
export const ReferencePlan = z
  .object({ operations: listOf(ScheduledOperation, MAX_PROGRESS_ENTRIES, "reference operations") })
  .meta({ id: "ReferencePlan", description: "The plan the shop works to (issued before the shift): its operations; other keys are ignored" });
export type ReferencePlan = z.infer<typeof ReferencePlan>;

export const ScheduleRequest = FactoryModel.extend({
  planStart: LocalDateTime.describe("Nothing new starts earlier"),
  progress: ProgressList,
  buckets: MrpBuckets.optional().describe("Only to date receipts given by bucket (they arrive at the bucket's start)"),
  reference: ReferencePlan.optional().describe(
    "The plan the shop works to (e.g. yesterday's /v1/schedule answer as it is). Its operations starting before frozenUntil keep resource, unit, " +
      "start and end exactly (unless progress reports them done or running); the rest of the plan stays close to it (see options.stability)",
  ),
  frozenUntil: LocalDateTime.optional().describe(
    "The frozen fence (with a reference): reference operations starting before it are kept exactly, and nothing else starts before it. " +
      "Default: planStart. Not earlier than the start of the longest-running operation in progress (400). Ignored without a reference",
  ),
  options: ScheduleOptions.default({ timeLimitSeconds: 5, seed: 1, objective: "tardiness" }),
})
  .superRefine((request, context) => {
    // A fence before work that is still running would freeze history: nothing the planner can mean.
    const earliest = Math.min(parseDateTime(request.planStart) ?? Infinity, ...request.progress.filter((p) => p.status === "running").map((p) => parseDateTime(p.start) ?? Infinity));
    const fence = request.frozenUntil === undefined ? null : parseDateTime(request.frozenUntil);
    if (fence !== null && fence < earliest) {
      context.addIssue({ code: "custom", path: ["frozenUntil"], message: `frozenUntil is before ${formatDateTime(earliest)}, the plan start less the longest-running operation` });
    }
  })
  .meta({ id: "ScheduleRequest", description: "A factory model plus plan start, shop-floor progress, the plan in force with its frozen fence, and solver options" });
export type ScheduleRequest = z.infer<typeof ScheduleRequest>;

export const OrderOutcome = z
  .object({
    id: z.string(),
    due: LocalDateTime,
    status: z
      .enum(["planned", "unplannable"])
      .optional()
      .describe(
        "unplannable: its material cannot arrive (see shortages), or a rule cannot be kept (see reason: an uninterruptible operation that fits no working stretch, a maximum wait); " +
          "the order is not in the plan (but for operations already running). Absent: planned",
      ),
    reason: z.string().optional().describe("Unplannable orders: why, when it is not material"),
    completion: LocalDateTime.nullable().describe("End of its last operation; null when unplannable"),
    lateMinutes: nonNegative.describe("Elapsed minutes after due, 0 when on time (and when unplannable)"),
    onTime: z.boolean().describe("False when unplannable"),
    bufferKept: z.boolean().optional().describe("Completed by due − its due-date buffer (false when unplannable)"),
    heldBy: z.string().optional().describe("Late orders: the resource where the order waited longest (absent when it never waited)"),
    shortages: z.array(Shortage).optional().describe("Unplannable orders: what is missing"),
    waits: Waits.optional().describe("Where the order's chain of operations waited (planned orders of /v1/schedule)"),
    cause: LateCause.optional().describe("Late orders: the category its chain waited longest on"),
  })
  .meta({ id: "OrderOutcome" });
export type OrderOutcome = z.infer<typeof OrderOutcome>;

export const ScheduleKpis = z
  .object({
    onTimeRate: z.number().min(0).max(1).describe("On-time orders / all orders (order fulfilment rate); 1 with no orders"),
    weightedTardiness: nonNegative.describe("Σ priorityWeight × late minutes"),
    makespanMinutes: nonNegative.describe("Elapsed minutes from planStart to the last completion"),
    setupMinutes: nonNegative.describe("Σ setup minutes of the planned operations, changeovers included"),
    changeoverMinutes: nonNegative.describe("Σ sequence-dependent changeover minutes"),
    utilization: z.record(z.string(), z.number().min(0).max(1)).describe("Per resource: busy / available working minutes over [planStart, last completion)"),
    unplannableOrders: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("Orders left out for lack of material or because a rule cannot be kept (they count as not on time); given with material constrained or when there are any"),
    materialWaitMinutes: nonNegative.optional().describe("Σ over orders of the minutes their chains waited for material"),
    meanWaitMinutes: nonNegative
      .optional()
      .describe("Mean elapsed minutes between consecutive planned operations of an order (previous end to next start, 0 when they overlap), over all such pairs"),
    waitingQuantityMinutes: nonNegative.optional().describe("Σ over the same pairs of the order's quantity × those minutes: stock waiting between operations"),
    bufferKeptRate: z.number().min(0).max(1).optional().describe("Orders completed by due − their due-date buffer / all orders"),
    poolUtilization: z
      .record(z.string(), z.number().min(0).max(1))
      .optional()
      .describe("Per pool (issue 21): unit-minutes held at its working minutes / its units over its working minutes of [planStart, last completion)"),
    meanBatchFill: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Mean over the planned batches of their fill / their resource's batch capacity (issue 21; with batch resources)"),
  })
  .meta({ id: "ScheduleKpis" });
export type ScheduleKpis = z.infer<typeof ScheduleKpis>;

export const PlanChange = z
  .object({
    order: z.string(),
    operation: z.string(),
    before: z.object({ resource: z.string(), unit: z.number().int().nonnegative(), start: LocalDateTime }).describe("In the reference plan"),
    after: z.object({ resource: z.string(), unit: z.number().int().nonnegative(), start: LocalDateTime }).describe("In this plan"),
  })
  .meta({ id: "PlanChange", description: "An operation whose resource or unit differs from the reference, or whose start moved by more than moveToleranceMinutes" });
export type PlanChange = z.infer<typeof PlanChange>;

export const PlanChanges = z
  .object({
    count: z.number().int().nonnegative(),
    operations: z.array(PlanChange).describe("In the order of the plan's operations"),
  })
  .meta({ id: "PlanChanges", description: "What differs from the reference plan (operations the plan decides: not done, running or frozen ones)" });
export type PlanChanges = z.infer<typeof PlanChanges>;

export const ScheduleResponse = z
  .object({
    status: ScheduleStatus,
    reason: z.string().optional().describe("Why there is no plan: infeasible, or timedout before a first plan was built"),
    operations: z.array(ScheduledOperation),
    changes: PlanChanges.optional().describe("With a reference: the operations that changed against it"),
    orders: z.array(OrderOutcome),
    materials: z.array(MaterialProjection).optional().describe("Projected stock of every item the plan consumes, receives or produces (material constrained)"),
    kpis: ScheduleKpis,
    solver: z.object({
      elapsedMs: nonNegative,
      iterations: z.number().int().nonnegative(),
      workers: z.number().int().positive(),
      bestFoundAtMs: nonNegative,
      objective: z
        .array(z.number())
        .describe("The lexicographic objective vector of the plan; with a reference and minimal-change the number of changes is its second component"),
    }),
  })
  .meta({ id: "ScheduleResponse", description: "The schedule, per-order outcome and KPIs" });
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;
