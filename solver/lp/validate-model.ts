/**
 * Contract checks shared by every LP engine. Models are built by Takt's own code, never by users, so a
 * malformed one is a programming error: it throws a TypeError naming the first offending field, before
 * any engine sees it (an engine would otherwise fail late, obscurely, or silently read NaN as a number).
 * An infeasible model, including crossed bounds (lower > upper), is not a broken contract: it solves to
 * status "infeasible".
 */
import type { LpModel, LpSolveOptions } from "./model.ts";

/** Names every engine's text and JSON formats accept, e.g. `ot_r3_b12`. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function fail(path: string, problem: string): never {
  throw new TypeError(`LpModel.${path} ${problem}`);
}

/** A lower side may be −∞ but not +∞ or NaN; an upper side the mirror image. */
function checkSides(path: string, lower: number | undefined, upper: number | undefined): void {
  if (lower !== undefined && (Number.isNaN(lower) || lower === Infinity)) fail(`${path}.lower`, `is ${lower}`);
  if (upper !== undefined && (Number.isNaN(upper) || upper === -Infinity)) fail(`${path}.upper`, `is ${upper}`);
}

export function assertValidModel(model: LpModel): void {
  if (model.sense !== "minimize" && model.sense !== "maximize") fail("sense", `is ${String(model.sense)}`);
  const names = new Set<string>();
  model.variables.forEach((v, j) => {
    const path = `variables[${j}]`;
    if (!VARIABLE_NAME.test(v.name)) fail(`${path}.name`, `"${v.name}" is not [A-Za-z_][A-Za-z0-9_]*`);
    if (names.has(v.name)) fail(`${path}.name`, `"${v.name}" is used twice`);
    names.add(v.name);
    if (!Number.isFinite(v.cost)) fail(`${path}.cost`, `is ${v.cost}`);
    checkSides(path, v.lower, v.upper);
  });
  const n = model.variables.length;
  model.constraints.forEach((c, i) => {
    const path = `constraints[${i}]`;
    c.terms.forEach(([j, a], k) => {
      if (!Number.isInteger(j) || j < 0 || j >= n) fail(`${path}.terms[${k}]`, `names variable ${j}, not in 0..${n - 1}`);
      if (!Number.isFinite(a)) fail(`${path}.terms[${k}]`, `has coefficient ${a}`);
    });
    checkSides(path, c.lower, c.upper);
  });
}

export function assertValidOptions(options: LpSolveOptions): void {
  const { timeLimitSeconds, mipGap } = options;
  if (timeLimitSeconds !== undefined && !(timeLimitSeconds >= 0)) {
    throw new TypeError(`LpSolveOptions.timeLimitSeconds is ${timeLimitSeconds}`);
  }
  if (mipGap !== undefined && !(mipGap >= 0 && Number.isFinite(mipGap))) {
    throw new TypeError(`LpSolveOptions.mipGap is ${mipGap}`);
  }
}
