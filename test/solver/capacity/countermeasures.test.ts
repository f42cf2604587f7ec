import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCapacityRequest } from "../../../bench/capacity.bench.ts";
import { assessCapacity } from "../../../solver/capacity/assess-capacity.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { jslpEngine } from "../../../solver/lp/jslp-engine.ts";
import type { LpEngine } from "../../../solver/lp/model.ts";
import { capacityRequest, singleOpRoutings, weekdays } from "./fixtures.ts";
import { validateCountermeasures } from "./validate-countermeasures.ts";

const morning = weekdays("am", "08:00", "12:00"); // 240 working minutes a weekday
const days = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"];

/** Orders of `item` loading `minutes` on day d, split into orders that each fit in one morning. */
function ordersFor(item: string, perDay: readonly number[], priority = 3) {
  return perDay.flatMap((minutes, d) => {
    const chunks: number[] = [];
    for (let left = minutes; left > 0; left -= 240) chunks.push(Math.min(240, left));
    return chunks.map((quantity, c) => ({ id: `${item}-${d}-${c}`, item, quantity, due: `${days[d]}T12:00`, priority }));
  });
}

async function assess(input: Record<string, unknown>, engine: LpEngine = highsEngine) {
  const request = capacityRequest({ calendars: [morning], ...input });
  const response = await assessCapacity(request, { engine, timeLimitSeconds: 60 });
  return { request, response, checked: validateCountermeasures(request, response) };
}

describe("countermeasures, hand-computed", () => {
  it("buys overtime in clock minutes: at efficiency 0.5, 60 standard minutes need 120", async () => {
    const { response, checked } = await assess({
      buckets: { start: "2026-03-02", size: "day", count: 2 },
      resources: [{ id: "R", calendar: "am", efficiency: 0.5, overtime: { maxMinutesPerBucket: 200, costPerMinute: 1 } }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      orders: [
        { id: "a", item: "X", quantity: 120, due: "2026-03-02T12:00" },
        { id: "b", item: "X", quantity: 60, due: "2026-03-02T12:00" },
      ],
      levers: { overtime: true },
    });
    expect(response.resources[0]!.buckets[0]).toMatchObject({ availableMinutes: 120, loadMinutes: 180, overloadMinutes: 60 });
    expect(response.countermeasures!.actions).toEqual([{ kind: "overtime", resource: "R", bucket: 0, minutes: 120, cost: 120 }]);
    expect(checked).toEqual({ uncoveredMinutes: 0, totalCost: 120 });
  });

  it("reports what the overtime limit cannot cover as uncovered", async () => {
    const { response, checked } = await assess({
      buckets: { start: "2026-03-02", size: "day", count: 1 },
      resources: [{ id: "R", calendar: "am", efficiency: 0.5, overtime: { maxMinutesPerBucket: 30, costPerMinute: 1 } }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      orders: [
        { id: "a", item: "X", quantity: 90, due: "2026-03-02T12:00" },
        { id: "b", item: "X", quantity: 90, due: "2026-03-02T12:00" },
      ],
      levers: { overtime: true },
    });
    // 180 standard minutes on 120 available: 30 clock minutes of overtime add 15, 45 stay uncovered.
    expect(response.countermeasures!.uncovered).toEqual([{ resource: "R", bucket: 0, minutes: 45 }]);
    expect(checked).toEqual({ uncoveredMinutes: 45, totalCost: 30 });
  });

  it("defers the cheapest share of the least important order by one bucket", async () => {
    const { response, checked } = await assess({
      calendars: [weekdays("day", "08:00", "16:00")],
      buckets: { start: "2026-03-02", size: "day", count: 3 },
      resources: [{ id: "R", calendar: "day" }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      orders: [
        { id: "vip", item: "X", quantity: 300, due: "2026-03-02T16:00", priority: 1 },
        { id: "low", item: "X", quantity: 300, due: "2026-03-02T16:00", priority: 5 },
      ],
      levers: { latenessCostPerBucket: 1 },
    });
    // 600 on 480: defer 120 / 300 = 0.4 of "low" (weight 1) by one bucket, cost 0.4.
    expect(response.countermeasures!.actions).toEqual([{ kind: "defer", resource: "R", bucket: 0, toBucket: 1, minutes: 120, order: "low", cost: 0.4 }]);
    expect(checked.totalCost).toBeCloseTo(0.4, 9);
  });

  it("defers to the first later bucket with spare capacity, paying per bucket of delay", async () => {
    const { response, checked } = await assess({
      buckets: { start: "2026-03-02", size: "day", count: 3 },
      resources: [{ id: "R", calendar: "am" }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      // Monday 300 (60 over), Tuesday exactly full, Wednesday empty.
      orders: [...ordersFor("X", [240, 240], 2), { id: "small", item: "X", quantity: 60, due: "2026-03-02T12:00", priority: 4 }],
      levers: { latenessCostPerBucket: 3 },
    });
    // Deferring all of "small" (weight 10) two buckets costs 3 × 10 × 2 = 60; the 240-minute order
    // (weight 1000) would cost 3 × 1000 × 2 × 60 / 240 = 1500.
    expect(response.countermeasures!.actions).toEqual([{ kind: "defer", resource: "R", bucket: 0, toBucket: 2, minutes: 60, order: "small", cost: 60 }]);
    expect(checked).toEqual({ uncoveredMinutes: 0, totalCost: 60 });
  });

  it("never both moves and defers the same minutes (alternate pool and deferrals share one row)", async () => {
    const input = {
      buckets: { start: "2026-03-02", size: "day", count: 2 },
      resources: [
        { id: "A", calendar: "am" },
        { id: "B", calendar: "am" },
      ],
      routings: singleOpRoutings([
        ["X", ["A", "B"], 1],
        ["Y", ["A"], 1],
        ["Z", ["B"], 1],
      ]),
      orders: [
        { id: "x", item: "X", quantity: 100, due: "2026-03-02T12:00", priority: 5 },
        { id: "y", item: "Y", quantity: 240, due: "2026-03-02T12:00", priority: 1 },
        { id: "z", item: "Z", quantity: 140, due: "2026-03-02T12:00", priority: 3 },
      ],
      levers: { alternates: true, alternateCostPerMinute: 1, latenessCostPerBucket: 1 },
    };
    // A on Monday: 340 on 240. Deferring all of x (weight 1) costs 1 and covers the 100 over.
    const { checked } = await assess(input);
    expect(checked).toEqual({ uncoveredMinutes: 0, totalCost: 1 });
    // Another 60-minute VIP order makes A 160 over: x's 100 minutes can go once (deferred, 1), and 60 of y
    // must be deferred (10⁴ × 60 / 240 = 2500). Moving x to B and deferring it as well would be phantom
    // capacity, covering everything for 101.
    const bigger = await assess({ ...input, orders: [...input.orders, { id: "y2", item: "Y", quantity: 60, due: "2026-03-02T12:00", priority: 1 }] });
    expect(bigger.checked.uncoveredMinutes).toBe(0);
    expect(bigger.checked.totalCost).toBeCloseTo(2501, 6);
  });

  it("builds ahead into the earlier bucket, but never before planStart's bucket", async () => {
    const input = {
      buckets: { start: "2026-03-02", size: "day", count: 2 },
      resources: [{ id: "R", calendar: "am" }],
      routings: singleOpRoutings([["X", ["R"], 1]]),
      orders: ordersFor("X", [0, 300]),
      levers: { buildAhead: true, holdingCostPerMinutePerBucket: 0.5 },
    };
    const free = await assess(input);
    expect(free.response.countermeasures!.actions).toEqual([{ kind: "build-ahead", resource: "R", bucket: 1, toBucket: 0, minutes: 60, cost: 30 }]);
    const late = await assess({ ...input, planStart: "2026-03-03T00:00" });
    expect(late.response.countermeasures!.actions).toEqual([]);
    expect(late.checked.uncoveredMinutes).toBeCloseTo(60, 6);
  });

  it("moves no more to a free alternate than the overload needs, and only where there is one", async () => {
    const { response, checked } = await assess({
      buckets: { start: "2026-03-02", size: "day", count: 2 },
      resources: [
        { id: "A", calendar: "am" },
        { id: "B", calendar: "am" },
      ],
      routings: singleOpRoutings([["X", ["A", "B"], 1]]),
      orders: ordersFor("X", [300, 200]),
      levers: { alternates: true },
    });
    expect(response.countermeasures!.actions).toEqual([
      { kind: "alternate", resource: "A", bucket: 0, toResource: "B", item: "X", operation: "X-op", minutes: 60, cost: 0 },
    ]);
    expect(checked).toEqual({ uncoveredMinutes: 0, totalCost: 0 });
  });

  it("returns an empty optimal plan when nothing is overloaded, and no plan without levers", async () => {
    const input = { buckets: { start: "2026-03-02", size: "day", count: 1 }, resources: [{ id: "R", calendar: "am" }], routings: singleOpRoutings([["X", ["R"], 1]]), orders: ordersFor("X", [100]) };
    const { response } = await assess({ ...input, levers: { overtime: true } });
    expect(response.countermeasures).toMatchObject({ status: "optimal", totalCost: 0, actions: [], uncovered: [] });
    const request = capacityRequest({ calendars: [morning], ...input });
    expect((await assessCapacity(request, { engine: highsEngine })).countermeasures).toBeNull();
  });
});

/**
 * Two resources × two days: item X runs on A (alternative B), item Y on B. A has overtime, B may be
 * outsourced. All data are multiples of 10 and every lever moves minutes 1:1, so the LP is a network flow
 * with an optimum on the 10-minute grid, which the brute force enumerates.
 */
interface TinyCase {
  x: [number, number];
  y: [number, number];
  overtime: { max: number; cost: number } | null;
  alternateCost: number | null;
  holdingCost: number | null;
  outsourceCost: number | null;
}

const tinyCase = fc.record({
  x: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => [a * 10, b * 10] as [number, number]),
  y: fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([a, b]) => [a * 10, b * 10] as [number, number]),
  overtime: fc.option(fc.record({ max: fc.integer({ min: 0, max: 6 }).map((m) => m * 10), cost: fc.constantFrom(1, 2, 3) }), { nil: null }),
  alternateCost: fc.option(fc.constantFrom(0.5, 1), { nil: null }),
  holdingCost: fc.option(fc.constantFrom(0.5, 1, 2), { nil: null }),
  outsourceCost: fc.option(fc.constantFrom(2, 5), { nil: null }),
});

function tinyInput(c: TinyCase): Record<string, unknown> {
  return {
    buckets: { start: "2026-03-02", size: "day", count: 2 },
    resources: [
      { id: "A", calendar: "am", ...(c.overtime ? { overtime: { maxMinutesPerBucket: c.overtime.max, costPerMinute: c.overtime.cost } } : {}) },
      { id: "B", calendar: "am" },
    ],
    routings: singleOpRoutings([
      ["X", ["A", "B"], 1],
      ["Y", ["B"], 1],
    ]),
    orders: [...ordersFor("X", c.x), ...ordersFor("Y", c.y)],
    levers: {
      overtime: c.overtime !== null,
      alternates: c.alternateCost !== null,
      alternateCostPerMinute: c.alternateCost ?? 0,
      buildAhead: c.holdingCost !== null,
      holdingCostPerMinutePerBucket: c.holdingCost ?? 0,
      outsourceCostPerMinute: c.outsourceCost === null ? {} : { B: c.outsourceCost },
    },
  };
}

type Outcome = { uncovered: number; cost: number };
const better = (x: Outcome, y: Outcome) => x.uncovered < y.uncovered || (x.uncovered === y.uncovered && x.cost < y.cost);
const add = (x: Outcome, y: Outcome): Outcome => ({ uncovered: x.uncovered + y.uncovered, cost: x.cost + y.cost });
const steps = (max: number) => Array.from({ length: Math.floor(max / 10) + 1 }, (_, i) => i * 10);

/**
 * Lexicographically least (uncovered, cost) over every move on the 10-minute grid. Once the alternate
 * moves are fixed, A's and B's build-ahead choices no longer interact, so each is enumerated on its own.
 */
function bruteForce(c: TinyCase): Outcome {
  const cap = 240;
  const resourceA = (load: number): Outcome => {
    const over = Math.max(0, load - cap);
    const overtime = Math.min(over, c.overtime?.max ?? 0);
    return { uncovered: over - overtime, cost: overtime * (c.overtime?.cost ?? 0) };
  };
  const resourceB = (load: number): Outcome => {
    const over = Math.max(0, load - cap);
    return c.outsourceCost === null ? { uncovered: over, cost: 0 } : { uncovered: 0, cost: over * c.outsourceCost };
  };
  const bestOver = (moves: number[], outcome: (moved: number) => Outcome): Outcome =>
    moves.map(outcome).reduce((best, o) => (better(o, best) ? o : best));
  const holding = c.holdingCost ?? 0;
  let best: Outcome = { uncovered: Infinity, cost: Infinity };
  for (const alt0 of c.alternateCost === null ? [0] : steps(c.x[0]))
    for (const alt1 of c.alternateCost === null ? [0] : steps(c.x[1])) {
      const a = [c.x[0] - alt0, c.x[1] - alt1];
      const b = [c.y[0] + alt0, c.y[1] + alt1];
      const onA = bestOver(c.holdingCost === null ? [0] : steps(a[1]!), (ba) => add(add(resourceA(a[0]! + ba), resourceA(a[1]! - ba)), { uncovered: 0, cost: ba * holding }));
      const onB = bestOver(c.holdingCost === null ? [0] : steps(b[1]!), (ba) => add(add(resourceB(b[0]! + ba), resourceB(b[1]! - ba)), { uncovered: 0, cost: ba * holding }));
      const total = add(add(onA, onB), { uncovered: 0, cost: (alt0 + alt1) * (c.alternateCost ?? 0) });
      if (better(total, best)) best = total;
    }
  return best;
}

describe("countermeasures against brute force and between engines", () => {
  it("HiGHS finds the brute-force optimum (least uncovered, then cheapest) on 2 resources × 2 buckets", async () => {
    await fc.assert(
      fc.asyncProperty(tinyCase, async (c) => {
        const { checked } = await assess(tinyInput(c));
        const best = bruteForce(c);
        expect(checked.uncoveredMinutes).toBeCloseTo(best.uncovered, 4);
        expect(checked.totalCost).toBeCloseTo(best.cost, 4);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it("javascript-lp-solver gives the same uncovered minutes and total cost as HiGHS, deferral included", async () => {
    const withDefer = fc.record({ c: tinyCase, lateness: fc.constantFrom(5, 50), priorities: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })) });
    await fc.assert(
      fc.asyncProperty(withDefer, async ({ c, lateness, priorities }) => {
        const input = tinyInput(c);
        input.buckets = { start: "2026-03-02", size: "day", count: 3 };
        input.orders = [...ordersFor("X", c.x, priorities[0]), ...ordersFor("Y", c.y, priorities[1])];
        (input.levers as Record<string, unknown>).latenessCostPerBucket = lateness;
        const highs = await assess(input, highsEngine);
        const jslp = await assess(input, jslpEngine);
        expect(jslp.response.countermeasures!.status).toBe("optimal");
        expect(jslp.checked.uncoveredMinutes).toBeCloseTo(highs.checked.uncoveredMinutes, 3);
        expect(jslp.checked.totalCost).toBeCloseTo(highs.checked.totalCost, 3);
      }),
      { seed: 7, numRuns: 25 },
    );
  });
});

describe("countermeasures on a generated plant (40 resources × 12 weeks × 1,500 orders, every lever)", () => {
  const request = generateCapacityRequest(3, 40, 12, 1500);

  it("finds a plan that passes the independent validator and covers more than doing nothing", async () => {
    const response = await assessCapacity(request, { engine: highsEngine });
    expect(response.countermeasures!.status).toBe("optimal");
    const overload = response.resources.flatMap((r) => r.buckets).reduce((sum, b) => sum + b.overloadMinutes, 0);
    const checked = validateCountermeasures(request, response);
    expect(overload).toBeGreaterThan(0);
    expect(checked.uncoveredMinutes).toBeLessThan(overload);
    expect(new Set(response.countermeasures!.actions.map((a) => a.kind))).toEqual(new Set(["overtime", "alternate", "build-ahead", "outsource", "defer"]));
  });

  it("reports a timed-out LP as a result: status timedout, no actions, every overload uncovered", async () => {
    const response = await assessCapacity(request, { engine: highsEngine, timeLimitSeconds: 1e-9 });
    expect(response.countermeasures).toMatchObject({ status: "timedout", actions: [], totalCost: 0 });
    const overloaded = response.resources.flatMap((r) => r.buckets.flatMap((b, bucket) => (b.overloadMinutes > 0 ? [{ resource: r.id, bucket, minutes: b.overloadMinutes }] : [])));
    expect(response.countermeasures!.uncovered).toEqual(overloaded);
    validateCountermeasures(request, response);
  });
});
