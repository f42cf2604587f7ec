/**
 * Bottleneck analysis (约束管理, Theory of Constraints; issue 7, `POST /v1/bottleneck`): the constraint, the
 * product mix that earns most throughput through it, the value of more capacity, and drum-buffer-rope.
 *
 * Units: load and capacity are standard minutes (capacity = working minutes × units × efficiency, as in
 * capacity assessment); money is whatever currency prices, unitCost and operatingExpense share.
 * Modelling decisions (solver/bottleneck/ files say why):
 * - setupMinutes are per order; the per-unit rates amortise each operation's setup over the period's demand
 *   for its item (one setup per item, operation and period), so load at full demand counts each setup once;
 * - an operation with alternative resources is flexible load: the mix LP splits it freely among them, the
 *   reported per-unit minutes and loads split it in proportion to the alternatives' available capacity;
 * - scrap (item.scrapRate) inflates the started quantities of every BOM level, as in MRP.
 */
import { z } from "zod";
import { FactoryModel } from "./factory.ts";
import { DurationMinutes, Id, listOf, MAX_PRODUCTS, Money, Quantity } from "./limits.ts";
import { ProgressList } from "./schedule.ts";
import { LocalDateTime, parseDateTime } from "./time.ts";


export const BottleneckPeriod = z
  .object({ start: LocalDateTime, end: LocalDateTime.describe("Exclusive; after start") })
  .refine((p) => (parseDateTime(p.end) ?? 0) > (parseDateTime(p.start) ?? 0), { message: "period.end must be after period.start", path: ["end"] })
  .meta({ id: "BottleneckPeriod", description: "The period whose capacity and demand are compared" });
export type BottleneckPeriod = z.infer<typeof BottleneckPeriod>;

export const BottleneckProduct = z
  .object({
    item: Id,
    price: Money.describe("Selling price per unit"),
    demand: Quantity.describe("Units the market takes in the period; the mix makes whole units only"),
  })
  .meta({ id: "BottleneckProduct" });
export type BottleneckProduct = z.infer<typeof BottleneckProduct>;

export const BottleneckRequest = FactoryModel.extend({
  period: BottleneckPeriod,
  products: listOf(BottleneckProduct, MAX_PRODUCTS, "products").min(1),
  operatingExpense: Money.describe("Operating expense of the period (netProfit = throughput − operatingExpense)"),
  now: LocalDateTime.optional().describe("Drum-buffer-rope: the drum starts here (default period.start); buffer status is measured at it"),
  progress: ProgressList.describe("Shop-floor progress of the orders (same shape as scheduling's)"),
  bufferMinutes: DurationMinutes.optional().describe("Constraint buffer in working minutes for every order; default: half of each order's lead time upstream of the constraint"),
}).meta({ id: "BottleneckRequest", description: "A factory model plus the period, the products' prices and demand, and the operating expense" });
export type BottleneckRequest = z.infer<typeof BottleneckRequest>;

export const ConstraintInfo = z
  .discriminatedUnion("kind", [
    z.object({
      kind: z.literal("resource"),
      resource: z.string(),
      utilization: z.number().nullable().describe("Load at full demand / capacity; null = load on no capacity"),
      pool: z.boolean().optional().describe("true: the constraint is a pool (issue 21: a crew short of labour minutes)"),
    }),
    z.object({ kind: z.literal("market"), resource: z.null() }),
  ])
  .meta({
    id: "ConstraintInfo",
    description: "The resource loaded most above 100 % at full demand, or the market when every resource can make the whole demand",
  });
export type ConstraintInfo = z.infer<typeof ConstraintInfo>;

export const ResourcePeriodLoad = z
  .object({
    resource: z.string(),
    availableMinutes: z.number().describe("Working minutes in the period × units × efficiency (standard minutes)"),
    loadMinutes: z.number().describe("Standard minutes to make the whole demand"),
    utilization: z.number().nullable().describe("loadMinutes / availableMinutes; null when load meets no capacity"),
    mixLoadMinutes: z.number().describe("Standard minutes the optimal mix uses (its chosen split of alternatives)"),
  })
  .meta({ id: "ResourcePeriodLoad" });
export type ResourcePeriodLoad = z.infer<typeof ResourcePeriodLoad>;

export const ProductEconomics = z
  .object({
    item: z.string(),
    tvc: z.number().describe("Totally variable cost per unit: bought items' unitCost rolled up through the BOM"),
    throughputPerUnit: z.number().describe("price − tvc"),
    minutesByResource: z.record(z.string(), z.number()).describe("Standard minutes per unit through the whole BOM"),
    throughputPerConstraintMinute: z.number().nullable().describe("T/CU; null when the market is the constraint or the product does not use it"),
  })
  .meta({ id: "ProductEconomics" });
export type ProductEconomics = z.infer<typeof ProductEconomics>;

const Mix = z.record(z.string(), z.number().int().nonnegative()).describe("Units per product item");

export const RankingMix = z
  .object({
    order: z.array(z.string()).describe("Products by T/CU, best first (products not using the constraint first)"),
    mix: Mix,
    throughput: z.number(),
    netProfit: z.number(),
  })
  .meta({ id: "RankingMix", description: "The T/CU greedy answer: each product in ranking order as far as every resource's remaining capacity allows" });
export type RankingMix = z.infer<typeof RankingMix>;

export const CapacityValue = z
  .object({
    resource: z.string(),
    shadowPricePerMinute: z.number().describe("Throughput gained per extra standard minute (LP relaxation, marginal rate for an increase)"),
    throughputPerExtraHour: z.number().describe("Throughput per extra working hour of one unit: shadowPricePerMinute × 60 × efficiency"),
    tenPercentMore: z.object({
      extraMinutes: z.number().describe("10 % of availableMinutes"),
      throughput: z.number().describe("Throughput of the integer mix with the extra time"),
      throughputGain: z.number(),
      nextConstraint: ConstraintInfo.describe("Afterwards, the binding resource whose extra hour is worth most; market when none binds"),
    }),
  })
  .meta({ id: "CapacityValue", description: "What more time on a resource is worth" });
export type CapacityValue = z.infer<typeof CapacityValue>;

export const BufferColour = z.enum(["green", "yellow", "red", "black"]);
export type BufferColour = z.infer<typeof BufferColour>;

export const DrumBufferRope = z
  .object({
    drumResource: z.string().describe("The constraint; when the market or a pool is the constraint, the most loaded resource"),
    drum: z.array(
      z.object({
        order: z.string(),
        operation: z.string(),
        unit: z.number().int().nonnegative(),
        start: LocalDateTime,
        end: LocalDateTime,
        part: z.number().int().nonnegative().optional().describe("Splittable operations: the 0-based part"),
        quantity: z.number().nonnegative().optional().describe("Splittable operations: the units this part makes"),
      }),
    ).describe("The orders' operations on the drum at finite capacity, by due date (less each order's due-date buffer) then priority; splittable ones by part"),
    releases: z.array(
      z.object({
        order: z.string(),
        release: LocalDateTime.describe("Material release: drum start − buffer, in working time of the first operation's resource"),
        drumStart: LocalDateTime,
        bufferMinutes: z.number().describe("Working minutes"),
      }),
    ),
    buffers: z.array(
      z.object({
        order: z.string(),
        status: BufferColour,
        consumed: z.number().describe("Share of the buffer used at `now`: working minutes since release / buffer minutes; 0 before the release"),
      }),
    ).describe(
      "With `now`: orders on their way to the drum (its operation neither done nor running, not every upstream operation done); green < 1/3, yellow < 2/3, red < 1, black ≥ 1",
    ),
    unscheduled: z.array(z.string()).describe("Orders whose drum work does not fit in the calendar horizon (two years)"),
  })
  .meta({ id: "DrumBufferRope" });
export type DrumBufferRope = z.infer<typeof DrumBufferRope>;

export const BottleneckResponse = z
  .object({
    constraint: ConstraintInfo,
    loads: z.array(ResourcePeriodLoad).describe("Every resource, most loaded first"),
    products: z.array(ProductEconomics),
    mix: Mix.describe("Optimal product mix (integer LP)"),
    mixStatus: z
      .enum(["optimal", "timedout"])
      .describe("timedout: optimality was not proved in the time limit; the mix is the LP's best, or the ranking's when that is better"),
    throughput: z.number().describe("Σ throughputPerUnit × mix"),
    netProfit: z.number().describe("throughput − operatingExpense"),
    binding: z.array(z.string()).describe("Resources whose extra capacity would raise throughput (positive shadow price)"),
    rankingMix: RankingMix,
    capacityValue: z.array(CapacityValue).describe("Binding resources and the constraint, most valuable first"),
    dbr: DrumBufferRope.optional().describe("When the request has orders"),
  })
  .meta({ id: "BottleneckResponse", description: "The constraint, the optimal product mix beside the T/CU ranking, the value of capacity, and drum-buffer-rope" });
export type BottleneckResponse = z.infer<typeof BottleneckResponse>;
