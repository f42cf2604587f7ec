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

export const Resource = z
  .object({
    id: z.string().min(1),
    name: z.string().optional(),
    calendar: z.string().min(1).describe("Id of the resource's calendar"),
    efficiency: z.number().finite().positive().default(1).describe("Output per standard minute: 0.8 means 100 standard minutes take 125"),
    units: z.number().int().positive().default(1).describe("Identical parallel machines or crews"),
    overtime: Overtime.optional(),
    setupMatrix: SetupMatrix.optional(),
  })
  .meta({ id: "Resource", description: "A machine, line or crew (work centre)" });
export type Resource = z.infer<typeof Resource>;
