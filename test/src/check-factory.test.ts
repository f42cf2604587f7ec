import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBom, checkFactory } from "../../src/check-factory.ts";
import { FactoryModel } from "../../src/factory.ts";
import { findCycle } from "../../src/find-cycle.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";

const parse = (x: unknown) => FactoryModel.parse(x);

describe("checkFactory", () => {
  it("finds nothing wrong with a sound model", () => {
    expect(checkFactory(parse(tinyFactory()))).toEqual([]);
  });

  it("applies the documented defaults", () => {
    const model = parse(tinyFactory());
    expect(model.resources[0]).toMatchObject({ efficiency: 1, units: 1 });
    expect(model.routings[0]!.operations[0]).toMatchObject({ setupMinutes: 0, minGapMinutes: 0 });
    expect(model.orders[0]).toMatchObject({ priority: 3, kind: "standard" });
  });

  it("reports duplicate ids at each repetition", () => {
    const raw = tinyFactory();
    raw.resources.push({ id: "press", calendar: "day" }, { id: "press", calendar: "day" });
    expect(checkFactory(parse(raw))).toEqual([
      { path: "resources[2]", message: 'duplicate resource id "press" (first at resources[0])' },
      { path: "resources[3]", message: 'duplicate resource id "press" (first at resources[0])' },
    ]);
  });

  it("reports a break outside its shift, also across midnight", () => {
    const raw = tinyFactory();
    raw.calendars[0]!.shifts.wed = [{ start: "22:00", end: "06:00", breaks: [{ start: "02:00", end: "02:30" }, { start: "07:00", end: "07:30" }] }];
    expect(checkFactory(parse(raw))).toEqual([{ path: "calendars[0].shifts.wed[0].breaks[1]", message: "break 07:00-07:30 is not inside its shift 22:00-06:00" }]);
  });

  it("with an item master, checks every item reference against it", () => {
    const raw = { ...tinyFactory(), items: [{ id: "shaft" }], bom: [{ parent: "shaft", component: "bar", quantity: 1 }] };
    expect(checkFactory(parse(raw))).toEqual([{ path: "bom[0].component", message: 'unknown item "bar"' }]);
  });

  it("lets MRP-only models have orders without routings when asked", () => {
    const raw = tinyFactory();
    raw.orders.push({ id: "o2", item: "gear", quantity: 1, due: "2026-03-06T14:00" });
    expect(checkFactory(parse(raw))).toHaveLength(1);
    expect(checkFactory(parse(raw), { ordersNeedRoutings: false })).toEqual([]);
  });
});

describe("BOM cycles", () => {
  it("names a self-loop and a longer cycle", () => {
    const bom = [
      { parent: "A", component: "A", quantity: 1 },
      { parent: "X", component: "Y", quantity: 1 },
      { parent: "Y", component: "Z", quantity: 1 },
      { parent: "Z", component: "X", quantity: 1 },
    ];
    expect(checkBom({ items: [], bom })).toEqual([
      { path: "bom[0]", message: "BOM cycle: A → A" },
      { path: "bom[1]", message: "BOM cycle: X → Y → Z → X" },
    ]);
  });

  it("findCycle agrees with a brute-force reachability check on random small graphs", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 12 }), (edges) => {
        const succ = new Map<string, string[]>();
        for (const [a, b] of edges) succ.set(String(a), [...(succ.get(String(a)) ?? []), String(b)]);
        const nodes = [...new Set(edges.flat().map(String))];
        // Brute force: a cycle exists iff some node reaches itself.
        const reaches = (from: string, to: string): boolean => {
          const seen = new Set<string>();
          const stack = [...(succ.get(from) ?? [])];
          while (stack.length) {
            const n = stack.pop()!;
            if (n === to) return true;
            if (!seen.has(n)) { seen.add(n); stack.push(...(succ.get(n) ?? [])); }
          }
          return false;
        };
        const hasCycle = nodes.some((n) => reaches(n, n));
        const cycle = findCycle(nodes, (n) => succ.get(n) ?? []);
        expect(cycle !== null).toBe(hasCycle);
        if (cycle) {
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i++) expect(succ.get(cycle[i]!) ?? []).toContain(cycle[i + 1]);
        }
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
