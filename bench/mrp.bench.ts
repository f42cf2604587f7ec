/**
 * MRP at the size of issue 5: 100,000 items, 300,000 BOM lines, 7 levels, 52 weekly buckets.
 * The instance is generated once from a fixed seed, outside the timed task:
 * - levels of 2k, 6k, 12k, 16k, 20k, 22k, 22k items; each item below the top gets one parent from the
 *   level just above (so its low-level code is its level), the remaining lines join a parent to a random
 *   item one to three levels below it (so many items are used at several levels);
 * - end items get demand (customer order lines) in 8 random weeks; lead times 0–3 weeks; on hand, safety
 *   stock and open receipts on part of the items; lot rules as a plant uses them: end items (made to
 *   order) lot-for-lot, the parts below mostly in lots covering several weeks — 10 % lot-for-lot, 40 %
 *   periods (8–13: monthly to quarterly buying), 10 % fixed, 15 % eoq, 15 % wagner-whitin, 10 % silver-meal;
 *   a few phantoms and scrap rates.
 * Run with `npm run bench -- mrp`; the task logs the plan's size and the heap / RSS with a response alive.
 */
import type { Bench } from "tinybench";
import { MrpRequest } from "../src/mrp.ts";
import type { MrpResponse } from "../src/mrp.ts";
import { planMaterials } from "../solver/mrp/plan-materials.ts";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVEL_SIZES = [2_000, 6_000, 12_000, 16_000, 20_000, 22_000, 22_000];
const BOM_LINES = 300_000;
const BUCKETS = 52;
const DEMANDS_PER_END_ITEM = 8;

export function generateMrpRequest(seed = 42): MrpRequest {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const levels: string[][] = LEVEL_SIZES.map((size, level) => Array.from({ length: size }, (_, k) => `L${level}-${k}`));
  const pick = (level: number) => levels[level]![int(0, levels[level]!.length - 1)]!;

  const items = levels.flatMap((ids, level) =>
    ids.map((id) => {
      const r = random();
      const lotSizing =
        level === 0 || r < 0.1
          ? { rule: "lot-for-lot" as const }
          : r < 0.5
            ? { rule: "periods" as const, periods: int(8, 13) }
            : r < 0.6
              ? { rule: "fixed" as const, quantity: 1000 * int(1, 10) }
              : r < 0.75
                ? { rule: "eoq" as const, setupCost: int(1000, 5000), holdingCost: 0.05 }
                : r < 0.9
                  ? { rule: "wagner-whitin" as const, setupCost: int(1000, 5000), holdingCost: 0.05 }
                  : { rule: "silver-meal" as const, setupCost: int(1000, 5000), holdingCost: 0.05 };
      const simple = lotSizing.rule !== "wagner-whitin" && lotSizing.rule !== "silver-meal";
      return {
        id,
        leadTime: int(0, 3),
        onHand: random() < 0.5 ? int(0, 500) : 0,
        safetyStock: random() < 0.2 ? int(1, 50) : 0,
        lotSizing,
        ...(simple && random() < 0.1 ? { minimum: int(10, 100) } : {}),
        ...(simple && random() < 0.1 ? { multiple: int(2, 12) } : {}),
        scrapRate: random() < 0.1 ? 0.05 : 0,
        phantom: level > 0 && level < 6 && random() < 0.01,
      };
    }),
  );

  const seen = new Set<string>();
  const bom: Array<{ parent: string; component: string; quantity: number }> = [];
  const addLine = (parent: string, component: string) => {
    const key = `${parent}>${component}`;
    if (seen.has(key)) return;
    seen.add(key);
    bom.push({ parent, component, quantity: int(1, 4) });
  };
  for (let level = 1; level < levels.length; level++) for (const id of levels[level]!) addLine(pick(level - 1), id);
  while (bom.length < BOM_LINES) {
    const parentLevel = int(0, levels.length - 2);
    addLine(pick(parentLevel), pick(Math.min(levels.length - 1, parentLevel + int(1, 3))));
  }

  const demands = levels[0]!.flatMap((item) =>
    Array.from({ length: DEMANDS_PER_END_ITEM }, (_, k) => ({ id: `${item}/D${k}`, item, bucket: int(0, BUCKETS - 1), quantity: int(1, 100) })),
  );
  const receipts = Array.from({ length: 50_000 }, (_, k) => ({ id: `PO${k}`, item: pick(int(1, 6)), bucket: int(0, 11), quantity: int(10, 500) }));

  return MrpRequest.parse({ buckets: { start: "2026-01-05", size: "week", count: BUCKETS }, items, bom, demands, receipts });
}

export function register(bench: Bench): void {
  const request = generateMrpRequest();
  let last: MrpResponse | undefined; // kept alive so the memory figures include one full response
  bench.add(
    "planMaterials: 100k items, 300k BOM lines, 7 levels, 52 weeks",
    () => {
      last = planMaterials(request);
    },
    {
      afterAll() {
        if (last === undefined) return;
        const { heapUsed, rss } = process.memoryUsage();
        const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
        const pegs = last.plannedOrders.reduce((n, o) => n + o.pegging.length, 0);
        console.log(
          `mrp: ${last.plannedOrders.length} planned orders, ${pegs} pegs, ${last.exceptions.length} exceptions; ` +
            `heapUsed ${mb(heapUsed)}, rss ${mb(rss)} with the request and one response alive`,
        );
      },
    },
  );
}
