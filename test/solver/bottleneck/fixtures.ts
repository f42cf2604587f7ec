import type { z } from "zod";
import { BottleneckRequest } from "../../../src/bottleneck.ts";

/** Mon–Fri 08:00–16:00, no breaks: 480 working minutes a day. */
export const DAY_CALENDAR = {
  id: "day",
  shifts: {
    mon: [{ start: "08:00", end: "16:00" }],
    tue: [{ start: "08:00", end: "16:00" }],
    wed: [{ start: "08:00", end: "16:00" }],
    thu: [{ start: "08:00", end: "16:00" }],
    fri: [{ start: "08:00", end: "16:00" }],
  },
};

/** The week of Monday 2026-03-02: 5 × 480 = 2,400 working minutes on DAY_CALENDAR. */
export const WEEK = { start: "2026-03-02T00:00", end: "2026-03-09T00:00" };

export type RequestInput = z.input<typeof BottleneckRequest>;

/** A request on one week of DAY_CALENDAR; every resource defaults to that calendar. */
export function weekRequest(input: Omit<RequestInput, "period" | "calendars"> & Partial<Pick<RequestInput, "period" | "calendars">>): BottleneckRequest {
  return BottleneckRequest.parse({ period: WEEK, calendars: [DAY_CALENDAR], ...input });
}

/**
 * Two products on two resources of 2,400 minutes, where the T/CU ranking goes wrong: scaled from
 *   max 10x + 9y  s.t.  2x + y ≤ 100 (R1),  x + 1.5y ≤ 100 (R2),  0 ≤ x, y ≤ 60
 * (minutes × 24). Full demand loads R1 180 %, R2 150 %: R1 is the constraint, Y has the better T/CU on it
 * (9/24 vs 10/48), but the optimum (x, y) = (25, 50), T = 700 has both rows binding; the ranking makes
 * y = 60 then x = 10, T = 640.
 */
export function twoBindingResources(demand = { x: 60, y: 60 }): BottleneckRequest {
  return weekRequest({
    resources: [
      { id: "R1", calendar: "day" },
      { id: "R2", calendar: "day" },
    ],
    items: [
      { id: "X", source: "make" },
      { id: "Y", source: "make" },
      { id: "steel", source: "buy", unitCost: 5 },
    ],
    bom: [
      { parent: "X", component: "steel", quantity: 2 },
      { parent: "Y", component: "steel", quantity: 1 },
    ],
    routings: [
      { item: "X", operations: [{ id: "x1", resources: ["R1"], runMinutesPerUnit: 48 }, { id: "x2", resources: ["R2"], runMinutesPerUnit: 24 }] },
      { item: "Y", operations: [{ id: "y1", resources: ["R1"], runMinutesPerUnit: 24 }, { id: "y2", resources: ["R2"], runMinutesPerUnit: 36 }] },
    ],
    // T = price − TVC: X 20 − 2 × 5 = 10, Y 14 − 5 = 9.
    products: [
      { item: "X", price: 20, demand: demand.x },
      { item: "Y", price: 14, demand: demand.y },
    ],
    operatingExpense: 500,
  });
}

/** Every integer mix 0 ≤ q ≤ floor(demand) meeting the capacity rows; the best throughput among them. */
export function bruteForceMix(
  products: ReadonlyArray<{ throughput: number; demand: number; minutes: readonly number[] }>,
  capacities: readonly number[],
): { throughput: number; mixes: number[][] } {
  let best = -Infinity;
  let mixes: number[][] = [];
  const q = products.map(() => 0);
  const visit = (k: number) => {
    if (k === products.length) {
      const fits = capacities.every((cap, r) => products.reduce((s, p, i) => s + p.minutes[r]! * q[i]!, 0) <= cap + 1e-9);
      if (!fits) return;
      const t = products.reduce((s, p, i) => s + p.throughput * q[i]!, 0);
      if (t > best + 1e-9) {
        best = t;
        mixes = [[...q]];
      } else if (Math.abs(t - best) <= 1e-9) mixes.push([...q]);
      return;
    }
    for (let v = 0; v <= Math.floor(products[k]!.demand); v++) {
      q[k] = v;
      visit(k + 1);
    }
    q[k] = 0;
  };
  visit(0);
  return { throughput: best, mixes };
}
