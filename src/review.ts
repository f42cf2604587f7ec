/**
 * Order review / capable-to-promise (issue 6, `POST /v1/orders/review`): can the plant accept these orders
 * (or these changes to confirmed orders) by the dates asked, given the current plan, capacity, material
 * and engineering time? Each answer is accept, counter-offer or decline, with what binds.
 *
 * Material data are the MRP request's shapes. Lead times: with `buckets`, an item's `leadTime` counts
 * those buckets (days or weeks, as in /v1/mrp); without, it counts days. Receipts arrive at the start of
 * their date (or bucket).
 *
 * Without `schedule` the route first plans the confirmed orders (BaseScheduleOptions in insert.ts).
 */
import { z } from "zod";
import { FactoryModel } from "./factory.ts";
import { BaseSchedule, BaseScheduleOptions, CurrentPlan, InsertOptions, OptionalCurrentPlan, OrderImpact } from "./insert.ts";
import { MrpBuckets } from "./mrp.ts";
import { Order } from "./order.ts";
import { Id, listOf, MAX_CHANGE_REPLAN_SECONDS, MAX_DAYS, MAX_REVIEWS, PositiveQuantity, positiveUpTo, upTo } from "./limits.ts";
import { OrderOutcome, ProgressList, ScheduledOperation } from "./schedule.ts";
import { LocalDateTime } from "./time.ts";

export const Candidate = Order.extend({
  engineeringDays: z
    .number()
    .finite()
    .nonnegative()
    .max(MAX_DAYS)
    .default(0)
    .describe("Non-standard orders: calendar days of engineering (design, samples, approval) before the first operation"),
  maxDelayDays: upTo(MAX_DAYS).optional().describe("Days after due the customer accepts; absent: any later date is offered"),
}).meta({ id: "Candidate", description: "An order to review before confirming it" });
export type Candidate = z.infer<typeof Candidate>;

export const OrderChange = z
  .object({
    order: Id.describe("A confirmed order; one that has started or is in the frozen horizon is reviewed too (see treatment)"),
    quantity: PositiveQuantity.optional(),
    due: LocalDateTime.optional(),
    item: Id.optional().describe(
      "A specification change: the order's unstarted operations are re-planned as this item (its routing must have every operation already started)",
    ),
    maxDelayDays: upTo(MAX_DAYS).optional().describe("Days after due the customer accepts; absent: any later date is offered"),
  })
  .meta({ id: "OrderChange", description: "A customer's change to a confirmed order (quantity, due date or item)" });
export type OrderChange = z.infer<typeof OrderChange>;

export const ReviewOptions = BaseScheduleOptions.extend({
  timeLimitSeconds: positiveUpTo(MAX_CHANGE_REPLAN_SECONDS)
    .default(2)
    .describe("A change to an earlier due date is also re-planned by the scheduling search (one seed, `seed`, `maxIterations`): its time per such change, seconds"),
  moveToleranceMinutes: InsertOptions.shape.moveToleranceMinutes,
}).meta({ id: "ReviewOptions", description: "How the confirmed orders are planned without `schedule`, and the re-plans of changes to an earlier date" });
export type ReviewOptions = z.infer<typeof ReviewOptions>;

/** What the review works on: the request with the current plan, given or computed first by the route. */
export const ReviewRequest = FactoryModel.extend({
  schedule: CurrentPlan,
  progress: ProgressList,
  buckets: MrpBuckets.optional().describe("When given: the unit of items' leadTime, and the review horizon's end"),
  now: LocalDateTime,
  frozenUntil: LocalDateTime.optional().describe("As for rush insertion; default now"),
  horizonEnd: LocalDateTime.optional().describe("No promise later than this. Default: the end of buckets, else now + 90 days"),
  candidates: listOf(Candidate, MAX_REVIEWS, "candidates").default([]),
  changes: listOf(OrderChange, MAX_REVIEWS, "changes").default([]),
  options: ReviewOptions.default({ seed: 1, baseScheduleSeconds: 5, timeLimitSeconds: 2 }),
});
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/** The body of `POST /v1/orders/review` (and the file of `takt review`): ReviewRequest whose `schedule` may be absent. */
export const ReviewBody = ReviewRequest.extend({ schedule: OptionalCurrentPlan }).meta({
  id: "ReviewRequest",
  description: "The factory model, its current plan (or none, to plan the confirmed orders first), material data and the orders or changes to review",
});
export type ReviewBody = z.infer<typeof ReviewBody>;

export const ReviewReason = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("capacity"),
      resource: z.string(),
      waitMinutes: z.number().nonnegative().describe("Elapsed minutes an operation waited there for a free unit (beyond the calendar)"),
    }),
    z.object({
      kind: z.literal("material"),
      item: z.string(),
      required: z.number().nonnegative(),
      shortage: z.number().nonnegative().describe("What on-hand stock and open receipts cannot cover, after confirmed orders"),
      availableDate: LocalDateTime.describe("When the required quantity is available"),
      source: z.enum(["on-hand", "receipt", "purchase"]),
    }),
    z.object({ kind: z.literal("engineering"), days: z.number().nonnegative(), until: LocalDateTime }),
    z.object({
      kind: z.literal("horizon"),
      horizonEnd: LocalDateTime.describe("No date exists before it"),
      promiseBeyond: LocalDateTime.optional().describe("The promise a longer horizon would give"),
    }),
  ])
  .meta({ id: "ReviewReason", description: "What binds the promise" });
export type ReviewReason = z.infer<typeof ReviewReason>;

export const ChangeOption = z
  .object({
    name: z.enum(["protect-confirmed", "re-plan"]).describe("protect-confirmed: no other order harmed (the promise); re-plan: the scheduling search against the plan, weighted tardiness first"),
    promise: LocalDateTime,
    weightedHarm: z.number().nonnegative().describe("Σ priorityWeight × minutes other orders finish past both their due date and their completion in the plan"),
    changes: z.number().int().nonnegative().describe("Operations of other orders on another unit or moved more than moveToleranceMinutes"),
    impact: z.array(OrderImpact),
    schedule: z.object({ operations: z.array(ScheduledOperation), orders: z.array(OrderOutcome) }),
  })
  .meta({ id: "ChangeOption", description: "One way to meet an earlier due date, as a rush insertion would offer it" });
export type ChangeOption = z.infer<typeof ChangeOption>;

export const ReviewDecision = z
  .object({
    order: z.string(),
    decision: z.enum(["accept", "counter-offer", "decline"]),
    requested: LocalDateTime,
    promise: LocalDateTime.nullable().describe("Earliest completion at finite capacity and material without making a confirmed order late; null when none inside the horizon"),
    reasons: z.array(ReviewReason).describe("What binds: material and engineering before the start, capacity where the order waits"),
    impact: z.array(OrderImpact).describe("Orders completing later than in the plan reviewed against (a changed order included), with their priority"),
    treatment: z
      .enum(["kept", "re-planned", "follow-up-lot"])
      .optional()
      .describe(
        "Changes: kept (stays where it is; a smaller quantity shortens its unstarted operations), re-planned (its unstarted operations planned again: " +
          "an earlier date, another item, more before it starts), follow-up-lot (started or frozen, more: the original quantity keeps its plan, the extra is a lot of its own)",
      ),
    splits: z
      .array(z.object({ quantity: z.number().positive(), promise: LocalDateTime.nullable() }))
      .optional()
      .describe("follow-up-lot: the original quantity with its promise, then the extra, planned as order `ID/2`"),
    options: z.array(ChangeOption).optional().describe("An earlier due date: protect-confirmed and re-plan, as for rush insertion"),
    schedule: z
      .object({ operations: z.array(ScheduledOperation), orders: z.array(OrderOutcome) })
      .optional()
      .describe("The plan this acceptance implies (accept and counter-offer)"),
  })
  .meta({ id: "ReviewDecision" });
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const ReviewResponse = z
  .object({
    changes: z.array(ReviewDecision).describe("One per change, in the given order, each against the plan with the changes accepted before it"),
    candidates: z.array(ReviewDecision).describe("One per candidate, in the given order, each against the plan with the changes and candidates accepted before it"),
    solver: z.object({ elapsedMs: z.number().nonnegative() }),
    baseSchedule: BaseSchedule.optional().describe("Always set by the route: whether `schedule` was given or computed first"),
  })
  .meta({ id: "ReviewResponse", description: "Decisions with promise dates and reasons; nothing is stored" });
export type ReviewResponse = z.infer<typeof ReviewResponse>;
