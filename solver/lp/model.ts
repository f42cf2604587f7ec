/**
 * The one model-building interface every LP/MIP in Takt uses. A model is plain, readonly data, so it can
 * cross a worker boundary, be solved by either engine, and be checked independently of both.
 */

export interface LpVariable {
  /** Unique name; letters, digits and `_` only, so every engine's text format accepts it. */
  readonly name: string;
  /** Objective coefficient. */
  readonly cost: number;
  /** Lower bound, default 0. */
  readonly lower?: number;
  /** Upper bound, default +Infinity. */
  readonly upper?: number;
  /** Integer variable (makes the model a MIP). */
  readonly integer?: boolean;
}

export interface LpConstraint {
  readonly name: string;
  /** Sparse row: [variable index, coefficient]. */
  readonly terms: ReadonlyArray<readonly [number, number]>;
  /** lower ≤ Σ terms ≤ upper; omit a side for −∞ / +∞ (equal sides make an equality). */
  readonly lower?: number;
  readonly upper?: number;
}

export interface LpModel {
  readonly sense: "minimize" | "maximize";
  readonly variables: ReadonlyArray<LpVariable>;
  readonly constraints: ReadonlyArray<LpConstraint>;
}

export type LpStatus = "optimal" | "infeasible" | "unbounded" | "timedout" | "error";

export interface LpSolution {
  readonly status: LpStatus;
  /** Objective value (NaN unless a solution exists). */
  readonly objective: number;
  /** Value per variable, by index (empty unless a solution exists). */
  readonly values: ReadonlyArray<number>;
  /** Dual value (shadow price) per constraint, by index, when the engine gives them for an LP. */
  readonly duals?: ReadonlyArray<number>;
  /** The engine's own status text, for diagnostics. */
  readonly detail: string;
  readonly elapsedMs: number;
}

export interface LpSolveOptions {
  /** Wall-clock budget in seconds; a timed-out MIP returns its best solution with status "timedout". */
  readonly timeLimitSeconds?: number;
  /** Relative MIP gap at which to stop, default 1e-6. */
  readonly mipGap?: number;
}

export interface LpEngine {
  readonly name: "highs" | "jslp";
  solve(model: LpModel, options?: LpSolveOptions): Promise<LpSolution>;
}
