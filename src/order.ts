import { z } from "zod";
import { Id, PositiveQuantity, Text } from "./limits.ts";
import { LocalDateTime } from "./time.ts";

export const Priority = z.number().int().min(1).max(5).describe("1 most important … 5 least");

export const Order = z
  .object({
    id: Id,
    item: Id,
    quantity: PositiveQuantity,
    due: LocalDateTime,
    release: LocalDateTime.optional().describe("No operation starts earlier"),
    materialReady: LocalDateTime.optional().describe("Material arrives then; no operation starts earlier"),
    priority: Priority.default(3),
    customer: Text.optional(),
    kind: z.enum(["standard", "non-standard"]).default("standard"),
  })
  .meta({ id: "Order", description: "A customer or production order" });
export type Order = z.infer<typeof Order>;

/**
 * Weight of a priority in weighted objectives. Geometric, so that one minute of a priority-1 order
 * outweighs many minutes of a priority-5 one (1 → 10,000 … 5 → 1).
 */
export function priorityWeight(priority: number): number {
  return 10 ** (5 - priority);
}
