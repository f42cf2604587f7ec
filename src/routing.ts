import { z } from "zod";
import { DurationMinutes, Id, listOf, MAX_ALTERNATIVES, MAX_CONSUMED_COMPONENTS, MAX_DURATION_MINUTES, MAX_OPERATIONS_PER_ROUTING, MAX_QUANTITY, MAX_REQUIREMENTS, MAX_SPLIT_PARTS, PositiveQuantity } from "./limits.ts";
import { PoolRequirement } from "./pool.ts";

export const Split = z
  .object({
    minQuantity: PositiveQuantity.describe(`Smallest part, in the order's unit (0 < q ≤ ${MAX_QUANTITY}); larger than the order's quantity: the lot runs whole`),
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
    id: Id,
    resources: listOf(Id, MAX_ALTERNATIVES, "alternative resources per operation").min(1).describe("Alternative resources, preferred first; one is used"),
    setupMinutes: DurationMinutes.default(0),
    runMinutesPerUnit: DurationMinutes,
    family: Id.optional().describe("Changeover family (coating, colour, gauge)"),
    minGapMinutes: DurationMinutes.default(0).describe("Elapsed minutes after the previous operation ends (cooling, curing)"),
    consumes: listOf(Id, MAX_CONSUMED_COMPONENTS, "consumed components per operation")
      .optional()
      .describe(
        "BOM components of the routing's item this operation consumes at its start (at most 1,000); components no operation names are consumed at the first operation",
      ),
    transferQuantity: PositiveQuantity.optional().describe(
        `Transfer batch (0 < q ≤ ${MAX_QUANTITY} units): the next operation may start once this one has completed q units (setup + q × run working minutes after its start) ` +
          "and end no earlier than this one's end plus its own time for the last q units. Absent: the whole lot moves at once",
      ),
    split: Split.optional(),
    interruptible: z
      .boolean()
      .optional()
      .describe("Default true. false: runs in one unbroken stretch of its resource's working time (a furnace cycle); an order whose operation fits no stretch is unplannable"),
    maxWaitMinutes: DurationMinutes.optional().describe(
        `At most this many elapsed minutes (0 … ${MAX_DURATION_MINUTES}) from the previous operation's end to this one's start; at least minGapMinutes. Hard`),
    requires: listOf(PoolRequirement, MAX_REQUIREMENTS, "pool requirements per operation")
      .optional()
      .describe(`Pools (operators, crews, tools) held for the whole operation, setup included (at most ${MAX_REQUIREMENTS}); it works only while its machine and all its pools work`),
  })
  .meta({ id: "Operation" });
export type Operation = z.infer<typeof Operation>;

export const Routing = z
  .object({
    item: Id,
    operations: listOf(Operation, MAX_OPERATIONS_PER_ROUTING, "operations per routing").min(1),
  })
  .meta({ id: "Routing", description: "The ordered operations that make an item" });
export type Routing = z.infer<typeof Routing>;
