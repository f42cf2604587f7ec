/**
 * Capacity assessment at the target size: 200 resources, 52 weekly buckets, 10,000 orders × 5
 * operations (targets: the report < 1 s, the countermeasure LP < 5 s). The plant is generated from a
 * fixed seed and loaded to about 80 % on average, but weekly demand is lumpy (about 5 operations per
 * resource-week), so some 30 % of the resource-weeks are overloaded: a hard case for the LP, which gets
 * every lever (about 54,000 columns, 18,000 rows, 123,000 nonzeros).
 */
import type { Bench } from "tinybench";
import { analyseCapacity, capacityReport, countermeasureInput } from "../solver/capacity/assess-capacity.ts";
import { planCountermeasures } from "../solver/capacity/countermeasures.ts";
import { highsEngine, preloadHighs } from "../solver/lp/highs-engine.ts";
import { CapacityRequest } from "../src/capacity.ts";
import { createRandom } from "../solver/random.ts";


const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 5); // a Monday

function localDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export function generateCapacityRequest(seed = 42, resources = 200, weeks = 52, orders = 10_000, operations = 5): CapacityRequest {
  const random = createRandom(seed).next;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const breaks = (start: string, end: string) => [{ start, end }];
  const early = { start: "06:00", end: "14:00", breaks: breaks("10:00", "10:30") };
  const late = { start: "14:00", end: "22:00", breaks: breaks("18:00", "18:30") };
  const night = { start: "22:00", end: "06:00", breaks: breaks("02:00", "02:30") };
  const week = (shifts: object[], days: string[]) => Object.fromEntries(days.map((d) => [d, shifts]));
  const weekdays = ["mon", "tue", "wed", "thu", "fri"];
  const calendars = [
    { id: "two-shift", shifts: week([early, late], weekdays), exceptions: [{ date: "2026-05-01", shifts: [] }] },
    { id: "three-shift", shifts: week([early, late, night], [...weekdays, "sat"]) },
    { id: "one-shift", shifts: week([early], weekdays) },
  ];
  const weeklyMinutes: Record<string, number> = { "two-shift": 4500, "three-shift": 8100, "one-shift": 2250 };
  const resourceList = Array.from({ length: resources }, (_, i) => ({
    id: `R${i}`,
    calendar: pick(["two-shift", "two-shift", "three-shift", "one-shift"]),
    efficiency: 0.8 + 0.3 * random(),
    units: 1 + Math.floor(random() * 3),
    ...(random() < 0.5 ? { overtime: { maxMinutesPerBucket: 600, costPerMinute: 2 + random() } } : {}),
  }));
  // Each resource serves about the same number of routing operations, whose run times scale with its
  // weekly capacity: the plant is balanced on average, and weekly demand is lumpy as in a real job shop.
  const weeklyCapacity = (r: (typeof resourceList)[number]) => weeklyMinutes[r.calendar]! * r.units * r.efficiency;
  const routingCount = 100;
  const routings = Array.from({ length: routingCount }, (_, i) => ({
    item: `P${i}`,
    operations: Array.from({ length: operations }, (_, j) => {
      const resource = resourceList[(i * operations + j) % resources]!;
      return {
        id: `op${j}`,
        resources: random() < 0.3 ? [resource.id, pick(resourceList).id] : [resource.id],
        setupMinutes: 30,
        runMinutesPerUnit: (0.5 + random()) * weeklyCapacity(resource) / 1650,
        minGapMinutes: 60,
      };
    }),
  }));
  const orderList = Array.from({ length: orders }, (_, i) => ({
    id: `O${i}`,
    item: pick(routings).item,
    quantity: 20 + Math.floor(random() * 500),
    due: localDateTime(START + (7 + Math.floor(random() * (weeks * 7 - 8))) * DAY_MS + 22 * 3_600_000),
    priority: 1 + Math.floor(random() * 5),
  }));
  return CapacityRequest.parse({
    calendars,
    resources: resourceList,
    routings,
    orders: orderList,
    buckets: { start: "2026-01-05", size: "week", count: weeks },
    levers: {
      overtime: true,
      alternates: true,
      alternateCostPerMinute: 1,
      buildAhead: true,
      holdingCostPerMinutePerBucket: 0.5,
      outsourceCostPerMinute: Object.fromEntries(resourceList.slice(0, 20).map((r) => [r.id, 10])),
      latenessCostPerBucket: 50,
    },
  });
}

export async function register(bench: Bench): Promise<void> {
  const request = generateCapacityRequest();
  const input = countermeasureInput(request, analyseCapacity(request));
  await preloadHighs();
  bench
    .add("capacity report: 200 resources × 52 weeks × 10,000 orders × 5 ops", () => {
      capacityReport(request, analyseCapacity(request));
    })
    .add("countermeasure LP (HiGHS, both phases) on the same plant", async () => {
      const plan = await planCountermeasures(input, { engine: highsEngine, timeLimitSeconds: 60 });
      if (plan.status !== "optimal") throw new Error(`countermeasure LP ended ${plan.status}`);
    });
}
