/**
 * Independent checks of LP/MIP answers, straight from the model's definition and sharing no code with the
 * engines: a solution must respect every bound, row and integrality and carry the objective its values give;
 * duals are checked by the Lagrangian bound they imply, which equals the optimum only for optimal duals.
 */
import type { LpModel, LpSolution } from "../../solver/lp/model.ts";

/** Absolute slack allowed, scaled by the magnitude of what is compared (engines work to about 1e-7). */
const TOLERANCE = 1e-6;

function near(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(scale));
}

/** Every way `solution` fails `model`, as readable messages; empty when it is a valid solution. */
export function lpSolutionProblems(model: LpModel, solution: LpSolution): string[] {
  const problems: string[] = [];
  const x = solution.values;
  if (x.length !== model.variables.length) {
    return [`${x.length} values for ${model.variables.length} variables`];
  }
  let objective = 0;
  model.variables.forEach((v, j) => {
    const value = x[j]!;
    if (!Number.isFinite(value)) problems.push(`${v.name} = ${value}`);
    const lower = v.lower ?? 0;
    const upper = v.upper ?? Infinity;
    if (value < lower && !near(value, lower, lower)) problems.push(`${v.name} = ${value} < lower ${lower}`);
    if (value > upper && !near(value, upper, upper)) problems.push(`${v.name} = ${value} > upper ${upper}`);
    if (v.integer === true && !near(value, Math.round(value), 0)) problems.push(`${v.name} = ${value} is not integral`);
    objective += v.cost * value;
  });
  for (const row of model.constraints) {
    let activity = 0;
    let magnitude = 0;
    for (const [j, a] of row.terms) {
      activity += a * x[j]!;
      magnitude += Math.abs(a * x[j]!);
    }
    const lower = row.lower ?? -Infinity;
    const upper = row.upper ?? Infinity;
    if (activity < lower && !near(activity, lower, magnitude)) problems.push(`${row.name}: ${activity} < ${lower}`);
    if (activity > upper && !near(activity, upper, magnitude)) problems.push(`${row.name}: ${activity} > ${upper}`);
  }
  if (!near(objective, solution.objective, objective)) {
    problems.push(`objective reported ${solution.objective}, values give ${objective}`);
  }
  return problems;
}

/**
 * The bound on the optimum that multipliers `duals` prove, by weak Lagrangian duality: for any feasible x,
 * c·x = Σᵢ yᵢ(aᵢ·x) + Σⱼ dⱼxⱼ with reduced costs d = c − Aᵀy, and each term is bounded by the side of its row
 * or variable that the multiplier's sign selects. A lower bound when minimizing, an upper bound when
 * maximizing; valid for every y, and equal to the optimum only when y is an optimal dual (a certificate).
 * Infinite when a multiplier points at a missing side.
 */
export function lagrangianBound(model: LpModel, duals: ReadonlyArray<number>): number {
  const lowerBound = model.sense === "minimize";
  // For a min bound a positive weight takes the lower side; for a max bound, the upper side.
  const extreme = (weight: number, lower: number, upper: number): number => {
    if (Math.abs(weight) <= 1e-9) return 0;
    return (weight > 0) === lowerBound ? weight * lower : weight * upper;
  };
  const reduced = model.variables.map((v) => v.cost);
  let bound = 0;
  model.constraints.forEach((row, i) => {
    const y = duals[i]!;
    for (const [j, a] of row.terms) reduced[j] = reduced[j]! - y * a;
    bound += extreme(y, row.lower ?? -Infinity, row.upper ?? Infinity);
  });
  model.variables.forEach((v, j) => {
    bound += extreme(reduced[j]!, v.lower ?? 0, v.upper ?? Infinity);
  });
  return bound;
}
