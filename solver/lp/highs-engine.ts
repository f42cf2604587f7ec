/**
 * LP/MIP engine on HiGHS (Huangfu & Hall, "Parallelizing the dual revised simplex method", Mathematical
 * Programming Computation 10, 2018; MIPs by HiGHS's branch-and-cut), compiled to WebAssembly by the npm
 * `highs` package. This is the engine for real models.
 *
 * The model goes in as arrays — bounds, costs and a compressed-sparse-row matrix — through the package's
 * persistent-model API, not as CPLEX LP text: no naming rules, no number formatting and no parsing, so a
 * 31,200-variable capacity LP builds and solves in about half the time of the LP-text route.
 *
 * The WASM runtime is loaded once per thread, on the first solve (about 0.15 s); a worker thread has its own.
 * Solves are synchronous inside, so a solve blocks its thread until HiGHS returns (the time limit bounds it).
 */
import highsModule from "highs";
import type { Highs, Model as HighsModel, ModelData, ModelStatusCode } from "highs";
import { esmDefault } from "./esm-default.ts";
import type { LpEngine, LpModel, LpSolution, LpSolveOptions, LpStatus } from "./model.ts";
import { assertValidModel, assertValidOptions } from "./validate-model.ts";

const loadRuntime = esmDefault(highsModule);
let runtime: Promise<Highs> | undefined;

/** The HiGHS WASM runtime of this thread, loaded once; a failed load is forgotten so the next call retries. */
function loadHighs(): Promise<Highs> {
  runtime ??= loadRuntime().catch((error: unknown) => {
    runtime = undefined;
    throw error;
  });
  return runtime;
}

function toModelData(model: LpModel, highs: Highs): ModelData {
  const n = model.variables.length;
  const m = model.constraints.length;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  const integrality = new Int32Array(n);
  let isMip = false;
  model.variables.forEach((v, j) => {
    colCost[j] = v.cost;
    colLower[j] = v.lower ?? 0;
    colUpper[j] = v.upper ?? Infinity;
    if (v.integer === true) {
      integrality[j] = highs.constants.variableType.integer;
      isMip = true;
    }
  });

  let nonzeros = 0;
  for (const c of model.constraints) nonzeros += c.terms.length;
  const starts = new Int32Array(m + 1);
  const indices = new Int32Array(nonzeros);
  const values = new Float64Array(nonzeros);
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  // HiGHS rejects a row naming a column twice; the model allows it and means the sum. positionInRow[j] is
  // where column j was last written: inside the current row if it is at or past the row's start.
  const positionInRow = new Int32Array(n).fill(-1);
  let k = 0;
  model.constraints.forEach((c, i) => {
    const rowStart = k;
    for (const [j, a] of c.terms) {
      const p = positionInRow[j]!;
      if (p >= rowStart) {
        values[p] = values[p]! + a;
      } else {
        positionInRow[j] = k;
        indices[k] = j;
        values[k] = a;
        k++;
      }
    }
    starts[i + 1] = k;
    rowLower[i] = c.lower ?? -Infinity;
    rowUpper[i] = c.upper ?? Infinity;
  });

  const sense = model.sense === "maximize" ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize;
  return {
    numCols: n,
    numRows: m,
    sense,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: {
      format: "csr",
      numRows: m,
      numCols: n,
      starts,
      indices: k === nonzeros ? indices : indices.slice(0, k),
      values: k === nonzeros ? values : values.slice(0, k),
    },
    ...(isMip ? { integrality } : {}),
  };
}

/**
 * Presolve can prove "infeasible or unbounded" without telling which. Solving for feasibility alone (zero
 * objective, same remaining time budget) decides: a feasible model that is one of the two is unbounded.
 */
function decideInfeasibleOrUnbounded(solver: HighsModel, highs: Highs, n: number): ModelStatusCode {
  solver.changeColsCost({ kind: "range", from: 0, to: n - 1 }, new Float64Array(n));
  const status = solver.run().modelStatus;
  return status === highs.constants.modelStatus.optimal ? highs.constants.modelStatus.unbounded : status;
}

function statusName(highs: Highs, code: ModelStatusCode): string {
  const entry = Object.entries(highs.constants.modelStatus).find(([, c]) => c === code);
  return entry === undefined ? `status ${code}` : entry[0];
}

function toLpStatus(highs: Highs, code: ModelStatusCode): LpStatus {
  const s = highs.constants.modelStatus;
  switch (code) {
    case s.optimal:
      return "optimal";
    case s.infeasible:
      return "infeasible";
    case s.unbounded:
      return "unbounded";
    // Limits we set (time) or HiGHS's own safety limits: stopped early, maybe with an incumbent.
    case s.timeLimit:
    case s.iterationLimit:
    case s.solutionLimit:
    case s.interrupted:
      return "timedout";
    default:
      return "error";
  }
}

/** No variables: every row's activity is 0, so the model is feasible exactly when each row admits 0. */
function solveWithoutVariables(model: LpModel): Omit<LpSolution, "elapsedMs"> {
  const feasible = model.constraints.every((c) => (c.lower ?? -Infinity) <= 0 && 0 <= (c.upper ?? Infinity));
  return feasible
    ? { status: "optimal", objective: 0, values: [], duals: model.constraints.map(() => 0), detail: "no variables" }
    : { status: "infeasible", objective: NaN, values: [], detail: "no variables; a row excludes 0" };
}

function solveWith(highs: Highs, model: LpModel, options: LpSolveOptions): Omit<LpSolution, "elapsedMs"> {
  const n = model.variables.length;
  if (n === 0) return solveWithoutVariables(model);
  const isMip = model.variables.some((v) => v.integer === true);
  let solver: HighsModel | undefined;
  try {
    solver = highs.createModel(toModelData(model, highs));
    // The wrapper rejects infinite option values: no limit means leaving HiGHS's default (none).
    const { timeLimitSeconds } = options;
    solver.options.set({
      output_flag: false,
      mip_rel_gap: options.mipGap ?? 1e-6,
      ...(timeLimitSeconds !== undefined && Number.isFinite(timeLimitSeconds) ? { time_limit: timeLimitSeconds } : {}),
    });
    let code = solver.run().modelStatus;
    let detail = statusName(highs, code);
    if (code === highs.constants.modelStatus.unboundedOrInfeasible) {
      code = decideInfeasibleOrUnbounded(solver, highs, n);
      detail += `; feasibility check: ${statusName(highs, code)}`;
    }
    const status = toLpStatus(highs, code);
    const hasSolution =
      (status === "optimal" || status === "timedout") &&
      solver.info.get("primal_solution_status") === highs.constants.solutionStatus.feasible;
    if (!hasSolution) return { status, objective: NaN, values: [], detail };
    const solution = solver.getSolution();
    const hasDuals =
      !isMip && status === "optimal" && solver.info.get("dual_solution_status") === highs.constants.solutionStatus.feasible;
    return {
      status,
      objective: solver.getObjectiveValue(),
      values: Array.from(solution.colValue),
      ...(hasDuals ? { duals: Array.from(solution.rowDual) } : {}),
      detail,
    };
  } catch (error) {
    // A native failure on a valid model is an engine fault, reported as a value like any other outcome;
    // the wrapper's validation errors mean this file misuses it, a bug to surface.
    if (error instanceof highs.errors.HighsError && !(error instanceof highs.errors.HighsValidationError)) {
      return { status: "error", objective: NaN, values: [], detail: error.message };
    }
    throw error;
  } finally {
    solver?.dispose();
  }
}

export const highsEngine: LpEngine = {
  name: "highs",
  async solve(model, options = {}) {
    assertValidModel(model);
    assertValidOptions(options);
    const highs = await loadHighs();
    const clock = options.clock ?? (() => performance.now());
    const start = clock();
    const result = solveWith(highs, model, options);
    return { ...result, elapsedMs: clock() - start };
  },
};

/**
 * Loads HiGHS and solves a one-variable LP, so the WASM code the simplex needs is compiled too: a worker thread
 * may call this at start-up so its first real solve does not pay about 0.1–0.3 s for either. Optional.
 */
export async function preloadHighs(): Promise<void> {
  await highsEngine.solve({
    sense: "minimize",
    variables: [{ name: "x", cost: 1 }],
    constraints: [{ name: "c", terms: [[0, 1]], lower: 1 }],
  });
}
