import { z } from "zod";
import { Id, LotQuantity, MAX_FENCE_BUCKETS, MAX_MRP_BUCKETS, MAX_SCRAP_RATE, MAX_STAGING_MINUTES, Money, Quantity, Text } from "./limits.ts";

/** Holding cost per unit per bucket where it divides (EOQ): positive, and not so small that the lot size overflows. */
const DIVISOR_COST = z.number().finite().min(1e-6).max(1e12);

/** How MRP turns a net requirement into a planned order quantity (costs per unit per bucket). */
export const LotSizing = z
  .discriminatedUnion("rule", [
    z.object({ rule: z.literal("lot-for-lot") }),
    z.object({ rule: z.literal("fixed"), quantity: LotQuantity }),
    z.object({ rule: z.literal("periods"), periods: z.number().int().positive().max(MAX_MRP_BUCKETS) }),
    z.object({ rule: z.literal("eoq"), setupCost: Money, holdingCost: DIVISOR_COST.describe("Per unit per bucket, 1e-6 … 1e12") }),
    z.object({ rule: z.literal("wagner-whitin"), setupCost: Money, holdingCost: Money }),
    z.object({ rule: z.literal("silver-meal"), setupCost: Money, holdingCost: Money }),
  ])
  .meta({ id: "LotSizing", description: "Lot-sizing rule; holding cost is per unit per bucket" });
export type LotSizing = z.infer<typeof LotSizing>;

export const Item = z
  .object({
    id: Id,
    name: Text.optional(),
    unit: Text.optional().describe("Unit of measure, e.g. pcs, t, m"),
    source: z.enum(["make", "buy"]).optional().describe("Default: make if the item is a BOM parent, else buy"),
    leadTime: z.number().int().nonnegative().max(MAX_MRP_BUCKETS).default(0).describe("Whole planning buckets from release to receipt"),
    onHand: Quantity.default(0),
    safetyStock: Quantity.default(0),
    unitCost: Money.optional().describe("Purchase cost per unit (bought items)"),
    lotSizing: LotSizing.default({ rule: "lot-for-lot" }),
    minimum: Quantity.optional().describe("Smallest planned order quantity"),
    multiple: LotQuantity.optional().describe("Planned order quantities are rounded up to a multiple of this"),
    scrapRate: z.number().finite().min(0).max(MAX_SCRAP_RATE).default(0).describe(`Share of started units lost, 0 <= r <= ${MAX_SCRAP_RATE}`),
    phantom: z.boolean().default(false).describe("Exploded through, never stocked or ordered"),
    supplier: z.string().min(1).optional().describe("Who supplies a bought item: named in MRP's supplier follow-up list"),
    planningFenceBuckets: z
      .number()
      .int()
      .nonnegative()
      .max(MAX_FENCE_BUCKETS)
      .optional()
      .describe(`MRP planning time fence of this item, in buckets (0 … ${MAX_FENCE_BUCKETS}): no planned orders are due inside it (the longer of this and options.planningFenceBuckets applies)`),
    stagingMinutes: z
      .number()
      .finite()
      .nonnegative()
      .max(MAX_STAGING_MINUTES)
      .default(0)
      .describe(`Elapsed minutes a received quantity must be on hand before an operation may consume it (inspection), 0 … ${MAX_STAGING_MINUTES}; stock on hand at the plan start is usable at once`),
  })
  .meta({ id: "Item", description: "A material: finished product, sub-assembly, part or raw material" });
export type Item = z.infer<typeof Item>;
