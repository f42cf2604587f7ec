/**
 * HiGHS on capacity-planning LPs of the shape and size Takt builds: resources × time buckets, each with work
 * done, overtime, backlog carried to the next bucket and load moved to an alternative resource, tied by
 * per-bucket load-balance equalities, per-bucket capacity rows and a plant-wide overtime crew limit per
 * bucket. Random but fixed-seed data. jslp is not run: it takes tens of seconds at the smaller size.
 */
import type { Bench } from "tinybench";
import { highsEngine, preloadHighs } from "../solver/lp/highs-engine.ts";
import type { LpConstraint, LpModel, LpVariable } from "../solver/lp/model.ts";
import { createRandom } from "../solver/random.ts";


const SHIFT_MINUTES = 480;
const CREW_OVERTIME_MINUTES_PER_RESOURCE = 60;

/** 4 variables and 2 rows per resource and bucket, plus one crew row per bucket. */
function capacityLp(resources: number, buckets: number, seed = 1): LpModel {
  const random = createRandom(seed).next;
  const variables: LpVariable[] = [];
  const add = (variable: LpVariable): number => variables.push(variable) - 1;
  const balance: Array<Array<[number, number]>> = [];
  const constraints: LpConstraint[] = [];
  const demands: number[] = [];
  const movedAway: number[] = [];
  const overtimeByBucket: Array<Array<[number, number]>> = Array.from({ length: buckets }, () => []);
  for (let r = 0; r < resources; r++) {
    const overtimeCost = 0.8 + 0.7 * random();
    let inheritedLate: number | undefined;
    for (let b = 0; b < buckets; b++) {
      const at = `r${r}_b${b}`;
      const load = add({ name: `load_${at}`, cost: 0 });
      const overtime = add({ name: `ot_${at}`, cost: overtimeCost, upper: 120 });
      // Lateness grows costlier towards the horizon's end, where backlog is never worked off.
      const late = add({ name: `late_${at}`, cost: 2 + (8 * b) / buckets });
      const moved = add({ name: `alt_${at}`, cost: 0.3, upper: 240 });
      demands.push(Math.round(250 + 400 * random()));
      movedAway.push(moved);
      // Balance of (r, b): work done + backlog left − backlog inherited + moved away − moved in = demand.
      const terms: Array<[number, number]> = [[load, 1], [late, 1], [moved, 1]];
      if (inheritedLate !== undefined) terms.push([inheritedLate, -1]);
      inheritedLate = late;
      balance.push(terms);
      constraints.push({ name: `cap_${at}`, terms: [[load, 1], [overtime, -1]], upper: SHIFT_MINUTES });
      overtimeByBucket[b]!.push([overtime, 1]);
    }
  }
  // Load moved away from resource r is worked by its alternative, r + 1 (cyclically), at 90 % efficiency.
  movedAway.forEach((moved, k) => {
    const r = Math.floor(k / buckets);
    const b = k % buckets;
    balance[((r + 1) % resources) * buckets + b]!.push([moved, -0.9]);
  });
  balance.forEach((terms, k) => {
    const demand = demands[k]!;
    constraints.push({ name: `balance_${k}`, terms, lower: demand, upper: demand });
  });
  overtimeByBucket.forEach((terms, b) => {
    constraints.push({ name: `crew_b${b}`, terms, upper: CREW_OVERTIME_MINUTES_PER_RESOURCE * resources });
  });
  return { sense: "minimize", variables, constraints };
}

export async function register(bench: Bench): Promise<void> {
  // The first big solve in a thread runs 2–5× slower while V8 compiles HiGHS's hot WASM code; tinybench's
  // warm-up iterations absorb that, so the table shows steady-state times.
  await preloadHighs();
  for (const [resources, buckets] of [
    [25, 65],
    [50, 155],
  ] as const) {
    const model = capacityLp(resources, buckets);
    const size = `${model.variables.length.toLocaleString("en")} vars × ${model.constraints.length.toLocaleString("en")} rows`;
    bench.add(`highs capacity LP ${size}`, async () => {
      const solution = await highsEngine.solve(model);
      if (solution.status !== "optimal") throw new Error(`capacity LP ${size}: ${solution.status} (${solution.detail})`);
    });
  }
}
