import { z } from "zod";

export const Changeover = z.object({
  from: z.string().min(1).describe("Family of the previous operation on the unit"),
  to: z.string().min(1).describe("Family of the next operation"),
  minutes: z.number().finite().nonnegative(),
});
export type Changeover = z.infer<typeof Changeover>;

export const SetupMatrix = z
  .object({
    default: z.number().finite().nonnegative().default(0).describe("Changeover minutes between two different families not listed"),
    changeovers: z.array(Changeover).default([]),
  })
  .meta({ description: "Sequence-dependent changeovers between operation families" });
export type SetupMatrix = z.infer<typeof SetupMatrix>;

export const Overtime = z.object({
  maxMinutesPerBucket: z.number().finite().nonnegative().describe("Most overtime minutes the resource may add in one planning bucket"),
  costPerMinute: z.number().finite().nonnegative(),
});
export type Overtime = z.infer<typeof Overtime>;

/** Members of one batch: a furnace charge of coils or a tray of parts, counted by quantity or by operations. */
export const MAX_BATCH_CAPACITY = 1e12;
/** A fixed batch cycle: one year of working minutes is far beyond any furnace. */
export const MAX_BATCH_MINUTES = 366 * 1440;

export const BatchRule = z
  .object({
    capacity: z
      .number()
      .finite()
      .positive()
      .max(MAX_BATCH_CAPACITY)
      .describe(`Most the members of one batch may hold together (0 < c ≤ ${MAX_BATCH_CAPACITY}): their total quantity, or their count`),
    measure: z.enum(["quantity", "operations"]).default("quantity").describe("quantity: Σ the members' order quantities; operations: the number of members"),
    minutes: z
      .number()
      .finite()
      .nonnegative()
      .max(MAX_BATCH_MINUTES)
      .optional()
      .describe(`A fixed cycle in working minutes (0 … ${MAX_BATCH_MINUTES}); absent: the batch takes its longest member's duration`),
  })
  .meta({
    id: "BatchRule",
    description:
      "A batch resource (annealing furnace, curing oven): operations of the same family on one unit may run together as one batch, starting and ending together; an operation alone is a batch of one",
  });
export type BatchRule = z.infer<typeof BatchRule>;

export const Resource = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    calendar: z.string().min(1).describe("Id of the resource's calendar"),
    efficiency: z.number().finite().positive().default(1).describe("Output per standard minute: 0.8 means 100 standard minutes take 125"),
    units: z.number().int().positive().default(1).describe("Identical parallel machines or crews"),
    overtime: Overtime.optional(),
    setupMatrix: SetupMatrix.optional(),
    batch: BatchRule.optional(),
  })
  .meta({ id: "Resource", description: "A machine, line or crew (work centre)" });
export type Resource = z.infer<typeof Resource>;
