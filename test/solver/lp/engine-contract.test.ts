/**
 * What both engines promise beyond optima: broken models are rejected with a TypeError, models are never
 * mutated, edge-case models have defined answers, and a time limit ends a MIP with its incumbent.
 */
import { describe, expect, test } from "vitest";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import type { LpModel, LpSolveOptions } from "../../../solver/lp/model.ts";
import { lpSolutionProblems } from "../../helpers/check-lp-solution.ts";
import { buildLp } from "./build-lp.ts";

const engines = [highsEngine, jslpEngine];

const valid = buildLp("maximize", { ot_r3_b12: { cost: 1, upper: 2 }, _y: { cost: 1, upper: 3 } }, {
  cap: { terms: { ot_r3_b12: 1, _y: 1 }, upper: 4 },
});

function withVariable(change: Partial<LpModel["variables"][number]>): LpModel {
  return { ...valid, variables: [{ ...valid.variables[0]!, ...change }, valid.variables[1]!] };
}

function withRow(change: Partial<LpModel["constraints"][number]>): LpModel {
  return { ...valid, constraints: [{ ...valid.constraints[0]!, ...change }] };
}

describe.each(engines)("$name", (engine) => {
  test.each([
    ["a name starting with a digit", withVariable({ name: "3x" })],
    ["a name with a space", withVariable({ name: "x y" })],
    ["a name with a dash", withVariable({ name: "ot-r3" })],
    ["an empty name", withVariable({ name: "" })],
    ["a name used twice", withVariable({ name: "_y" })],
    ["a NaN cost", withVariable({ cost: NaN })],
    ["an infinite cost", withVariable({ cost: Infinity })],
    ["a lower bound of +∞", withVariable({ lower: Infinity })],
    ["an upper bound of −∞", withVariable({ upper: -Infinity })],
    ["a NaN bound", withVariable({ upper: NaN })],
    ["a term naming a missing variable", withRow({ terms: [[2, 1]] })],
    ["a term with a fractional index", withRow({ terms: [[0.5, 1]] })],
    ["a NaN coefficient", withRow({ terms: [[0, NaN]] })],
    ["a NaN row side", withRow({ lower: NaN })],
  ] as const)("rejects %s with a TypeError", async (_, model) => {
    await expect(engine.solve(model)).rejects.toThrow(TypeError);
  });

  test.each([
    ["a negative time limit", { timeLimitSeconds: -1 }],
    ["a NaN MIP gap", { mipGap: NaN }],
  ] as const)("rejects %s with a TypeError", async (_, options: LpSolveOptions) => {
    await expect(engine.solve(valid, options)).rejects.toThrow(TypeError);
  });

  test("solves a deeply frozen model and leaves it equal to a copy", async () => {
    const copy = structuredClone(valid);
    const frozen = deepFreeze(structuredClone(valid));
    const solution = await engine.solve(frozen);
    expect(solution.status).toBe("optimal");
    expect(solution.objective).toBeCloseTo(4, 9);
    expect(frozen).toEqual(copy);
  });

  test("reports elapsed time by the clock it is given", async () => {
    let now = 1000;
    const clock = (): number => (now += 10);
    expect((await engine.solve(valid, { clock })).elapsedMs).toBe(10);
  });

  test("a model without variables is optimal at 0 when every row admits 0, else infeasible", async () => {
    const rows = (lower: number) => ({ sense: "minimize" as const, variables: [], constraints: [{ name: "r", terms: [], lower }] });
    const fits = await engine.solve(rows(-1));
    expect(fits).toMatchObject({ status: "optimal", objective: 0, values: [] });
    expect((await engine.solve(rows(1))).status).toBe("infeasible");
  });

  test("a row with neither side bounds nothing", async () => {
    const solution = await engine.solve({ ...valid, constraints: [{ name: "free", terms: [[0, 1]] }] });
    expect(solution.status).toBe("optimal");
    expect(solution.objective).toBeCloseTo(5, 9);
  });

  test("a MIP stopped by its time limit answers timedout with its incumbent, or optimal", async () => {
    const model = marketSplit(4, 36);
    const solution = await engine.solve(model, { timeLimitSeconds: 0.3 });
    expect(["timedout", "optimal"]).toContain(solution.status);
    if (solution.values.length > 0) expect(lpSolutionProblems(model, solution)).toEqual([]);
    else expect(solution.objective).toBeNaN();
  });
});

describe("highs", () => {
  test("settles presolve's 'infeasible or unbounded' by a feasibility solve", async () => {
    // 2x − 2y = 1 has no integer solution, while its relaxation is unbounded along x = y + 1/2.
    const model = buildLp("minimize", { x: { cost: -1, integer: true }, y: { integer: true } }, {
      odd: { terms: { x: 2, y: -2 }, lower: 1, upper: 1 },
    });
    expect((await highsEngine.solve(model)).status).toBe("infeasible");
  });

  test("a MIP given almost no time still answers", async () => {
    const solution = await highsEngine.solve(marketSplit(4, 36), { timeLimitSeconds: 1e-4 });
    expect(["timedout", "optimal"]).toContain(solution.status);
  });
});

/**
 * Cornuéjols & Dawande's market split, a MIP notoriously hard to prove optimal: split 0/1 items so that
 * each of `rows` weighted sums comes as close as possible to half its total; slacks measure the miss.
 * Weights from a fixed linear congruential sequence.
 */
function marketSplit(rows: number, items: number): LpModel {
  let seed = 12345;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 100;
  const variables: Record<string, { cost?: number; upper?: number; integer?: boolean }> = {};
  for (let j = 0; j < items; j++) variables[`item${j}`] = { upper: 1, integer: true };
  const constraints: Record<string, { terms: Record<string, number>; lower: number; upper: number }> = {};
  for (let i = 0; i < rows; i++) {
    variables[`over${i}`] = { cost: 1 };
    variables[`under${i}`] = { cost: 1 };
    const terms: Record<string, number> = { [`over${i}`]: -1, [`under${i}`]: 1 };
    let total = 0;
    for (let j = 0; j < items; j++) total += terms[`item${j}`] = next();
    const half = Math.floor(total / 2);
    constraints[`split${i}`] = { terms, lower: half, upper: half };
  }
  return buildLp("minimize", variables, constraints);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
