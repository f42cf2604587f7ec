/**
 * Optimal product mix by integer linear programming — the TOC product-mix problem (Goldratt's P&Q example,
 * "The Haystack Syndrome", 1990; LP formulation as in Luebbe & Finch, "Theory of constraints and linear
 * programming: a comparison", IJPR 30(6), 1992):
 *
 *   maximise   Σ_p T_p q_p                         (T_p = price − TVC, throughput per unit)
 *   subject to Σ_p a_pr q_p + Σ w_pkr ≤ b_r         for every resource r   (standard minutes)
 *              m_pk q_p − Σ_{r ∈ A_k} w_pkr ≤ 0     for every flexible load term k of p
 *              0 ≤ q_p ≤ demand_p, q_p integer;  w ≥ 0
 *
 * a_pr is p's fixed load on r; a flexible term (an operation with alternatives A_k) needs m_pk minutes per
 * unit placed on its alternatives in any split w. The relaxation (q continuous) is the LP whose shadow
 * prices capacity-value.ts reads.
 */
import type { LpEngine, LpModel, LpVariable } from "../lp/model.ts";
import type { LoadTerm } from "./roll-up-load.ts";

export interface MixProduct {
  readonly item: string;
  /** price − TVC, per unit. */
  readonly throughputPerUnit: number;
  /** Upper bound on the quantity, units. */
  readonly demand: number;
  readonly loads: readonly LoadTerm[];
}

/** The products' load in row form: one capacity row per resource any product loads. */
export interface CompiledMix {
  /** Resource of each capacity row. */
  readonly resources: readonly string[];
  /** Per product: [row, standard minutes per unit] of its single-resource load. */
  readonly fixed: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** Per product: its flexible terms (rows of the alternatives, minutes per unit). */
  readonly flexible: ReadonlyArray<ReadonlyArray<{ readonly rows: readonly number[]; readonly minutes: number }>>;
}

export function compileMix(products: readonly MixProduct[]): CompiledMix {
  const resources: string[] = [];
  const rowOf = new Map<string, number>();
  const row = (r: string) => {
    let i = rowOf.get(r);
    if (i === undefined) {
      i = resources.push(r) - 1;
      rowOf.set(r, i);
    }
    return i;
  };
  const fixed = products.map((p) => {
    const perRow = new Map<number, number>();
    for (const t of p.loads) if (t.resources.length === 1) perRow.set(row(t.resources[0]!), (perRow.get(row(t.resources[0]!)) ?? 0) + t.minutes);
    return [...perRow];
  });
  const flexible = products.map((p) => p.loads.filter((t) => t.resources.length > 1).map((t) => ({ rows: t.resources.map(row), minutes: t.minutes })));
  return { resources, fixed, flexible };
}

export interface MixModel {
  readonly model: LpModel;
  /** Variable index of q_p per product. */
  readonly quantityVar: readonly number[];
  /** Per capacity row: [variable, coefficient] terms, to read the load a solution puts on it. */
  readonly rowTerms: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/** The mix model for capacities per row (standard minutes); `integer: false` gives the LP relaxation. */
export function buildMixModel(products: readonly MixProduct[], compiled: CompiledMix, capacities: readonly number[], integer: boolean): MixModel {
  const variables: LpVariable[] = [];
  const rowTerms: Array<Array<[number, number]>> = compiled.resources.map(() => []);
  const splitRows: Array<{ name: string; terms: Array<[number, number]>; upper: number }> = [];
  const quantityVar = products.map((p, j) => {
    const q = variables.push({ name: `q${j}`, cost: p.throughputPerUnit, lower: 0, upper: p.demand, integer }) - 1;
    for (const [row, minutes] of compiled.fixed[j]!) rowTerms[row]!.push([q, minutes]);
    compiled.flexible[j]!.forEach((term, k) => {
      const split: Array<[number, number]> = [[q, term.minutes]];
      for (const row of term.rows) {
        const w = variables.push({ name: `w${j}_${k}_${row}`, cost: 0 }) - 1;
        rowTerms[row]!.push([w, 1]);
        split.push([w, -1]);
      }
      splitRows.push({ name: `split${j}_${k}`, terms: split, upper: 0 });
    });
    return q;
  });
  const constraints = [...compiled.resources.map((_, i) => ({ name: `cap${i}`, terms: rowTerms[i]!, upper: capacities[i]! })), ...splitRows];
  return { model: { sense: "maximize", variables, constraints }, quantityVar, rowTerms };
}

export interface MixSolution {
  readonly status: "optimal" | "timedout";
  /** Units per product (whole units for the integer model). */
  readonly quantities: readonly number[];
  /** Σ throughputPerUnit × quantity. */
  readonly throughput: number;
  /** Standard minutes the solution puts on each capacity row. */
  readonly rowMinutes: readonly number[];
  readonly elapsedMs: number;
}

/** Solves the mix; null when the engine returns no solution (error, or timed out before any incumbent). */
export async function solveMix(
  engine: LpEngine,
  products: readonly MixProduct[],
  compiled: CompiledMix,
  capacities: readonly number[],
  options: { integer: boolean; timeLimitSeconds?: number },
): Promise<MixSolution | null> {
  const built = buildMixModel(products, compiled, capacities, options.integer);
  const solution = await engine.solve(built.model, options.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: options.timeLimitSeconds });
  if ((solution.status !== "optimal" && solution.status !== "timedout") || solution.values.length === 0) return null;
  const value = (j: number) => solution.values[j] ?? 0;
  // Engines meet integrality within ~1e-6; whole units are what the plant makes.
  const quantities = built.quantityVar.map((j) => (options.integer ? Math.max(0, Math.round(value(j))) : value(j)));
  const throughput = products.reduce((sum, p, i) => sum + p.throughputPerUnit * quantities[i]!, 0);
  const rowMinutes = built.rowTerms.map((terms) => terms.reduce((sum, [j, a]) => sum + a * value(j), 0));
  return { status: solution.status, quantities, throughput, rowMinutes, elapsedMs: solution.elapsedMs };
}
