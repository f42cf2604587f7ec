import { z } from "zod";
import { MAX_MATERIAL_QUANTITY } from "./material.ts";
import { MAX_REQUIREMENTS, PoolRequirement } from "./pool.ts";

/** Longest maximum wait or due-date buffer: one year of elapsed minutes. */
export const MAX_ELAPSED_MINUTES = 366 * 1440;
/** Most parts a split operation may be divided into. */
export const MAX_SPLIT_PARTS = 64;

export const Split = z
  .object({
    minQuantity: z
      .number()
      .finite()
      .positive()
      .max(MAX_MATERIAL_QUANTITY)
      .describe(`Smallest part, in the order's unit (0 < q ≤ ${MAX_MATERIAL_QUANTITY}); larger than the order's quantity: the lot runs whole`),
    maxParts: z
      .number()
      .int()
      .min(1)
      .max(MAX_SPLIT_PARTS)
      .optional()
      .describe(`Most parts (1 … ${MAX_SPLIT_PARTS}); default: as many as minQuantity allows, up to four per unit that can run the operation`),
  })
  .meta({
    id: "Split",
    description:
      "The operation may be divided into parts of at least minQuantity that run at the same time or one after another on the units of its resources; each part pays its own setup",
  });
export type Split = z.infer<typeof Split>;

export const Operation = z
  .object({
    id: z.string().min(1),
    resources: z.array(z.string().min(1)).min(1).describe("Alternative resources, preferred first; one is used"),
    setupMinutes: z.number().finite().nonnegative().default(0),
    runMinutesPerUnit: z.number().finite().nonnegative(),
    family: z.string().min(1).optional().describe("Changeover family (coating, colour, gauge)"),
    minGapMinutes: z.number().finite().nonnegative().default(0).describe("Elapsed minutes after the previous operation ends (cooling, curing)"),
    consumes: z
      .array(z.string().min(1))
      .max(1000)
      .optional()
      .describe(
        "BOM components of the routing's item this operation consumes at its start (at most 1,000); components no operation names are consumed at the first operation",
      ),
    transferQuantity: z
      .number()
      .finite()
      .positive()
      .max(MAX_MATERIAL_QUANTITY)
      .optional()
      .describe(
        `Transfer batch (0 < q ≤ ${MAX_MATERIAL_QUANTITY} units): the next operation may start once this one has completed q units (setup + q × run working minutes after its start) ` +
          "and end no earlier than this one's end plus its own time for the last q units. Absent: the whole lot moves at once",
      ),
    split: Split.optional(),
    interruptible: z
      .boolean()
      .optional()
      .describe("Default true. false: runs in one unbroken stretch of its resource's working time (a furnace cycle); an order whose operation fits no stretch is unplannable"),
    maxWaitMinutes: z
      .number()
      .finite()
      .nonnegative()
      .max(MAX_ELAPSED_MINUTES)
      .optional()
      .describe(`At most this many elapsed minutes (0 … ${MAX_ELAPSED_MINUTES}) from the previous operation's end to this one's start; at least minGapMinutes. Hard`),
    requires: z
      .array(PoolRequirement)
      .max(MAX_REQUIREMENTS)
      .optional()
      .describe(`Pools (operators, crews, tools) held for the whole operation, setup included (at most ${MAX_REQUIREMENTS}); it works only while its machine and all its pools work`),
  })
  .meta({ id: "Operation" });
export type Operation = z.infer<typeof Operation>;

export const Routing = z
  .object({
    item: z.string().min(1),
    operations: z.array(Operation).min(1),
  })
  .meta({ id: "Routing", description: "The ordered operations that make an item" });
export type Routing = z.infer<typeof Routing>;
