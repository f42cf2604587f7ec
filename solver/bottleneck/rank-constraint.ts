/**
 * Identifying the constraint (step 1 of Goldratt's five focusing steps, "The Goal", 1984): every resource's
 * load at full demand against its capacity in the period; the most loaded one is the constraint if it is
 * loaded above 100 %, otherwise the plant can make everything the market takes and the market is the
 * constraint.
 *
 * Flexible load (an operation with alternatives) is split in proportion to the alternatives' available
 * capacity: the split that loads them evenly when nothing else uses them, and one that needs no solver.
 * (The mix LP chooses its own split; these figures are what a planner reads per unit and at full demand.)
 */
import type { ConstraintInfo } from "../../src/bottleneck.ts";
import type { LoadTerm } from "./roll-up-load.ts";

/** Load above capacity by more than this share counts as over 100 % (rounding of minutes is not overload). */
const OVERLOAD_TOLERANCE = 1e-9;

/** Standard minutes per unit on each resource, flexible terms split by available capacity (evenly if none has any). */
export function minutesByResource(loads: readonly LoadTerm[], available: ReadonlyMap<string, number>): Map<string, number> {
  const result = new Map<string, number>();
  const add = (r: string, m: number) => result.set(r, (result.get(r) ?? 0) + m);
  for (const term of loads) {
    const capacities = term.resources.map((r) => Math.max(0, available.get(r) ?? 0));
    const total = capacities.reduce((a, b) => a + b, 0);
    term.resources.forEach((r, i) => add(r, term.minutes * (total > 0 ? capacities[i]! / total : 1 / term.resources.length)));
  }
  return result;
}

export interface ResourceLoad {
  readonly resource: string;
  /** Standard minutes available in the period. */
  readonly availableMinutes: number;
  /** Standard minutes to make the whole demand. */
  readonly loadMinutes: number;
  /** loadMinutes / availableMinutes; null when there is load but no capacity (infinitely loaded). */
  readonly utilization: number | null;
}

/** Resources most loaded first (ties keep the given order), and the constraint. */
export function rankConstraint(
  resources: readonly string[],
  available: ReadonlyMap<string, number>,
  products: ReadonlyArray<{ demand: number; minutes: ReadonlyMap<string, number> }>,
): { loads: ResourceLoad[]; constraint: ConstraintInfo } {
  const loads = resources.map((resource): ResourceLoad => {
    const availableMinutes = available.get(resource) ?? 0;
    const loadMinutes = products.reduce((sum, p) => sum + p.demand * (p.minutes.get(resource) ?? 0), 0);
    const utilization = availableMinutes > 0 ? loadMinutes / availableMinutes : loadMinutes > 0 ? null : 0;
    return { resource, availableMinutes, loadMinutes, utilization };
  });
  const key = (l: ResourceLoad) => l.utilization ?? Infinity;
  loads.sort((a, b) => (key(a) === key(b) ? 0 : key(a) > key(b) ? -1 : 1));
  const top = loads[0];
  const constraint: ConstraintInfo =
    top !== undefined && key(top) > 1 + OVERLOAD_TOLERANCE
      ? { kind: "resource", resource: top.resource, utilization: top.utilization }
      : { kind: "market", resource: null };
  return { loads, constraint };
}
