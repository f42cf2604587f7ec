/**
 * LP/MIP engine on javascript-lp-solver (jsLPSolver: dense-tableau simplex, branch-and-cut for integers),
 * pure JavaScript. Far too slow for real models (a 6,500-variable capacity LP takes it tens of seconds where
 * HiGHS needs 0.1 s); it exists so tests can cross-check HiGHS on small models with an independent engine.
 *
 * Translation to its JSON model: variables, rows and the objective get generated keys (`x0`, `c0`, `obj`) so
 * no model name can collide with another. jsLPSolver's columns are all ≥ 0 with no other bounds, so each
 * variable is shifted onto such columns (see Substitution) and a finite range becomes a one-term row `b<j>`.
 * Its time limit only stops branch-and-cut; LP relaxations always run to the end. It gives no duals.
 * Known limit: on a MIP whose relaxation is unbounded it may branch forever (HiGHS does not), so give such
 * models a time limit; it then reports "timedout".
 */
import jslpModule from "javascript-lp-solver";
import type { ConstraintBound, Model as JslpModel, SolveResult } from "javascript-lp-solver";
import { esmDefault } from "./esm-default.ts";
import type { LpEngine, LpModel, LpSolution, LpSolveOptions } from "./model.ts";
import { assertValidModel, assertValidOptions } from "./validate-model.ts";

const jslp = esmDefault(jslpModule);
const OBJECTIVE = "obj";

/**
 * A model variable in jsLPSolver's columns, which are all ≥ 0: x = offset + Σ sign · column. A variable with
 * a finite lower bound L is L + y; with only an upper bound U, U − y; a free one y⁺ − y⁻. (Its own
 * `unrestricted` columns gave wrong optima, e.g. 0 for min x/2 over −2 ≤ x ≤ 0.)
 */
interface Substitution {
  readonly offset: number;
  readonly columns: ReadonlyArray<readonly [id: string, sign: 1 | -1]>;
}

interface Translation {
  readonly json: JslpModel;
  readonly substitutions: ReadonlyArray<Substitution>;
  /** The objective's constant part, Σ cost · offset, which jsLPSolver does not see. */
  readonly objectiveOffset: number;
}

/** `lower ≤ row ≤ upper` as a jsLPSolver bound (at least one side finite). */
function toBound(lower: number, upper: number): ConstraintBound {
  if (lower === upper) return { equal: lower };
  return { ...(lower > -Infinity ? { min: lower } : {}), ...(upper < Infinity ? { max: upper } : {}) };
}

function translate(model: LpModel, options: LpSolveOptions): Translation {
  const variables: Record<string, Record<string, number>> = {};
  const constraints: Record<string, ConstraintBound> = {};
  const ints: Record<string, 1> = {};
  let objectiveOffset = 0;
  const substitutions = model.variables.map((v, j): Substitution => {
    const integer = v.integer === true;
    // Rounding an integer variable's bounds inward keeps its shifted column integral.
    const lower = integer ? Math.ceil(v.lower ?? 0) : (v.lower ?? 0);
    const upper = integer ? Math.floor(v.upper ?? Infinity) : (v.upper ?? Infinity);
    const id = `x${j}`;
    const substitution: Substitution =
      lower > -Infinity
        ? { offset: lower, columns: [[id, 1]] }
        : upper < Infinity
          ? { offset: upper, columns: [[id, -1]] }
          : { offset: 0, columns: [[`${id}p`, 1], [`${id}n`, -1]] };
    for (const [column, sign] of substitution.columns) {
      variables[column] = { [OBJECTIVE]: sign * v.cost };
      if (integer) ints[column] = 1;
    }
    objectiveOffset += v.cost * substitution.offset;
    if (lower > -Infinity && upper < Infinity) {
      // Negative when the bounds cross: y ≤ negative then makes the model infeasible, as it should.
      constraints[`b${j}`] = { max: upper - lower };
      variables[id]![`b${j}`] = 1;
    }
    return substitution;
  });
  model.constraints.forEach((c, i) => {
    if (c.lower === undefined && c.upper === undefined) return;
    const key = `c${i}`;
    let shift = 0;
    for (const [j, a] of c.terms) {
      const substitution = substitutions[j]!;
      shift += a * substitution.offset;
      for (const [id, sign] of substitution.columns) {
        const column = variables[id]!;
        column[key] = (column[key] ?? 0) + sign * a;
      }
    }
    constraints[key] = toBound((c.lower ?? -Infinity) - shift, (c.upper ?? Infinity) - shift);
  });
  const { timeLimitSeconds, mipGap = 1e-6 } = options;
  const json: JslpModel = {
    optimize: OBJECTIVE,
    opType: model.sense === "maximize" ? "max" : "min",
    constraints,
    variables,
    ints,
    options: {
      // Its presolve (1.0.3) declared some feasible models infeasible.
      presolve: false,
      tolerance: mipGap,
      ...(timeLimitSeconds !== undefined && Number.isFinite(timeLimitSeconds) ? { timeout: timeLimitSeconds * 1000 } : {}),
    },
  };
  return { json, substitutions, objectiveOffset };
}

function solveWith(model: LpModel, options: LpSolveOptions, elapsedMs: () => number): Omit<LpSolution, "elapsedMs"> {
  const { json, substitutions, objectiveOffset } = translate(model, options);
  const result = jslp.Solve(json) as SolveResult;
  const isMip = model.variables.some((v) => v.integer === true);
  // jsLPSolver does not say it stopped at its timeout; a MIP that ran the whole budget (by the options'
  // clock) is taken to have.
  const timedOut = isMip && options.timeLimitSeconds !== undefined && elapsedMs() >= options.timeLimitSeconds * 1000;
  const detail = `feasible=${result.feasible} bounded=${String(result.bounded)} integral=${String(result.isIntegral)}`;
  // After branch-and-cut the tableau holds an integral incumbent only if one was found.
  const hasSolution = result.feasible && result.bounded !== false && (!isMip || result.isIntegral === true);
  if (!hasSolution) {
    const status = timedOut ? "timedout" : result.feasible && result.bounded === false ? "unbounded" : "infeasible";
    return { status, objective: NaN, values: [], detail };
  }
  return {
    status: timedOut ? "timedout" : "optimal",
    objective: result.result + objectiveOffset,
    // jsLPSolver leaves out columns at 0.
    values: substitutions.map(({ offset, columns }) =>
      columns.reduce((x, [id, sign]) => {
        const value = result[id];
        return typeof value === "number" ? x + sign * value : x;
      }, offset),
    ),
    detail,
  };
}

export const jslpEngine: LpEngine = {
  name: "jslp",
  async solve(model, options = {}) {
    assertValidModel(model);
    assertValidOptions(options);
    const clock = options.clock ?? (() => performance.now());
    const start = clock();
    const result = solveWith(model, options, () => clock() - start);
    return { ...result, elapsedMs: clock() - start };
  },
};
