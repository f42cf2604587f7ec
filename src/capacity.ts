/**
 * Capacity assessment (产能评估) request and response: load versus capacity per resource and bucket, the
 * four-step report, bottlenecks, line capacity and the cheapest countermeasure plan (issue 4).
 *
 * Units: every "minutes" of load is standard minutes (what the routing says an operation takes at
 * efficiency 1); capacity minutes are standard minutes too (working minutes × units × efficiency), so the
 * two compare directly. Overtime minutes are the exception: they are clock minutes the resource works
 * extra (machine-minutes summed over its units), each adding `efficiency` standard minutes of capacity.
 */
import { z } from "zod";
import { FactoryModel } from "./factory.ts";
import { CurrentPlan } from "./insert.ts";
import { Id, MAX_CAPACITY_BUCKETS, MAX_RESOURCES, Money } from "./limits.ts";
import { ProgressList } from "./schedule.ts";
import { LocalDate, LocalDateTime } from "./time.ts";


export const CapacityBuckets = z
  .object({
    start: LocalDate.describe("Bucket 0 begins at this date's 00:00"),
    size: z.enum(["day", "week"]),
    count: z.number().int().min(1).max(MAX_CAPACITY_BUCKETS).describe("Number of buckets, at least 1 (their span is at most the MAX_HORIZON_DAYS limit)"),
  })
  .meta({ id: "CapacityBuckets", description: "The planning periods load and capacity are compared in" });
export type CapacityBuckets = z.infer<typeof CapacityBuckets>;

export const CapacityLevers = z
  .object({
    overtime: z.boolean().default(false).describe("Allow overtime on resources that define `overtime` (their limit and cost per bucket)"),
    alternates: z.boolean().default(false).describe("Allow moving load of operations with alternatives to another listed resource"),
    alternateCostPerMinute: Money.default(0).describe("Cost per standard minute moved to an alternate resource"),
    buildAhead: z.boolean().default(false).describe("Allow producing load in an earlier bucket on the same resource"),
    holdingCostPerMinutePerBucket: Money.default(0).describe("Cost per standard minute built ahead, per bucket it is moved earlier"),
    outsourceCostPerMinute: z
      .record(Id, Money)
      .refine((costs) => Object.keys(costs).length <= MAX_RESOURCES, { message: `at most ${MAX_RESOURCES.toLocaleString("en-US")} resources` })
      .default({})
      .describe("Outsourcing is allowed for exactly the resources listed here, at this cost per standard minute"),
    latenessCostPerBucket: Money
      .optional()
      .describe(
        "Given: an order's load in an overloaded bucket may be deferred by whole buckets; deferring all of it one bucket costs this × priorityWeight(priority), a share pro rata",
      ),
    maxDeferBuckets: z.number().int().min(1).max(MAX_CAPACITY_BUCKETS).default(4).describe("Most buckets load may be deferred (to the first later bucket with spare capacity)"),
  })
  .meta({
    id: "CapacityLevers",
    description: "The countermeasures the plan may use; each is off unless switched on by its field. No levers → just the report.",
  });
export type CapacityLevers = z.infer<typeof CapacityLevers>;

export const CapacityRequest = FactoryModel.extend({
  buckets: CapacityBuckets,
  planStart: LocalDateTime.optional().describe("Now: nothing is loaded and no capacity counts before it. Default: buckets.start 00:00"),
  loading: z.enum(["backward", "forward"]).default("backward").describe("Backward from due dates, or forward from max(planStart, release)"),
  progress: ProgressList.describe(
      "Shop-floor progress, as for /v1/schedule: done operations add no load; a running one loads only its remaining work " +
        "(remainingMinutes working minutes × efficiency, by default its full duration minus the working minutes since start) " +
        "on the resource it runs on, forward from planStart, and no countermeasure moves it; the order's other operations load as usual",
    ),
  levers: CapacityLevers.optional(),
  schedule: CurrentPlan.optional().describe(
    "A plan (a /v1/schedule response as it is): each operation then loads the working minutes the plan gives it (setups and changeovers included) × " +
      "its resource's efficiency, on the resource and in the buckets where it is planned, instead of standard minutes placed by `loading`; " +
      "an order is unmeetable when the plan finishes it after due, and an order the plan leaves out (unplannable for material) loads nothing",
  ),
}).meta({ id: "CapacityRequest", description: "A factory model plus the buckets, loading direction, shop-floor progress and allowed countermeasures" });
export type CapacityRequest = z.infer<typeof CapacityRequest>;

export const CapacityBucketInfo = z.object({
  index: z.number().int(),
  start: LocalDateTime,
  end: LocalDateTime.describe("Exclusive"),
});
export type CapacityBucketInfo = z.infer<typeof CapacityBucketInfo>;

export const ResourceBucketLoad = z.object({
  shiftMinutes: z.number().describe("Calendar shift time in the bucket, breaks included (after planStart)"),
  workingMinutes: z.number().describe("Shift time minus breaks"),
  availableMinutes: z.number().describe("workingMinutes × units × efficiency, standard minutes"),
  loadMinutes: z.number().describe("Standard minutes of operations loaded into the bucket"),
  utilization: z.number().nullable().describe("loadMinutes / availableMinutes; null when load meets no capacity at all"),
  overloadMinutes: z.number().describe("max(0, loadMinutes − availableMinutes)"),
});
export type ResourceBucketLoad = z.infer<typeof ResourceBucketLoad>;

export const OrderLoad = z.object({
  id: z.string(),
  hoursByResource: z
    .record(z.string(), z.number())
    .describe("Standard hours of the order's remaining work per resource (step 1 of the four steps): done operations and the finished part of a running one are left out"),
  unmeetable: z
    .boolean()
    .describe("Its remaining work cannot be done by due even with infinite capacity: loaded forward from planStart (after a running operation) instead"),
  labourHoursByPool: z
    .record(z.string(), z.number())
    .optional()
    .describe("Labour hours of its remaining work per pool (issue 21): units required × the operation's working hours on its resource; with pools"),
});
export type OrderLoad = z.infer<typeof OrderLoad>;

export const Bottleneck = z.object({
  resource: z.string().describe("The resource, or the pool when `pool` is true"),
  pool: z.boolean().optional().describe("true: the row is a pool (issue 21), loaded in labour minutes"),
  peakUtilization: z.number().nullable().describe("Highest bucket utilization; null when load falls in a bucket without capacity"),
  meanUtilization: z.number().nullable().describe("Horizon load / horizon available; null when nothing is available"),
  overloadMinutes: z.number(),
  overloadedBuckets: z.array(z.number().int()),
});
export type Bottleneck = z.infer<typeof Bottleneck>;

export const LineCapacity = z.object({
  item: z.string(),
  constraint: z.object({ operations: z.array(z.string()), resources: z.array(z.string()) }).describe("The slowest station over the horizon"),
  unitsPerBucket: z.array(z.number().nullable()).describe("Units of the item alone the plant could make per bucket; null = unlimited (no run time)"),
});
export type LineCapacity = z.infer<typeof LineCapacity>;

export const CountermeasureAction = z.object({
  kind: z.enum(["overtime", "alternate", "build-ahead", "outsource", "defer"]),
  resource: z.string(),
  bucket: z.number().int(),
  minutes: z.number().describe("Standard minutes moved or covered; for overtime, clock minutes worked extra"),
  order: z.string().optional(),
  item: z.string().optional(),
  operation: z.string().optional(),
  toResource: z.string().optional(),
  toBucket: z.number().int().optional(),
  cost: z.number(),
});
export type CountermeasureAction = z.infer<typeof CountermeasureAction>;

export const Countermeasures = z
  .object({
    status: z.enum(["optimal", "timedout", "infeasible", "unbounded", "error"]),
    totalCost: z.number(),
    actions: z.array(CountermeasureAction),
    after: z.array(
      z.object({
        resource: z.string(),
        loadMinutes: z.array(z.number()).describe("Per bucket, after moves and outsourcing"),
        availableMinutes: z.array(z.number()).describe("Per bucket, including overtime"),
      }),
    ),
    uncovered: z.array(z.object({ resource: z.string(), bucket: z.number().int(), minutes: z.number() })),
  })
  .meta({ id: "Countermeasures", description: "The cheapest plan that covers as much overload as the allowed levers can" });
export type Countermeasures = z.infer<typeof Countermeasures>;

export const CapacityResponse = z
  .object({
    buckets: z.array(CapacityBucketInfo),
    resources: z.array(z.object({ id: z.string(), buckets: z.array(ResourceBucketLoad) })),
    pools: z
      .array(z.object({ id: z.string(), buckets: z.array(ResourceBucketLoad) }))
      .optional()
      .describe(
        "Per pool (issue 21), in labour minutes: availableMinutes = Σ its units over its working minutes (by-shift units counted), loadMinutes = Σ units required × working minutes of the operations loaded; with pools",
      ),
    orders: z.array(OrderLoad),
    bottlenecks: z.array(Bottleneck),
    lineCapacity: z.array(LineCapacity),
    countermeasures: Countermeasures.nullable().describe("null when the request has no `levers` (just the report)"),
  })
  .meta({ id: "CapacityResponse", description: "The four-step capacity report with bottlenecks, line capacity and countermeasures" });
export type CapacityResponse = z.infer<typeof CapacityResponse>;
