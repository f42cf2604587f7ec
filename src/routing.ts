import { z } from "zod";
import { DurationMinutes, Id, listOf, MAX_ALTERNATIVES, MAX_OPERATIONS_PER_ROUTING } from "./limits.ts";

export const Operation = z
  .object({
    id: Id,
    resources: listOf(Id, MAX_ALTERNATIVES, "alternative resources per operation").min(1).describe("Alternative resources, preferred first; one is used"),
    setupMinutes: DurationMinutes.default(0),
    runMinutesPerUnit: DurationMinutes,
    family: Id.optional().describe("Changeover family (coating, colour, gauge)"),
    minGapMinutes: DurationMinutes.default(0).describe("Elapsed minutes after the previous operation ends (cooling, curing)"),
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
