import { z } from "zod";
import { DurationMinutes, Id, listOf, MAX_CHANGEOVERS, MAX_DURATION_MINUTES, MAX_EFFICIENCY, MAX_QUANTITY, MAX_UNITS_PER_RESOURCE, MIN_EFFICIENCY, Money, PositiveQuantity, Text } from "./limits.ts";

export const Changeover = z.object({
  from: Id.describe("Family of the previous operation on the unit"),
  to: Id.describe("Family of the next operation"),
  minutes: DurationMinutes,
});
export type Changeover = z.infer<typeof Changeover>;

export const SetupMatrix = z
  .object({
    default: DurationMinutes.default(0).describe("Changeover minutes between two different families not listed"),
    changeovers: listOf(Changeover, MAX_CHANGEOVERS, "changeovers per setup matrix").default([]),
  })
  .meta({ description: "Sequence-dependent changeovers between operation families" });
export type SetupMatrix = z.infer<typeof SetupMatrix>;

export const Overtime = z.object({
  maxMinutesPerBucket: DurationMinutes.describe("Most overtime minutes the resource may add in one planning bucket"),
  costPerMinute: Money,
});
export type Overtime = z.infer<typeof Overtime>;

export const BatchRule = z
  .object({
    capacity: PositiveQuantity.describe(`Most the members of one batch may hold together (0 < c ≤ ${MAX_QUANTITY}): their total quantity, or their count`),
    measure: z.enum(["quantity", "operations"]).default("quantity").describe("quantity: Σ the members' order quantities; operations: the number of members"),
    minutes: DurationMinutes.optional().describe(`A fixed cycle in working minutes (0 … ${MAX_DURATION_MINUTES}); absent: the batch takes its longest member's duration`),
  })
  .meta({
    id: "BatchRule",
    description:
      "A batch resource (annealing furnace, curing oven): operations of the same family on one unit may run together as one batch, starting and ending together; an operation alone is a batch of one",
  });
export type BatchRule = z.infer<typeof BatchRule>;

export const Resource = z
  .object({
    id: Id,
    name: Text.optional(),
    calendar: Id.describe("Id of the resource's calendar"),
    efficiency: z
      .number()
      .finite()
      .min(MIN_EFFICIENCY)
      .max(MAX_EFFICIENCY)
      .default(1)
      .describe(`Output per standard minute: 0.8 means 100 standard minutes take 125; ${MIN_EFFICIENCY} to ${MAX_EFFICIENCY}`),
    units: z
      .number()
      .int()
      .positive()
      .max(MAX_UNITS_PER_RESOURCE)
      .default(1)
      .describe(`Identical parallel machines or crews, at most ${MAX_UNITS_PER_RESOURCE.toLocaleString("en-US")} (and all resources' units together at most the MAX_TOTAL_UNITS limit)`),
    overtime: Overtime.optional(),
    setupMatrix: SetupMatrix.optional(),
    batch: BatchRule.optional(),
  })
  .meta({ id: "Resource", description: "A machine, line or crew (work centre)" });
export type Resource = z.infer<typeof Resource>;
