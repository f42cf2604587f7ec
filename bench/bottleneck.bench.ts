/**
 * Bottleneck roll-up on deep BOMs (issue 13, case 5): chains of 2,500, 5,000 and 10,000 levels, each level a
 * made item with one operation, the last one bought. Before the roll-up was made linear these took 4.6, 14.6
 * and 50 s (0.5, 1.2 and 3.1 GB). Target: 10,000 levels in under a second. Also the whole analysis (checks,
 * roll-up, product-mix LP, capacity value) of the 10,000-level chain.
 * Run with `npm run bench -- bottleneck`.
 */
import type { Bench } from "tinybench";
import { analyseBottleneck } from "../solver/bottleneck/analyse-bottleneck.ts";
import { rollUpProducts } from "../solver/bottleneck/roll-up-load.ts";
import { highsEngine } from "../solver/lp/highs-engine.ts";
import { BottleneckRequest } from "../src/bottleneck.ts";

/** A chain of `levels` made items on 10 resources, the last using a bought item; one product at its top. */
export function deepChain(levels: number): BottleneckRequest {
  const shift = [{ start: "06:00", end: "14:00" }];
  return BottleneckRequest.parse({
    period: { start: "2026-03-02T00:00", end: "2026-03-09T00:00" },
    calendars: [{ id: "day", shifts: { mon: shift, tue: shift, wed: shift, thu: shift, fri: shift } }],
    resources: Array.from({ length: 10 }, (_, r) => ({ id: `R${r}`, calendar: "day" })),
    items: [...Array.from({ length: levels }, (_, i) => ({ id: `L${i}`, source: "make" })), { id: "ore", source: "buy", unitCost: 3 }],
    bom: Array.from({ length: levels }, (_, i) => ({ parent: `L${i}`, component: i + 1 < levels ? `L${i + 1}` : "ore", quantity: 1 })),
    routings: Array.from({ length: levels }, (_, i) => ({ item: `L${i}`, operations: [{ id: "op", resources: [`R${i % 10}`], setupMinutes: 5, runMinutesPerUnit: 0.01 }] })),
    products: [{ item: "L0", price: 100, demand: 10 }],
    operatingExpense: 0,
  });
}

export function register(bench: Bench): void {
  for (const levels of [2_500, 5_000, 10_000]) {
    const request = deepChain(levels);
    bench.add(`roll-up, a BOM chain of ${levels.toLocaleString("en-US")} levels`, () => {
      rollUpProducts(request, request.products);
    });
  }
  const deepest = deepChain(10_000);
  bench.add("whole bottleneck analysis, a BOM chain of 10,000 levels", async () => {
    await analyseBottleneck(deepest, { engine: highsEngine, timeLimitSeconds: 30 });
  });
}
