/**
 * The TOC ranking rule for the product mix (Goldratt, "The Haystack Syndrome", 1990): rank products by
 * throughput per constraint minute (T/CU) and make them in that order. Optimal when one resource binds;
 * with several binding resources it can be wrong (Lee & Plenert, "Optimizing theory of constraints when new
 * product alternatives exist", Production and Inventory Management Journal 34(3), 1993), which is why the
 * response shows it beside the LP's mix.
 *
 * Here each product, in ranking order, is made as far as its demand and every resource's remaining capacity
 * allow (whole units, flexible load split as reported per unit), so the answer is always a feasible plan
 * and its throughput compares directly with the LP's. Products that lose money (T ≤ 0) are not made.
 */

export interface RankedProduct {
  readonly throughputPerUnit: number;
  readonly demand: number;
  /** Standard minutes per unit on each resource. */
  readonly minutes: ReadonlyMap<string, number>;
}

/** Capacity left below this many minutes is rounding, not room for another unit. */
const MINUTE_TOLERANCE = 1e-9;

/** T/CU: throughput per unit / minutes per unit on the constraint; null with no constraint or no minutes on it. */
export function throughputPerConstraintMinute(product: RankedProduct, constraint: string | null): number | null {
  if (constraint === null) return null;
  const minutes = product.minutes.get(constraint) ?? 0;
  return minutes > 0 ? product.throughputPerUnit / minutes : null;
}

/**
 * The ranking (product indices, best first: products that do not use the constraint, then T/CU descending,
 * then throughput per unit descending, then request order) and the greedy quantities per product.
 */
export function rankingMix(
  products: readonly RankedProduct[],
  constraint: string | null,
  available: ReadonlyMap<string, number>,
): { order: number[]; quantities: number[] } {
  const tcu = products.map((p) => throughputPerConstraintMinute(p, constraint) ?? Infinity);
  const order = products.map((_, i) => i);
  order.sort((a, b) => {
    if (tcu[a] !== tcu[b]) return tcu[a]! > tcu[b]! ? -1 : 1;
    return products[b]!.throughputPerUnit - products[a]!.throughputPerUnit;
  });
  const remaining = new Map(available);
  const quantities = products.map(() => 0);
  for (const i of order) {
    const p = products[i]!;
    if (!(p.throughputPerUnit > 0)) continue;
    let q = Math.floor(p.demand);
    for (const [r, m] of p.minutes) {
      if (m > 0) q = Math.min(q, Math.floor(Math.max(0, remaining.get(r) ?? 0) / m + MINUTE_TOLERANCE));
    }
    quantities[i] = q;
    for (const [r, m] of p.minutes) remaining.set(r, (remaining.get(r) ?? 0) - q * m);
  }
  return { order, quantities };
}
