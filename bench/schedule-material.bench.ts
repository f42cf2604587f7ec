/**
 * Scheduling with material at scale (issue 14): the scheduling benchmark plant (schedule.bench.ts) with 500
 * bought components, ten per product, seven consumed at the first operation and three at the third (an
 * assembly step), a quarter of them with two days of staging; stock on hand
 * covers about a third of the demand and four receipts per component, over eight weeks, the rest. Targets:
 * first feasible plan < 3 s, and the search's iterations per second ≥ 70 % of the material-free search on
 * the same plant: (construct + 5 iterations − construct) per variant.
 */
import type { Bench } from "tinybench";
import { ScheduleRequest } from "../src/schedule.ts";
import { searchSchedule } from "../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../solver/schedule/to-response.ts";
import { scalePlant } from "./schedule.bench.ts";

const COMPONENTS = 500;
const PER_PRODUCT = 10;

/** scalePlant with material: product p consumes components 10p … 10p + 9, one unit each per unit made. */
const consumedAt = (j: number) => (j < 7 ? 0 : 2);
export function materialPlant(orders = 10_000): ScheduleRequest {
  const plant = scalePlant(orders);
  const demand = new Float64Array(COMPONENTS);
  const productOf = (item: string) => Number(item.slice(1));
  for (const o of plant.orders) for (let j = 0; j < PER_PRODUCT; j++) demand[productOf(o.item) * PER_PRODUCT + j]! += o.quantity;
  const components = Array.from({ length: COMPONENTS }, (_, c) => `C${c}`);
  return ScheduleRequest.parse({
    ...plant,
    items: [...plant.routings.map((r) => ({ id: r.item })), ...components.map((id, c) => ({ id, onHand: Math.round(demand[c]! / 3), stagingMinutes: c % 4 === 0 ? 2880 : 0 }))],
    bom: plant.routings.flatMap((r) => Array.from({ length: PER_PRODUCT }, (_, j) => ({ parent: r.item, component: `C${productOf(r.item) * PER_PRODUCT + j}`, quantity: 1 }))),
    routings: plant.routings.map((r) => ({
      ...r,
      operations: r.operations.map((op, k) => ({ ...op, consumes: Array.from({ length: PER_PRODUCT }, (_, j) => j).filter((j) => consumedAt(j) === k).map((j) => `C${productOf(r.item) * PER_PRODUCT + j}`) })),
    })),
    receipts: components.flatMap((item, c) =>
      Array.from({ length: 4 }, (_, w) => ({ id: `PO-${c}-${w}`, item, date: new Date(Date.UTC(2026, 2, 9 + 14 * w)).toISOString().slice(0, 10), quantity: Math.ceil((demand[c]! * 0.75) / 4) })),
    ),
  });
}

export function register(bench: Bench): void {
  const withMaterial = materialPlant();
  const without = scalePlant();
  const clock = () => performance.now();
  const construct = (request: ScheduleRequest) => searchSchedule(request, { seed: 1, budget: { workUnits: 0, deadlineMs: 600_000 }, clock });
  const iterate = (request: ScheduleRequest) => searchSchedule(request, { seed: 1, budget: { workUnits: Number.MAX_SAFE_INTEGER, deadlineMs: 600_000, maxIterations: 5 }, clock });
  bench.add("material 10,000 orders × 5 ops, 500 components: first feasible (with response)", () => {
    toScheduleResponse(withMaterial, construct(withMaterial), { elapsedMs: 0, workers: 1 });
  });
  bench.add("material: construct", () => construct(withMaterial));
  bench.add("material: construct + 5 iterations", () => iterate(withMaterial));
  bench.add("no material: construct", () => construct(without));
  bench.add("no material: construct + 5 iterations", () => iterate(without));
}
