/**
 * Named small problems with optima worked by hand; both engines must reach them, and every solution they
 * return must pass the independent checker (values are compared only where the optimum is unique).
 */
import { describe, expect, test } from "vitest";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import type { LpModel, LpStatus } from "../../../solver/lp/model.ts";
import { lagrangianBound, lpSolutionProblems } from "../../helpers/check-lp-solution.ts";
import { buildLp, valuesByName } from "./build-lp.ts";

interface TextbookCase {
  name: string;
  model: LpModel;
  status: LpStatus;
  objective?: number;
  /** Only for a unique optimum. */
  values?: Record<string, number>;
}

/** Hillier & Lieberman's Wyndor Glass product mix: optimum (2, 6), profit 36; shadow prices 0, 1.5, 1. */
const wyndor = buildLp(
  "maximize",
  { doors: { cost: 3 }, windows: { cost: 5 } },
  {
    plant1: { terms: { doors: 1 }, upper: 4 },
    plant2: { terms: { windows: 2 }, upper: 12 },
    plant3: { terms: { doors: 3, windows: 2 }, upper: 18 },
  },
);

/** Diet: vertices (0, 9) cost 27, (8, 0) cost 16, (2, 3) cost 13; duals solve y1 + 3y2 = 2, 2y1 + y2 = 3. */
const diet = buildLp(
  "minimize",
  { oats: { cost: 2 }, milk: { cost: 3 } },
  {
    protein: { terms: { oats: 1, milk: 2 }, lower: 8 },
    energy: { terms: { oats: 3, milk: 1 }, lower: 9 },
  },
);

/**
 * Balanced transportation, supplies 20 / 30, demands 10 / 25 / 15, costs [2 4 5; 3 1 7]. S2 ships 25 to D2
 * (cost 1) and its last 5 to D1 (3, cheaper than 7 to D3); S1 covers D1's other 5 and D3's 15. Cost 125;
 * potentials u = (0, 1), v = (2, 0, 5) leave reduced costs 4 and 1 on the empty routes, so it is unique.
 */
const transport = buildLp(
  "minimize",
  { s1d1: { cost: 2 }, s1d2: { cost: 4 }, s1d3: { cost: 5 }, s2d1: { cost: 3 }, s2d2: { cost: 1 }, s2d3: { cost: 7 } },
  {
    supply1: { terms: { s1d1: 1, s1d2: 1, s1d3: 1 }, lower: 20, upper: 20 },
    supply2: { terms: { s2d1: 1, s2d2: 1, s2d3: 1 }, lower: 30, upper: 30 },
    demand1: { terms: { s1d1: 1, s2d1: 1 }, lower: 10, upper: 10 },
    demand2: { terms: { s1d2: 1, s2d2: 1 }, lower: 25, upper: 25 },
    demand3: { terms: { s1d3: 1, s2d3: 1 }, lower: 15, upper: 15 },
  },
);

/** 0/1 knapsack, capacity 10: {a, b} weighs 9 for 17 and nothing else fits; the LP relaxation adds 1/6 of c. */
const knapsackItems = { a: [10, 5], b: [7, 4], c: [8, 6], d: [4, 3] } as const;
function knapsack(integer: boolean): LpModel {
  const variables = Object.fromEntries(
    Object.entries(knapsackItems).map(([item, [value]]) => [item, { cost: value, upper: 1, integer }]),
  );
  const weights = Object.fromEntries(Object.entries(knapsackItems).map(([item, [, weight]]) => [item, weight]));
  return buildLp("maximize", variables, { capacity: { terms: weights, upper: 10 } });
}

/** x = y + 1 and 1 ≤ x + y ≤ 4 leave y ≤ 1.5; the objective −3y − 1 wants y as large as possible. */
const equalityAndRange = buildLp(
  "minimize",
  { x: { cost: -1 }, y: { cost: -2 } },
  {
    range: { terms: { x: 1, y: 1 }, lower: 1, upper: 4 },
    link: { terms: { x: 1, y: -1 }, lower: 1, upper: 1 },
  },
);

/**
 * y free, x ∈ [−4, 4], y ≥ max(x − 2, −6 − x): for x ≥ −2 the objective is 3x − 2 (best −8 at x = −2),
 * for x ≤ −2 it is x − 6 (best −10 at x = −4, y = −2).
 */
const negativeAndFree = buildLp(
  "minimize",
  { x: { cost: 2, lower: -4, upper: 4 }, y: { cost: 1, lower: -Infinity } },
  {
    above: { terms: { y: 1, x: -1 }, lower: -2 },
    below: { terms: { y: 1, x: 1 }, lower: -6 },
  },
);

const cases: TextbookCase[] = [
  { name: "Wyndor product mix", model: wyndor, status: "optimal", objective: 36, values: { doors: 2, windows: 6 } },
  { name: "diet", model: diet, status: "optimal", objective: 13, values: { oats: 2, milk: 3 } },
  {
    name: "transportation",
    model: transport,
    status: "optimal",
    objective: 125,
    values: { s1d1: 5, s1d2: 0, s1d3: 15, s2d1: 5, s2d2: 25, s2d3: 0 },
  },
  { name: "knapsack MIP", model: knapsack(true), status: "optimal", objective: 17, values: { a: 1, b: 1, c: 0, d: 0 } },
  { name: "knapsack LP relaxation", model: knapsack(false), status: "optimal", objective: 17 + 8 / 6 },
  { name: "equality and range rows", model: equalityAndRange, status: "optimal", objective: -5.5, values: { x: 2.5, y: 1.5 } },
  { name: "negative lower bound, free variable", model: negativeAndFree, status: "optimal", objective: -10, values: { x: -4, y: -2 } },
  {
    name: "integer with negative bounds (2x ≥ −7 ⇒ x ≥ −3)",
    model: buildLp("minimize", { x: { cost: 1, lower: -5, upper: 5, integer: true } }, { r: { terms: { x: 2 }, lower: -7 } }),
    status: "optimal",
    objective: -3,
    values: { x: -3 },
  },
  {
    name: "alternative optima (any split of x + y = 4)",
    model: buildLp("maximize", { x: { cost: 1 }, y: { cost: 1 } }, { cap: { terms: { x: 1, y: 1 }, upper: 4 } }),
    status: "optimal",
    objective: 4,
  },
  {
    name: "fixed variable (lower = upper)",
    model: buildLp("maximize", { x: { cost: 1, lower: 3, upper: 3 }, y: { cost: 1 } }, { cap: { terms: { x: 1, y: 1 }, upper: 5 } }),
    status: "optimal",
    objective: 5,
    values: { x: 3, y: 2 },
  },
  {
    name: "infeasible rows (x + y ≤ 2 and ≥ 3)",
    model: buildLp("minimize", { x: { cost: 1 }, y: { cost: 1 } }, {
      most: { terms: { x: 1, y: 1 }, upper: 2 },
      least: { terms: { x: 1, y: 1 }, lower: 3 },
    }),
    status: "infeasible",
  },
  {
    name: "infeasible crossed bounds",
    model: buildLp("minimize", { x: { cost: 1, lower: 2, upper: 1 } }),
    status: "infeasible",
  },
  {
    name: "infeasible MIP with a feasible relaxation (2x + 2y = 3)",
    model: buildLp("minimize", { x: { cost: 1, upper: 10, integer: true }, y: { upper: 10, integer: true } }, {
      odd: { terms: { x: 2, y: 2 }, lower: 3, upper: 3 },
    }),
    status: "infeasible",
  },
  {
    name: "unbounded (max x + y with x − y ≤ 1)",
    model: buildLp("maximize", { x: { cost: 1 }, y: { cost: 1 } }, { gap: { terms: { x: 1, y: -1 }, upper: 1 } }),
    status: "unbounded",
  },
  {
    name: "unbounded free variable, no rows",
    model: buildLp("minimize", { x: { cost: 1, lower: -Infinity } }),
    status: "unbounded",
  },
  {
    name: "unbounded MIP",
    model: buildLp("minimize", { x: { cost: -1, integer: true } }, { r: { terms: { x: 1 }, lower: 0.5 } }),
    status: "unbounded",
  },
];

describe.each(cases)("$name", ({ model, status, objective, values }) => {
  test.each([highsEngine, jslpEngine])("$name", async (engine) => {
    const solution = await engine.solve(model);
    expect(solution.status).toBe(status);
    if (status !== "optimal") {
      expect(solution.values).toEqual([]);
      expect(solution.objective).toBeNaN();
      return;
    }
    expect(lpSolutionProblems(model, solution)).toEqual([]);
    expect(solution.objective).toBeCloseTo(objective!, 6);
    if (values !== undefined) {
      for (const [name, value] of Object.entries(valuesByName(model, solution))) expect(value).toBeCloseTo(values[name]!, 6);
    }
  });
});

describe("HiGHS duals", () => {
  test("Wyndor's shadow prices are 0, 1.5 and 1 and certify the optimum", async () => {
    const solution = await highsEngine.solve(wyndor);
    expect(solution.duals).toHaveLength(3);
    const [plant1, plant2, plant3] = solution.duals!;
    expect(plant1).toBeCloseTo(0, 9);
    expect(plant2).toBeCloseTo(1.5, 9);
    expect(plant3).toBeCloseTo(1, 9);
    expect(lagrangianBound(wyndor, solution.duals!)).toBeCloseTo(36, 9);
  });

  test("a shadow price is the objective gained per extra unit of the row's capacity", async () => {
    const base = await highsEngine.solve(wyndor);
    const constraints = wyndor.constraints.map((c) => (c.name === "plant2" ? { ...c, upper: c.upper! + 1 } : c));
    const widened = await highsEngine.solve({ ...wyndor, constraints });
    expect(widened.objective - base.objective).toBeCloseTo(base.duals![1]!, 9);
  });

  test("diet's ≥ rows price at 1.4 and 0.2 when minimizing", async () => {
    const solution = await highsEngine.solve(diet);
    expect(solution.duals![0]).toBeCloseTo(1.4, 9);
    expect(solution.duals![1]).toBeCloseTo(0.2, 9);
    expect(lagrangianBound(diet, solution.duals!)).toBeCloseTo(13, 9);
  });

  test.each([
    ["transportation (degenerate: duals not unique)", transport, 125],
    ["equality and range rows", equalityAndRange, -5.5],
    ["negative lower bound, free variable", negativeAndFree, -10],
  ] as const)("%s: the duals certify the optimum", async (_, model, optimum) => {
    const solution = await highsEngine.solve(model);
    expect(lagrangianBound(model, solution.duals!)).toBeCloseTo(optimum, 9);
  });

  test("a MIP has no duals, and jslp gives none", async () => {
    expect((await highsEngine.solve(knapsack(true))).duals).toBeUndefined();
    expect((await jslpEngine.solve(wyndor)).duals).toBeUndefined();
  });
});
