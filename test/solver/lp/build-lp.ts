/** Writes test models by variable name instead of index, so textbook problems read like the textbook. */
import type { LpConstraint, LpModel, LpSolution, LpVariable } from "../../../solver/lp/model.ts";

export interface VariableSpec {
  cost?: number;
  lower?: number;
  upper?: number;
  integer?: boolean;
}

export interface RowSpec {
  terms: Record<string, number>;
  lower?: number;
  upper?: number;
}

export function buildLp(
  sense: LpModel["sense"],
  variables: Record<string, VariableSpec>,
  rows: Record<string, RowSpec> = {},
): LpModel {
  const names = Object.keys(variables);
  const index = (name: string): number => {
    const j = names.indexOf(name);
    if (j < 0) throw new Error(`unknown variable ${name}`);
    return j;
  };
  const lpVariables: LpVariable[] = names.map((name) => {
    const { cost = 0, lower, upper, integer } = variables[name]!;
    return {
      name,
      cost,
      ...(lower !== undefined ? { lower } : {}),
      ...(upper !== undefined ? { upper } : {}),
      ...(integer !== undefined ? { integer } : {}),
    };
  });
  const constraints: LpConstraint[] = Object.entries(rows).map(([name, { terms, lower, upper }]) => ({
    name,
    terms: Object.entries(terms).map(([v, a]) => [index(v), a] as const),
    ...(lower !== undefined ? { lower } : {}),
    ...(upper !== undefined ? { upper } : {}),
  }));
  return { sense, variables: lpVariables, constraints };
}

/** The solution's values keyed by variable name. */
export function valuesByName(model: LpModel, solution: LpSolution): Record<string, number> {
  return Object.fromEntries(model.variables.map((v, j) => [v.name, solution.values[j]!]));
}
