/** The limits on totals (src/check-limits.ts), each against a count made here independently. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBomShape, checkDatesNear, checkModelLimits, checkMrpCells, checkSpan } from "../../src/check-limits.ts";
import { MAX_BOM_DEPTH, MAX_BOM_EXPLOSION, MAX_HORIZON_DAYS, MAX_MRP_CELLS, MAX_SCHEDULED_OPERATIONS, MAX_SETUP_MATRIX_CELLS, MAX_SPLIT_PARTS, MAX_TOTAL_UNITS } from "../../src/limits.ts";
import { FactoryModel } from "../../src/factory.ts";

/** Every path's product of quantity / (1 − scrap of the component), summed per item, by walking every path (small BOMs only). */
function bruteExplosion(n: number, lines: Array<{ parent: number; component: number; quantity: number }>, scrap: number[]): { deepest: number; units: number[] } {
  const units = new Array<number>(n).fill(0);
  let deepest = 0;
  const hasParent = new Set(lines.map((l) => l.component));
  const walk = (item: number, started: number, depth: number) => {
    units[item]! += started * (1 - scrap[item]!);
    deepest = Math.max(deepest, depth);
    for (const l of lines) if (l.parent === item) walk(l.component, (started * l.quantity) / (1 - scrap[l.component]!), depth + 1);
  };
  for (let i = 0; i < n; i++) if (!hasParent.has(i)) walk(i, 1 / (1 - scrap[i]!), 0);
  return { deepest, units };
}

describe("checkBomShape", () => {
  it("finds the depth and the explosion a walk over every path finds (random DAGs)", () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 8 }),
      edges: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), quantity: fc.integer({ min: 1, max: 9 }) }), { maxLength: 14 }),
      scrap: fc.array(fc.integer({ min: 0, max: 5 }).map((s) => s / 10), { minLength: 8, maxLength: 8 }),
    });
    fc.assert(
      fc.property(arb, ({ n, edges, scrap }) => {
        const seen = new Set<string>();
        const lines = edges
          .map((e) => ({ parent: Math.min(e.a % n, e.b % n), component: Math.max(e.a % n, e.b % n), quantity: e.quantity }))
          .filter((l) => l.parent !== l.component && !seen.has(`${l.parent}-${l.component}`) && seen.add(`${l.parent}-${l.component}`));
        const brute = bruteExplosion(n, lines, scrap);
        const bom = { itemCount: n, parent: lines.map((l) => l.parent), component: lines.map((l) => l.component), quantity: lines.map((l) => l.quantity), scrapRate: (i: number) => scrap[i]! };
        // Limits at what the walk finds: nothing to report; a hair below either: that one is reported.
        // The limit applies to components (a top item needs exactly one of itself).
        const components = new Set(lines.map((l) => l.component));
        if (components.size === 0) return;
        const explosion = Math.max(...[...components].map((c) => brute.units[c]!));
        const at = { depth: brute.deepest, explosion: explosion * (1 + 1e-9) };
        expect(checkBomShape(bom, "bom", at)).toEqual([]);
        if (brute.deepest > 0) expect(checkBomShape(bom, "bom", { ...at, depth: brute.deepest - 1 }).map((p) => p.message)).toEqual([expect.stringMatching(/levels deep/)]);
        expect(checkBomShape(bom, "bom", { ...at, explosion: explosion * (1 - 1e-9) }).map((p) => p.message)).toEqual([expect.stringMatching(/MAX_BOM_EXPLOSION/)]);
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it("reports a chain one level deeper than the limit at the line past it", () => {
    const levels = MAX_BOM_DEPTH + 1;
    const lines = Array.from({ length: levels }, (_, i) => i);
    const bom = { itemCount: levels + 1, parent: lines, component: lines.map((i) => i + 1), quantity: lines.map(() => 1), scrapRate: () => 0 };
    expect(checkBomShape(bom)).toEqual([{ path: `bom[${MAX_BOM_DEPTH}]`, message: expect.stringMatching(/more than 10,000 levels deep/) }]);
    const atTheLimit = lines.slice(1);
    expect(checkBomShape({ ...bom, parent: atTheLimit, component: atTheLimit.map((i) => i + 1), quantity: atTheLimit.map(() => 1) })).toEqual([]);
  });

  it("reports a lattice whose paths multiply past the explosion limit, at the first line into too many units", () => {
    // Two items a level, both using both of the next level's with quantity 1: units double at every level.
    const levels = Math.ceil(Math.log2(MAX_BOM_EXPLOSION)) + 1;
    const parent: number[] = [];
    const component: number[] = [];
    for (let level = 0; level < levels; level++) for (const a of [0, 1]) for (const b of [0, 1]) (parent.push(2 * level + a), component.push(2 * level + 2 + b));
    const bom = { itemCount: 2 * levels + 2, parent, component, quantity: parent.map(() => 1), scrapRate: () => 0 };
    const problems = checkBomShape(bom);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/MAX_BOM_EXPLOSION/);
    // 2^k units at level k, half of them from each parent: the line from the second parent into the
    // first level over the limit (lines are numbered 4 a level: parent a, component b at 2a + b).
    const firstLevelOver = Math.floor(Math.log2(MAX_BOM_EXPLOSION)) + 1;
    expect(problems[0]!.path).toBe(`bom[${(firstLevelOver - 1) * 4 + 2}]`);
  });

  it("says nothing of a BOM with a cycle (the cycle is reported elsewhere)", () => {
    expect(checkBomShape({ itemCount: 2, parent: [0, 1], component: [1, 0], quantity: [1e9, 1e9], scrapRate: () => 0 })).toEqual([]);
  });
});

describe("checkModelLimits", () => {
  const model = (resources: Array<{ units: number; setupMatrix?: object }>, families: number, orders: number, operations: number) =>
    FactoryModel.parse({
      calendars: [{ id: "c", shifts: {} }],
      resources: resources.map((r, i) => ({ id: `R${i}`, calendar: "c", ...r })),
      routings: [{ item: "P", operations: Array.from({ length: operations }, (_, k) => ({ id: `op${k}`, resources: ["R0"], runMinutesPerUnit: 1, family: `F${k % families}` })) }],
      orders: Array.from({ length: orders }, (_, i) => ({ id: `O${i}`, item: "P", quantity: 1, due: "2026-03-02T06:00" })),
    });

  it("counts units over all resources, and names the resource with the most", () => {
    expect(checkModelLimits(model([{ units: 1000 }, { units: 1000 }], 1, 1, 1))).toEqual([]);
    const many = Array.from({ length: MAX_TOTAL_UNITS / 1000 }, () => ({ units: 1000 }));
    expect(checkModelLimits(model(many, 1, 1, 1))).toEqual([]);
    expect(checkModelLimits(model([...many, { units: 1 }], 1, 1, 1))).toEqual([{ path: "resources[0].units", message: expect.stringMatching(/20,001 units/) }]);
  });

  it("counts the operations the orders need", () => {
    const operations = 500;
    expect(checkModelLimits(model([{ units: 1 }], 1, MAX_SCHEDULED_OPERATIONS / operations, operations))).toEqual([]);
    expect(checkModelLimits(model([{ units: 1 }], 1, MAX_SCHEDULED_OPERATIONS / operations + 1, operations))).toEqual([{ path: "orders", message: expect.stringMatching(/250,500 operations/) }]);
  });

  it("counts a split operation as the most parts it may make: maxParts, what minQuantity allows, at most MAX_SPLIT_PARTS", () => {
    const splitModel = (orders: number, quantity: number, split: { minQuantity: number; maxParts?: number }) =>
      FactoryModel.parse({
        calendars: [{ id: "c", shifts: {} }],
        resources: [{ id: "R0", calendar: "c" }],
        items: [{ id: "P" }],
        routings: [{ item: "P", operations: [{ id: "cut", resources: ["R0"], runMinutesPerUnit: 1 }, { id: "mill", resources: ["R0"], runMinutesPerUnit: 1, split }] }],
        orders: Array.from({ length: orders }, (_, i) => ({ id: `O${i}`, item: "P", quantity, due: "2026-03-02T06:00" })),
      });
    // 1 + 64 operations per order (1,000 units in parts of at least 10, capped at 64).
    const perOrder = 1 + MAX_SPLIT_PARTS;
    expect(checkModelLimits(splitModel(Math.floor(MAX_SCHEDULED_OPERATIONS / perOrder), 1000, { minQuantity: 10 }))).toEqual([]);
    expect(checkModelLimits(splitModel(Math.floor(MAX_SCHEDULED_OPERATIONS / perOrder) + 1, 1000, { minQuantity: 10 }))).toEqual([{ path: "orders", message: expect.stringMatching(/MAX_SCHEDULED_OPERATIONS/) }]);
    // 1 + 4 (maxParts) and 1 + 3 (30 units in parts of at least 10) per order.
    expect(checkModelLimits(splitModel(MAX_SCHEDULED_OPERATIONS / 5, 1000, { minQuantity: 10, maxParts: 4 }))).toEqual([]);
    expect(checkModelLimits(splitModel(MAX_SCHEDULED_OPERATIONS / 5 + 1, 1000, { minQuantity: 10, maxParts: 4 }))).toHaveLength(1);
    expect(checkModelLimits(splitModel(MAX_SCHEDULED_OPERATIONS / 4, 30, { minQuantity: 10 }))).toEqual([]);
    expect(checkModelLimits(splitModel(MAX_SCHEDULED_OPERATIONS / 4 + 1, 30, { minQuantity: 10 }))).toHaveLength(1);
  });

  it("counts the changeover cells of the setup matrices: resources with one × families²", () => {
    const families = 500;
    const withMatrix = Math.floor(MAX_SETUP_MATRIX_CELLS / families ** 2);
    const resources = (n: number) => Array.from({ length: n }, () => ({ units: 1, setupMatrix: { default: 5 } }));
    expect(checkModelLimits(model(resources(withMatrix), families, 1, families))).toEqual([]);
    expect(checkModelLimits(model(resources(withMatrix + 1), families, 1, families))).toEqual([{ path: "resources", message: expect.stringMatching(/MAX_SETUP_MATRIX_CELLS/) }]);
  });
});

describe("time spans and MRP cells", () => {
  it("allows a span of exactly the horizon limit, and not a minute more", () => {
    const limit = MAX_HORIZON_DAYS * 1440;
    expect(checkSpan(0, limit, "x", "it")).toEqual([]);
    expect(checkSpan(0, limit + 1, "x", "it")).toEqual([{ path: "x", message: expect.stringMatching(/it spans 3,661 days/) }]);
  });

  it("checks order and progress dates on both sides of the anchor", () => {
    const anchor = Date.UTC(2026, 2, 2) / 60_000;
    const orders = [
      { due: "2026-03-09T06:00" },
      { due: "9999-12-31T23:59" },
      { due: "2026-03-09T06:00", release: "1970-01-01T00:00" },
      { due: "2026-03-09T06:00", materialReady: "2040-01-01T00:00" },
    ];
    expect(checkDatesNear(anchor, "planStart", orders, [{ start: "1990-01-01T00:00" }]).map((p) => p.path)).toEqual([
      "orders[1].due",
      "orders[2].release",
      "orders[3].materialReady",
      "progress[0].start",
    ]);
  });

  it("allows items × buckets up to the limit", () => {
    expect(checkMrpCells(MAX_MRP_CELLS / 1000, 1000)).toEqual([]);
    expect(checkMrpCells(MAX_MRP_CELLS / 1000 + 1, 1000)).toEqual([{ path: "buckets.count", message: expect.stringMatching(/MAX_MRP_CELLS/) }]);
  });
});
