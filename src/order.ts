import { z } from "zod";
import { DurationMinutes, Id, MAX_DURATION_MINUTES, PositiveQuantity, Text } from "./limits.ts";
import { LocalDateTime } from "./time.ts";

/** A due-date buffer: elapsed minutes before the due date that the plan aims to finish by (0 … one year). */
export const DueBufferMinutes = DurationMinutes.describe(
  `Elapsed minutes (0 … ${MAX_DURATION_MINUTES}) before due by which the plan aims to finish: tardiness counts against due − buffer, lateness still against due`);

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
    dueBufferMinutes: DueBufferMinutes.optional().describe("This order's due-date buffer (default: options.dueBufferMinutes, else 0); the handbooks' 2 days is 2,880"),
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
