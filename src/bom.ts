import { z } from "zod";
import { Id, MAX_BOM_QUANTITY, positiveUpTo } from "./limits.ts";

export const BomLine = z
  .object({
    parent: Id,
    component: Id,
    quantity: positiveUpTo(MAX_BOM_QUANTITY).describe(`Component units per parent unit, at most ${MAX_BOM_QUANTITY.toExponential()}`),
  })
  .meta({ id: "BomLine", description: "One bill-of-materials line: parent needs quantity × component" });
export type BomLine = z.infer<typeof BomLine>;
