/**
 * The stability property of issue 15: re-planning an unchanged situation against the plan it produced, with
 * any fence, never returns more weighted tardiness than that plan, and with the same weighted tardiness it
 * changes nothing. Checked with fast-check (fixed seeds) on random small shops with changeovers, alternatives,
 * parallel units and progress, and on random shops with scarce material. Every plan passes the independent
 * validator (solve), which checks the frozen operations and the changes itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDateTime } from "../../../src/time.ts";
import { NOW, PROGRESS, shop } from "../insert/fixtures.ts";
import { MONDAY, request, scarceMaterialShop, scarceMaterialShopArb, solve } from "./fixtures.ts";

/** Re-plan budgets in decoded operations: none, a few iterations, a short search. */
const budgetArb = fc.constantFrom(0, 300, 6_000);
const hoursAfter = (start: string, hours: number) => new Date((parseDateTime(start)! + hours * 60) * 60_000).toISOString().slice(0, 16);

/**
 * Plans body, re-plans it against that plan with the fence, and checks the property. The re-plan's budget may
 * be none at all: the guarantee comes from where the search starts, not from how long it looks.
 */
function expectStable(body: Record<string, unknown>, frozenHours: number, seeds: [number, number], workUnits: number): void {
  const first = solve(request(body), seeds[0], 3_000).response;
  if (first.status === "infeasible") return;
  const planStart = (body.planStart as string | undefined) ?? `${MONDAY}T06:00`;
  const again = solve(request({ ...body, reference: first, frozenUntil: hoursAfter(planStart, frozenHours) }), seeds[1], workUnits).response;
  expect(again.kpis.weightedTardiness).toBeLessThanOrEqual(first.kpis.weightedTardiness);
  if (again.kpis.weightedTardiness === first.kpis.weightedTardiness) expect(again.changes).toEqual({ count: 0, operations: [] });
}

describe("stability: re-planning an unchanged situation", () => {
  it("never adds weighted tardiness, and at equal tardiness changes nothing (random job shops)", () => {
    const orderArb = fc.record({ item: fc.constantFrom("red-frame", "blue-panel"), quantity: fc.integer({ min: 1, max: 40 }), dueHours: fc.integer({ min: 4, max: 120 }), priority: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 40 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), budgetArb, (specs, frozenHours, withProgress, s1, s2, budget) => {
        const orders = specs.map((s, i) => ({ id: i === 0 ? "A1" : `O${i}`, item: i === 0 ? "red-frame" : s.item, quantity: s.quantity, due: hoursAfter(NOW, s.dueHours), priority: s.priority }));
        const body = { ...shop(orders), planStart: NOW, progress: withProgress ? PROGRESS : [] };
        expectStable(body, frozenHours, [s1, s2], budget);
      }),
      { seed: 15, numRuns: 40 },
    );
  });

  it("holds with scarce material too", () => {
    fc.assert(
      fc.property(scarceMaterialShopArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 9 }), budgetArb, (x, frozenHours, s2, budget) => {
        expectStable(scarceMaterialShop(x), frozenHours, [x.seed, s2], budget);
      }),
      { seed: 1515, numRuns: 40 },
    );
  });
});
