import { z } from "zod";

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
