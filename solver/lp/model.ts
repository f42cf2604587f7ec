/**
 * The one model-building interface every LP/MIP in Takt uses. A model is plain, readonly data, so it can
 * cross a worker boundary, be solved by either engine, and be checked independently of both.
 */

export interface LpVariable {
  /**
   * Unique name matching `[A-Za-z_][A-Za-z0-9_]*` (e.g. `ot_r3_b12`), so any engine's text format accepts it;
   * the engines throw a TypeError otherwise.
   */
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
  /** Sparse row: [variable index, coefficient]. A variable listed twice counts with the sum of its coefficients. */
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
  /** Objective value, in the model's sense (NaN unless a solution exists). */
  readonly objective: number;
  /**
   * Value per variable, by index (empty unless a solution exists: "optimal", or "timedout" with an incumbent).
   * Values are the engine's, within its tolerances (about 1e-6 on bounds, rows and integrality); not rounded.
   */
  readonly values: ReadonlyArray<number>;
  /**
   * Dual value (shadow price) per constraint, by index, for an optimal pure LP when the engine gives them
   * (HiGHS does, jslp does not): the change of the objective per unit increase of the constraint's binding side,
   * in the model's sense — so a binding capacity row of a maximization has a price ≥ 0, and a non-binding row 0.
   */
  readonly duals?: ReadonlyArray<number>;
  /** The engine's own status text, for diagnostics. */
  readonly detail: string;
  /** Milliseconds spent building and solving, by `LpSolveOptions.clock` (excludes loading the engine). */
  readonly elapsedMs: number;
}

export interface LpSolveOptions {
  /** Wall-clock budget in seconds; a timed-out MIP returns its best solution with status "timedout". */
  readonly timeLimitSeconds?: number;
  /** Relative MIP gap at which to stop, default 1e-6. */
  readonly mipGap?: number;
  /**
   * Monotonic clock in milliseconds by which the engine measures `elapsedMs` (and jslp tells that a MIP used up
   * its time limit); default `performance.now`. The limit itself is enforced by the engine's own clock.
   */
  readonly clock?: () => number;
}

export interface LpEngine {
  readonly name: "highs" | "jslp";
  solve(model: LpModel, options?: LpSolveOptions): Promise<LpSolution>;
}
