import { z } from "zod";
import { DurationMinutes, Id, listOf, MAX_ALTERNATIVES, MAX_CONSUMED_COMPONENTS, MAX_OPERATIONS_PER_ROUTING } from "./limits.ts";

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
