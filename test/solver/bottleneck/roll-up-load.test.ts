import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rollUpProducts } from "../../../solver/bottleneck/roll-up-load.ts";
import { weekRequest } from "./fixtures.ts";

/**
 * A ← 2 B, 1 C;  B (scrap 20 %) ← 0.5 D, 3 E;  E ← 1 C.  C and D are bought (3 and 10 each).
 * Routings: A a1 on R1 (2 min/unit); B b1 on R2 (1 min/unit, 40 min setup); E e1 on R1 (0.5), e2 on R2 or R3 (1).
 */
function threeLevels(products: Array<{ item: string; price: number; demand: number }>) {
  return weekRequest({
    resources: ["R1", "R2", "R3"].map((id) => ({ id, calendar: "day" })),
    items: [
      { id: "A" },
      { id: "B", scrapRate: 0.2 },
      { id: "C", unitCost: 3 },
      { id: "D", unitCost: 10 },
      { id: "E" },
      { id: "F" },
    ],
    bom: [
      { parent: "A", component: "B", quantity: 2 },
      { parent: "A", component: "C", quantity: 1 },
      { parent: "B", component: "D", quantity: 0.5 },
      { parent: "B", component: "E", quantity: 3 },
      { parent: "E", component: "C", quantity: 1 },
      { parent: "F", component: "B", quantity: 1 },
    ],
    routings: [
      { item: "A", operations: [{ id: "a1", resources: ["R1"], runMinutesPerUnit: 2 }] },
      { item: "B", operations: [{ id: "b1", resources: ["R2"], setupMinutes: 40, runMinutesPerUnit: 1 }] },
      {
        item: "E",
        operations: [
          { id: "e1", resources: ["R1"], runMinutesPerUnit: 0.5 },
          { id: "e2", resources: ["R2", "R3"], runMinutesPerUnit: 1 },
        ],
      },
    ],
    products,
    operatingExpense: 0,
  });
}

const byResources = (loads: ReadonlyArray<{ resources: readonly string[]; minutes: number }>) =>
  Object.fromEntries(loads.map((t) => [[...t.resources].sort().join("|"), t.minutes]));

describe("rollUpProducts", () => {
  it("rolls minutes and TVC through three BOM levels with scrap and an amortised setup (worked by hand)", () => {
    const request = threeLevels([{ item: "A", price: 200, demand: 10 }]);
    const [a] = rollUpProducts(request, request.products);
    // Per good A: B gross 2, started 2 / 0.8 = 2.5; D 2.5 × 0.5 = 1.25; E 2.5 × 3 = 7.5; C 1 + 7.5 = 8.5.
    // TVC = 8.5 × 3 + 1.25 × 10 = 38.
    expect(a!.tvc).toBeCloseTo(38, 12);
    // R1: a1 2 + e1 7.5 × 0.5 = 5.75. R2: b1 2.5 × (1 + 40 / (10 × 2.5)) = 6.5 (one setup over 25 started B).
    // R2 or R3: e2 7.5 × 1.
    expect(byResources(a!.loads)).toEqual({ R1: 5.75, R2: 6.5, "R2|R3": 7.5 });
    expect(a!.routed).toBe(true);
  });

  it("counts a shared component's setup once at full demand, shared by its products", () => {
    const request = threeLevels([
      { item: "A", price: 200, demand: 10 },
      { item: "F", price: 50, demand: 5 },
    ]);
    const rolled = rollUpProducts(request, request.products);
    // B's run on R2 is 1 minute per started B: 2.5 per A, 1.25 per F; whatever is left over is setup.
    const setupOnR2 = rolled.reduce((sum, p, i) => {
      const started = p.item === "A" ? 2.5 : 1.25;
      return sum + request.products[i]!.demand * (byResources(p.loads)["R2"]! - started);
    }, 0);
    expect(setupOnR2).toBeCloseTo(40, 9);
    // 40 minutes over 10 × 2.5 + 5 × 1.25 = 31.25 started B.
    expect(byResources(rolled[1]!.loads)["R2"]).toBeCloseTo(1.25 * (1 + 40 / 31.25), 12);
  });

  it("stops at bought items even when they have a routing, and marks products that load nothing", () => {
    const request = weekRequest({
      resources: [{ id: "R1", calendar: "day" }],
      items: [
        { id: "kit", source: "make" },
        { id: "part", source: "buy", unitCost: 4 },
        { id: "resale", source: "buy", unitCost: 7 },
      ],
      bom: [{ parent: "kit", component: "part", quantity: 3 }],
      routings: [{ item: "part", operations: [{ id: "p1", resources: ["R1"], runMinutesPerUnit: 9 }] }],
      products: [
        { item: "kit", price: 20, demand: 1 },
        { item: "resale", price: 9, demand: 1 },
      ],
      operatingExpense: 0,
    });
    const [kit, resale] = rollUpProducts(request, request.products);
    expect(kit).toEqual({ item: "kit", tvc: 12, loads: [], routed: false });
    expect(resale).toEqual({ item: "resale", tvc: 7, loads: [], routed: false });
  });

  it("gives no setup share to an item without demand", () => {
    const request = threeLevels([{ item: "A", price: 200, demand: 0 }]);
    const [a] = rollUpProducts(request, request.products);
    expect(byResources(a!.loads)["R2"]).toBeCloseTo(2.5, 12);
  });

  it("gives no setup share to an item of which less than a millionth of a unit is started (a setup over 1e-300 units was 1e300 minutes a unit)", () => {
    for (const demand of [1e-300, 5e-324, 3e-7]) {
      const request = threeLevels([{ item: "A", price: 200, demand }]);
      const [a] = rollUpProducts(request, request.products);
      expect(byResources(a!.loads)["R2"], String(demand)).toBeCloseTo(2.5, 12);
    }
    // 3e-7 × 2.5 started B is under a millionth of a unit; 1e-5 × 2.5 is over it and shares the setup out.
    const [over] = rollUpProducts(threeLevels([{ item: "A", price: 200, demand: 1e-5 }]), [{ item: "A", demand: 1e-5 }]);
    expect(byResources(over!.loads)["R2"]).toBeCloseTo(2.5 * (1 + 40 / 2.5e-5), 3);
  });
});

/** Independent walk over every BOM path (no memo, no merging): minutes per resource and TVC per good unit. */
function walkPaths(
  id: number,
  good: number,
  bom: ReadonlyArray<{ parent: number; component: number; quantity: number }>,
  scrap: readonly number[],
  out: { minutes: Map<string, number>; tvc: number },
  run: ReadonlyMap<number, [string, number]>,
  cost: readonly number[],
): void {
  const started = good / (1 - scrap[id]!);
  const lines = bom.filter((l) => l.parent === id);
  if (lines.length === 0 && !run.has(id)) {
    out.tvc += started * cost[id]!;
    return;
  }
  const op = run.get(id);
  if (op) out.minutes.set(op[0], (out.minutes.get(op[0]) ?? 0) + started * op[1]);
  for (const l of lines) walkPaths(l.component, started * l.quantity, bom, scrap, out, run, cost);
}

describe("rollUpProducts on random BOMs", () => {
  it("matches a walk over every BOM path (scrap included, no setups)", () => {
    const arb = fc.record({
      n: fc.integer({ min: 2, max: 7 }),
      edges: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), quantity: fc.integer({ min: 1, max: 8 }).map((q) => q / 2) }), { maxLength: 12 }),
      scrap: fc.array(fc.integer({ min: 0, max: 3 }).map((s) => s / 10), { minLength: 7, maxLength: 7 }),
      cost: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 7, maxLength: 7 }),
      runs: fc.array(fc.option(fc.record({ r: fc.constantFrom("R1", "R2"), m: fc.integer({ min: 1, max: 9 }) })), { minLength: 7, maxLength: 7 }),
    });
    fc.assert(
      fc.property(arb, ({ n, edges, scrap, cost, runs }) => {
        // Edges from a lower to a higher index keep the BOM acyclic; one line per pair.
        const seen = new Set<string>();
        const bom = edges
          .map((e) => ({ parent: Math.min(e.a % n, e.b % n), component: Math.max(e.a % n, e.b % n), quantity: e.quantity }))
          .filter((l) => l.parent !== l.component && !seen.has(`${l.parent}-${l.component}`) && seen.add(`${l.parent}-${l.component}`));
        const run = new Map<number, [string, number]>();
        runs.slice(0, n).forEach((x, i) => x && run.set(i, [x.r, x.m]));
        const request = weekRequest({
          resources: [{ id: "R1", calendar: "day" }, { id: "R2", calendar: "day" }],
          items: Array.from({ length: n }, (_, i) => ({ id: `I${i}`, scrapRate: scrap[i]!, unitCost: cost[i]! })),
          bom: bom.map((l) => ({ parent: `I${l.parent}`, component: `I${l.component}`, quantity: l.quantity })),
          routings: [...run].map(([i, [r, m]]) => ({ item: `I${i}`, operations: [{ id: "op", resources: [r], runMinutesPerUnit: m }] })),
          products: [{ item: "I0", price: 1, demand: 1 }],
          operatingExpense: 0,
        });
        const [rolled] = rollUpProducts(request, request.products);
        const expected = { minutes: new Map<string, number>(), tvc: 0 };
        walkPaths(0, 1, bom, scrap, expected, run, cost);
        expect(rolled!.tvc).toBeCloseTo(expected.tvc, 9);
        const got = byResources(rolled!.loads);
        for (const r of ["R1", "R2"]) expect(got[r] ?? 0).toBeCloseTo(expected.minutes.get(r) ?? 0, 9);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe("rollUpProducts on deep BOMs", () => {
  /** A lattice: two items a level, each level's items using both of the next level's; 2^levels paths. */
  function lattice(levels: number, quantity: (level: number, k: number) => number, scrap: (level: number) => number) {
    const id = (level: number, k: number) => level * 2 + k;
    const bom: Array<{ parent: number; component: number; quantity: number }> = [];
    for (let level = 0; level < levels; level++) {
      for (const a of [0, 1]) for (const b of [0, 1]) bom.push({ parent: id(level, a), component: id(level + 1, b), quantity: quantity(level, a * 2 + b) });
    }
    const n = 2 * (levels + 1);
    const scraps = Array.from({ length: n }, (_, i) => scrap(Math.floor(i / 2)));
    const costs = Array.from({ length: n }, (_, i) => (i >= n - 2 ? 3 + i % 2 : 0));
    const run = new Map<number, [string, number]>(Array.from({ length: n - 2 }, (_, i) => [i, [i % 3 === 0 ? "R1" : "R2", 1 + (i % 4)] as [string, number]]));
    const request = weekRequest({
      resources: [{ id: "R1", calendar: "day" }, { id: "R2", calendar: "day" }],
      items: Array.from({ length: n }, (_, i) => ({ id: `I${i}`, scrapRate: scraps[i]!, unitCost: costs[i]!, source: i >= n - 2 ? ("buy" as const) : ("make" as const) })),
      bom: bom.map((l) => ({ parent: `I${l.parent}`, component: `I${l.component}`, quantity: l.quantity })),
      routings: [...run].map(([i, [r, m]]) => ({ item: `I${i}`, operations: [{ id: "op", resources: [r], runMinutesPerUnit: m }] })),
      products: [{ item: "I0", price: 1, demand: 1 }],
      operatingExpense: 0,
    });
    return { request, bom, scraps, costs, run };
  }

  it("matches the walk over every path of lattices up to 11 levels (2,048 paths)", () => {
    const arb = fc.record({
      levels: fc.integer({ min: 1, max: 11 }),
      quantities: fc.array(fc.integer({ min: 1, max: 6 }).map((q) => q / 2), { minLength: 4, maxLength: 4 }),
      scrap: fc.integer({ min: 0, max: 3 }).map((s) => s / 10),
    });
    fc.assert(
      fc.property(arb, ({ levels, quantities, scrap }) => {
        const { request, bom, scraps, costs, run } = lattice(levels, (_, k) => quantities[k]!, (level) => (level % 2 === 1 ? scrap : 0));
        const [rolled] = rollUpProducts(request, request.products);
        const expected = { minutes: new Map<string, number>(), tvc: 0 };
        walkPaths(0, 1, bom, scraps, expected, run, costs);
        expect(rolled!.tvc / expected.tvc).toBeCloseTo(1, 9);
        const got = byResources(rolled!.loads);
        for (const r of ["R1", "R2"]) expect((got[r] ?? 0) / (expected.minutes.get(r) ?? 1)).toBeCloseTo(expected.minutes.has(r) ? 1 : 0, 9);
      }),
      { seed: 13, numRuns: 60 },
    );
  });

  it("rolls a chain of 10,000 levels up: each level's run minutes and setup share once, the leaf's cost through the scrap", () => {
    const levels = 10_000;
    const demand = 4;
    const request = weekRequest({
      resources: [{ id: "R1", calendar: "day" }],
      items: [
        ...Array.from({ length: levels }, (_, i) => ({ id: `L${i}`, source: "make" as const, scrapRate: i === 5000 ? 0.5 : 0 })),
        { id: "ore", source: "buy", unitCost: 7 },
      ],
      bom: Array.from({ length: levels }, (_, i) => ({ parent: `L${i}`, component: i + 1 < levels ? `L${i + 1}` : "ore", quantity: 1 })),
      routings: Array.from({ length: levels }, (_, i) => ({ item: `L${i}`, operations: [{ id: "op", resources: ["R1"], setupMinutes: 8, runMinutesPerUnit: 1 + (i % 3) }] })),
      products: [{ item: "L0", price: 1, demand }],
      operatingExpense: 0,
    });
    const [rolled] = rollUpProducts(request, request.products);
    // Levels 0 … 4,999 start one unit per good product; scrap at level 5,000 doubles it from there down.
    // A level starting s units per product carries s × (run + 8 / (demand × s)) = s × run + 2 minutes.
    let minutes = 0;
    for (let i = 0; i < levels; i++) minutes += (i >= 5000 ? 2 : 1) * (1 + (i % 3)) + 8 / demand;
    expect(rolled!.loads).toHaveLength(1);
    expect(rolled!.loads[0]!.minutes).toBeCloseTo(minutes, 6);
    expect(rolled!.tvc).toBe(14);
    expect(rolled!.routed).toBe(true);
  });
});
