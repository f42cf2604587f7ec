/**
 * Random small LPs and MIPs, feasible and bounded by construction: every variable has a finite box and every
 * row is built around one integral point of the boxes, so an optimum exists. Both engines must reach the same
 * optimal objective; pure-integer models are also solved by enumerating the box, and HiGHS's LP duals must
 * certify its optimum.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import type { LpConstraint, LpModel } from "../../../solver/lp/model.ts";
import { lagrangianBound, lpSolutionProblems } from "../../helpers/check-lp-solution.ts";

const MAX_VARIABLES = 5;

const variableArb = fc.record({
  lower: fc.integer({ min: -5, max: 3 }),
  width: fc.integer({ min: 0, max: 5 }),
  /** Where the known feasible point sits in the box, as a share of the width. */
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  cost: fc.integer({ min: -10, max: 10 }).map((c) => c / 2),
  integer: fc.boolean(),
});

const rowArb = fc.record({
  coefficients: fc.array(fc.integer({ min: -8, max: 8 }).map((a) => a / 2), {
    minLength: MAX_VARIABLES,
    maxLength: MAX_VARIABLES,
  }),
  kind: fc.constantFrom("at most", "at least", "equal", "range"),
  below: fc.integer({ min: 0, max: 4 }),
  above: fc.integer({ min: 0, max: 4 }),
});

const modelArb = fc
  .record({
    sense: fc.constantFrom("minimize" as const, "maximize" as const),
    variables: fc.array(variableArb, { minLength: 1, maxLength: MAX_VARIABLES }),
    rows: fc.array(rowArb, { maxLength: 4 }),
    mip: fc.boolean(),
  })
  .map(({ sense, variables, rows, mip }): LpModel => {
    const point = variables.map((v) => v.lower + Math.round(v.at * v.width));
    const constraints = rows.map((row, i): LpConstraint => {
      const terms = variables.map((_, j) => [j, row.coefficients[j]!] as const).filter(([, a]) => a !== 0);
      const activity = terms.reduce((sum, [j, a]) => sum + a * point[j]!, 0);
      const lower = activity - row.below;
      const upper = activity + row.above;
      const name = `r${i}`;
      switch (row.kind) {
        case "at most":
          return { name, terms, upper };
        case "at least":
          return { name, terms, lower };
        case "equal":
          return { name, terms, lower: activity, upper: activity };
        case "range":
          return { name, terms, lower, upper };
      }
    });
    return {
      sense,
      variables: variables.map((v, j) => ({
        name: `x${j}`,
        cost: v.cost,
        lower: v.lower,
        upper: v.lower + v.width,
        integer: mip && v.integer,
      })),
      constraints,
    };
  });

/** The optimum of a pure-integer model by trying every point of its boxes. */
function enumerateOptimum(model: LpModel): number {
  const sign = model.sense === "minimize" ? 1 : -1;
  let best = Infinity;
  const x: number[] = [];
  const visit = (j: number): void => {
    if (j === model.variables.length) {
      const fits = model.constraints.every((c) => {
        const activity = c.terms.reduce((sum, [k, a]) => sum + a * x[k]!, 0);
        return activity >= (c.lower ?? -Infinity) - 1e-9 && activity <= (c.upper ?? Infinity) + 1e-9;
      });
      if (fits) best = Math.min(best, sign * model.variables.reduce((sum, v, k) => sum + v.cost * x[k]!, 0));
      return;
    }
    const v = model.variables[j]!;
    for (let value = v.lower!; value <= v.upper!; value++) {
      x[j] = value;
      visit(j + 1);
    }
  };
  visit(0);
  return sign * best;
}

describe("random feasible bounded models", () => {
  test("both engines reach the same optimum, and their solutions check out", async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, async (model) => {
        const [highs, jslp] = await Promise.all([highsEngine.solve(model), jslpEngine.solve(model)]);
        expect(highs.status).toBe("optimal");
        expect(jslp.status).toBe("optimal");
        expect(lpSolutionProblems(model, highs)).toEqual([]);
        expect(lpSolutionProblems(model, jslp)).toEqual([]);
        expect(Math.abs(highs.objective - jslp.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(highs.objective)));
        if (model.variables.every((v) => v.integer === true)) {
          expect(highs.objective).toBeCloseTo(enumerateOptimum(model), 6);
        }
        if (model.variables.every((v) => v.integer !== true)) {
          expect(lagrangianBound(model, highs.duals!)).toBeCloseTo(highs.objective, 6);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  test("a coefficient split over repeated terms counts as their sum", async () => {
    await fc.assert(
      fc.asyncProperty(modelArb, async (model) => {
        const split: LpModel = {
          ...model,
          constraints: model.constraints.map((c) => ({
            ...c,
            terms: c.terms.flatMap(([j, a]) => [[j, a - 1], [j, 1]] as const),
          })),
        };
        for (const engine of [highsEngine, jslpEngine]) {
          const [whole, parts] = await Promise.all([engine.solve(model), engine.solve(split)]);
          expect(parts.status).toBe(whole.status);
          expect(parts.objective).toBeCloseTo(whole.objective, 6);
        }
      }),
      { seed: 7, numRuns: 100 },
    );
  });
});
