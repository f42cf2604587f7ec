import { z } from "zod";
import { MAX_STAGING_MINUTES } from "./material.ts";

/** Longest planning time fence (MRP), in buckets: a bound on the number, not a horizon (a fence longer than the horizon is a 422). */
export const MAX_FENCE_BUCKETS = 10_000;

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();

/** How MRP turns a net requirement into a planned order quantity (costs per unit per bucket). */
export const LotSizing = z
  .discriminatedUnion("rule", [
    z.object({ rule: z.literal("lot-for-lot") }),
    z.object({ rule: z.literal("fixed"), quantity: positive }),
    z.object({ rule: z.literal("periods"), periods: z.number().int().positive() }),
    z.object({ rule: z.literal("eoq"), setupCost: nonNegative, holdingCost: positive }),
    z.object({ rule: z.literal("wagner-whitin"), setupCost: nonNegative, holdingCost: nonNegative }),
    z.object({ rule: z.literal("silver-meal"), setupCost: nonNegative, holdingCost: nonNegative }),
  ])
  .meta({ id: "LotSizing", description: "Lot-sizing rule; holding cost is per unit per bucket" });
export type LotSizing = z.infer<typeof LotSizing>;

export const Item = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    unit: z.string().optional().describe("Unit of measure, e.g. pcs, t, m"),
    source: z.enum(["make", "buy"]).optional().describe("Default: make if the item is a BOM parent, else buy"),
    leadTime: z.number().int().nonnegative().default(0).describe("Whole planning buckets from release to receipt"),
    onHand: nonNegative.default(0),
    safetyStock: nonNegative.default(0),
    unitCost: nonNegative.optional().describe("Purchase cost per unit (bought items)"),
    lotSizing: LotSizing.default({ rule: "lot-for-lot" }),
    minimum: nonNegative.optional().describe("Smallest planned order quantity"),
    multiple: positive.optional().describe("Planned order quantities are rounded up to a multiple of this"),
    scrapRate: z.number().finite().min(0).lt(1).default(0).describe("Share of started units lost, 0 <= r < 1"),
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
