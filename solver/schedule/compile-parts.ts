/**
 * Lot splitting (issue 16): a routing operation with `split` is compiled into slices of equal size (whole
 * units where the lot is whole), as many as min(maxParts, what minQuantity allows, four per unit that can
 * run it, 64). The search places slices like any operation; slices of one lot that follow each other on a
 * unit without a gap form one part and pay one setup (decode-schedule.ts), so a lot is split only where the
 * plan gains from it, and parts come in multiples of a slice. Every slice holds at least minQuantity, so
 * every part does. A lot smaller than twice minQuantity is not split.
 */
import { MAX_SPLIT_PARTS } from "../../src/limits.ts";
import type { Order } from "../../src/order.ts";
import type { Split } from "../../src/routing.ts";
import type { ScheduledOperation } from "../../src/schedule.ts";

/** Slices per unit that can run the operation when maxParts is not given: enough to balance a lot over them. */
const SLICES_PER_UNIT = 4;

/** Quantities of the slices of a lot of `quantity` units, with `units` resource units able to run it. */
export function sliceQuantities(quantity: number, split: Split | undefined, units: number): number[] {
  if (split === undefined) return [quantity];
  const whole = Number.isInteger(quantity);
  let count = Math.min(split.maxParts ?? SLICES_PER_UNIT * units, MAX_SPLIT_PARTS, Math.floor(quantity / split.minQuantity));
  // Whole units: the smallest slice is ⌊q / count⌋, which must still hold minQuantity.
  while (whole && count > 1 && Math.floor(quantity / count) < split.minQuantity) count--;
  if (count <= 1) return [quantity];
  if (!whole) return Array.from({ length: count }, () => quantity / count);
  const base = Math.floor(quantity / count);
  const extra = quantity - base * count;
  return Array.from({ length: count }, (_, k) => base + (k < extra ? 1 : 0));
}

/**
 * The parts a given plan has of each operation (insertion's current plan, a reference plan), keyed by order
 * and operation: their quantities by part. Re-planning keeps them as they are.
 */
export function planParts(request: { readonly orders: readonly Pick<Order, "id" | "quantity">[] }, operations: readonly ScheduledOperation[]): Map<string, number[]> {
  const parts = new Map<string, number[]>();
  const quantityOf = new Map(request.orders.map((o) => [o.id, o.quantity]));
  for (const op of operations) {
    const key = `${op.order}\u0000${op.operation}`;
    const list = parts.get(key) ?? [];
    list[op.part ?? 0] = op.quantity ?? quantityOf.get(op.order)!;
    parts.set(key, list);
  }
  return parts;
}
