/**
 * Value of capacity: shadow prices of the product-mix LP relaxation (LP duality, e.g. Chvátal, "Linear
 * Programming", 1983, ch. 5 and 10), and where the constraint moves when a resource gets 10 % more time
 * (Goldratt's step 4, "elevate the constraint", then step 5, "find the new one").
 *
 * The prices come from the dual LP, solved by the injected engine, so they do not depend on whether the
 * engine reports duals. For the mix LP of product-mix-lp.ts the dual is
 *
 *   minimise   Σ_r b_r y_r + Σ_p d_p z_p
 *   subject to Σ_r a_pr y_r + Σ_k m_pk u_pk + z_p ≥ T_p    for every product p
 *              y_r − u_pk ≥ 0                            for every alternative r of a flexible term k of p
 *              y, u, z ≥ 0
 *
 * When the optimum is degenerate the dual optimum is not unique, and an engine's duals are any one of
 * them. The question asked is "what does one more minute on r earn", the right derivative of the optimal
 * throughput in b_r, which is the smallest y_r over the optimal dual face; so each resource priced above
 * zero is re-solved as min y_r over that face. A resource exactly at 100 % with the market also saturated
 * thus gets 0, not an arbitrary share of the products' value.
 */
import type { CapacityValue, ConstraintInfo } from "../../src/bottleneck.ts";
import type { LpConstraint, LpEngine, LpVariable } from "../lp/model.ts";
import type { CompiledMix, MixProduct } from "./product-mix-lp.ts";
import { solveMix } from "./product-mix-lp.ts";

/** A price below this (throughput per standard minute) is zero within the engines' tolerances. */
const PRICE_TOLERANCE = 1e-9;

interface DualModel {
  readonly variables: LpVariable[];
  readonly constraints: LpConstraint[];
}

function buildDual(products: readonly MixProduct[], compiled: CompiledMix, capacities: readonly number[]): DualModel {
  const variables: LpVariable[] = compiled.resources.map((_, r) => ({ name: `y${r}`, cost: capacities[r]!, lower: 0 }));
  const constraints: LpConstraint[] = [];
  products.forEach((p, j) => {
    const z = variables.push({ name: `z${j}`, cost: p.demand, lower: 0 }) - 1;
    const column: Array<readonly [number, number]> = [...compiled.fixed[j]!, [z, 1]];
    compiled.flexible[j]!.forEach((term, k) => {
      const u = variables.push({ name: `u${j}_${k}`, cost: 0, lower: 0 }) - 1;
      column.push([u, term.minutes]);
      for (const row of term.rows) constraints.push({ name: `w${j}_${k}_${row}`, terms: [[row, 1], [u, -1]], lower: 0 });
    });
    constraints.push({ name: `q${j}`, terms: column, lower: p.throughputPerUnit });
  });
  return { variables, constraints };
}

/**
 * Throughput gained per extra standard minute on each capacity row (right derivative of the relaxation's
 * optimal throughput), and that optimal throughput.
 */
export async function shadowPrices(
  engine: LpEngine,
  products: readonly MixProduct[],
  compiled: CompiledMix,
  capacities: readonly number[],
): Promise<{ prices: number[]; relaxedThroughput: number }> {
  const dual = buildDual(products, compiled, capacities);
  const base = await engine.solve({ sense: "minimize", ...dual });
  if (base.status !== "optimal") throw new Error(`the product-mix dual LP must be solvable, the ${engine.name} engine said ${base.status} (${base.detail})`);
  const optimum = base.objective;
  // Slack on the optimum: the engines meet rows within ~1e-7, relative to these magnitudes.
  const onFace: LpConstraint = {
    name: "optimum",
    terms: dual.variables.map((v, j) => [j, v.cost] as const).filter(([, c]) => c !== 0),
    upper: optimum + 1e-9 * Math.max(1, Math.abs(optimum)),
  };
  const prices: number[] = [];
  for (let r = 0; r < compiled.resources.length; r++) {
    const first = base.values[r] ?? 0;
    if (first <= PRICE_TOLERANCE) {
      prices.push(0);
      continue;
    }
    const variables = dual.variables.map((v, j) => ({ ...v, cost: j === r ? 1 : 0 }));
    const least = await engine.solve({ sense: "minimize", variables, constraints: [...dual.constraints, onFace] });
    // Numerically the face can come out empty; the first optimal price is then the best answer there is.
    const price = least.status === "optimal" ? Math.min(first, least.objective) : first;
    prices.push(price > PRICE_TOLERANCE ? price : 0);
  }
  return { prices, relaxedThroughput: optimum };
}

export interface ValueContext {
  /** Efficiency per resource: an extra working hour of one unit is 60 × efficiency standard minutes. */
  readonly efficiency: ReadonlyMap<string, number>;
  /** Standard minutes at full demand per resource, for the next constraint's utilization. */
  readonly fullDemandLoad: ReadonlyMap<string, number>;
  /** Throughput of the current integer mix. */
  readonly throughput: number;
  /** Resources to value besides the binding ones (the constraint). */
  readonly alsoValue: readonly string[];
  /** Budget for all the integer re-solves together, seconds; shared equally. */
  readonly timeLimitSeconds?: number;
}

function perHour(price: number, resource: string, context: ValueContext): number {
  return price * 60 * (context.efficiency.get(resource) ?? 1);
}

/** The binding resource whose extra hour is worth most; the market when nothing binds. */
function constraintOf(prices: readonly number[], compiled: CompiledMix, capacities: readonly number[], context: ValueContext): ConstraintInfo {
  let best = -1;
  prices.forEach((price, r) => {
    const resource = compiled.resources[r]!;
    if (price > 0 && (best < 0 || perHour(price, resource, context) > perHour(prices[best]!, compiled.resources[best]!, context))) best = r;
  });
  if (best < 0) return { kind: "market", resource: null };
  const resource = compiled.resources[best]!;
  const load = context.fullDemandLoad.get(resource) ?? 0;
  return { kind: "resource", resource, utilization: capacities[best]! > 0 ? load / capacities[best]! : null };
}

/**
 * Shadow prices, the binding resources (positive price, in row order), and for each binding resource and
 * each of `alsoValue` what 10 % more time earns and where the constraint goes: most valuable first.
 */
export async function capacityValues(
  engine: LpEngine,
  products: readonly MixProduct[],
  compiled: CompiledMix,
  capacities: readonly number[],
  context: ValueContext,
): Promise<{ binding: string[]; values: CapacityValue[] }> {
  const { prices } = await shadowPrices(engine, products, compiled, capacities);
  const binding = compiled.resources.filter((_, r) => prices[r]! > 0);
  const valued = compiled.resources.map((_, r) => r).filter((r) => prices[r]! > 0 || context.alsoValue.includes(compiled.resources[r]!));
  const values: CapacityValue[] = [];
  const budget = context.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: context.timeLimitSeconds / Math.max(1, valued.length) };
  for (const r of valued) {
    const resource = compiled.resources[r]!;
    const elevated = capacities.map((b, i) => (i === r ? b * 1.1 : b));
    const mix = await solveMix(engine, products, compiled, elevated, { integer: true, ...budget });
    // More time never lowers the optimum; a timed-out re-solve that found less keeps the current mix.
    const throughput = Math.max(context.throughput, mix?.throughput ?? context.throughput);
    const after = await shadowPrices(engine, products, compiled, elevated);
    values.push({
      resource,
      shadowPricePerMinute: prices[r]!,
      throughputPerExtraHour: perHour(prices[r]!, resource, context),
      tenPercentMore: {
        extraMinutes: capacities[r]! * 0.1,
        throughput,
        throughputGain: throughput - context.throughput,
        nextConstraint: constraintOf(after.prices, compiled, elevated, context),
      },
    });
  }
  values.sort((a, b) => b.throughputPerExtraHour - a.throughputPerExtraHour);
  return { binding, values };
}
