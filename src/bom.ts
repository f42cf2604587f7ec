import { z } from "zod";

export const BomLine = z
  .object({
    parent: z.string().min(1),
    component: z.string().min(1),
    quantity: z.number().finite().positive().describe("Component units per parent unit"),
  })
  .meta({ id: "BomLine", description: "One bill-of-materials line: parent needs quantity × component" });
export type BomLine = z.infer<typeof BomLine>;
