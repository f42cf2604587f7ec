import { z } from "zod";
import { DurationMinutes, Id, listOf, MAX_CHANGEOVERS, MAX_EFFICIENCY, MAX_UNITS_PER_RESOURCE, MIN_EFFICIENCY, Money, Text } from "./limits.ts";

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
  })
  .meta({ id: "Resource", description: "A machine, line or crew (work centre)" });
export type Resource = z.infer<typeof Resource>;
