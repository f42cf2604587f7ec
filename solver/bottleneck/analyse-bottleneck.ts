/**
 * Bottleneck analysis, the orchestrator (Goldratt's five focusing steps: identify the constraint, exploit it
 * by the product mix, subordinate everything to it by drum-buffer-rope, and price elevating it):
 * period capacity → BOM roll-up → constraint → integer mix LP beside the T/CU ranking → value of capacity
 * → drum-buffer-rope when there are orders. Pure: the LP engine and the time budget come in as arguments.
 */
import type { BottleneckRequest, BottleneckResponse, ProductEconomics } from "../../src/bottleneck.ts";
import { ModelError } from "../../src/errors.ts";
import { parseDateTime } from "../../src/time.ts";
import type { LpEngine } from "../lp/model.ts";
import { capacityValues } from "./capacity-value.ts";
import { checkBottleneckRequest } from "./check-bottleneck-request.ts";
import { drumBufferRope } from "./drum-buffer-rope.ts";
import { periodCapacity } from "./period-capacity.ts";
import { poolsAsResources } from "./pools-as-resources.ts";
import type { MixProduct } from "./product-mix-lp.ts";
import { compileMix, solveMix } from "./product-mix-lp.ts";
import { minutesByResource, rankConstraint } from "./rank-constraint.ts";
import { rankingMix, throughputPerConstraintMinute } from "./ranking-mix.ts";
import { rollUpProducts } from "./roll-up-load.ts";

export interface BottleneckDeps {
  readonly engine: LpEngine;
  /**
   * Budget for the LP solves, seconds (default: none). Half goes to the product-mix MIP, the rest to the
   * capacity-value re-solves; a MIP that times out keeps its best mix, or the ranking's if that is better.
   */
  readonly timeLimitSeconds?: number;
}

/** Smallest budget handed to a solve, seconds: an engine must be given some time to return its incumbent. */
const MIN_SOLVE_SECONDS = 0.05;

/** Throws ModelError with every problem when the request is not semantically sound (checkBottleneckRequest). */
export async function analyseBottleneck(request: BottleneckRequest, deps: BottleneckDeps): Promise<BottleneckResponse> {
  const problems = checkBottleneckRequest(request);
  if (problems.length > 0) throw new ModelError(problems);
  const { engine, timeLimitSeconds } = deps;

  const period = { from: parseDateTime(request.period.start)!, to: parseDateTime(request.period.end)! };
  // Pools (issue 21) rank and load as resources do, in labour minutes.
  const pooled = poolsAsResources(request, period);
  const capacity = new Map([...periodCapacity(request, period), ...pooled.capacity]);
  const available = new Map([...capacity].map(([id, c]) => [id, c.availableMinutes]));
  const rolled = rollUpProducts({ ...request, routings: pooled.routings }, request.products);
  const perUnit = rolled.map((r) => minutesByResource(r.loads, available));
  const ranked = rankConstraint(
    [...request.resources.map((r) => r.id), ...pooled.capacity.keys()],
    available,
    request.products.map((p, i) => ({ demand: p.demand, minutes: perUnit[i]! })),
  );
  if (ranked.constraint.kind === "resource" && pooled.capacity.has(ranked.constraint.resource)) ranked.constraint.pool = true;
  const constraint = ranked.constraint.resource;

  const mixProducts: MixProduct[] = request.products.map((p, i) => ({
    item: p.item,
    throughputPerUnit: p.price - rolled[i]!.tvc,
    demand: p.demand,
    loads: rolled[i]!.loads,
  }));
  const ranking = rankingMix(
    mixProducts.map((p, i) => ({ throughputPerUnit: p.throughputPerUnit, demand: p.demand, minutes: perUnit[i]! })),
    constraint,
    available,
  );
  const throughputOf = (quantities: readonly number[]) => mixProducts.reduce((sum, p, i) => sum + p.throughputPerUnit * quantities[i]!, 0);
  const rankingThroughput = throughputOf(ranking.quantities);

  const compiled = compileMix(mixProducts);
  const capacities = compiled.resources.map((r) => available.get(r) ?? 0);
  const mixBudget = timeLimitSeconds === undefined ? {} : { timeLimitSeconds: Math.max(MIN_SOLVE_SECONDS, timeLimitSeconds / 2) };
  const solved = await solveMix(engine, mixProducts, compiled, capacities, { integer: true, ...mixBudget });
  const useLp = solved !== null && (solved.status === "optimal" || solved.throughput >= rankingThroughput);
  const quantities = useLp ? solved.quantities : ranking.quantities;
  const throughput = throughputOf(quantities);
  const mixLoad = new Map<string, number>();
  if (useLp) compiled.resources.forEach((r, row) => mixLoad.set(r, solved.rowMinutes[row]!));
  else perUnit.forEach((minutes, i) => minutes.forEach((m, r) => mixLoad.set(r, (mixLoad.get(r) ?? 0) + m * quantities[i]!)));

  const spentSeconds = (solved?.elapsedMs ?? 0) / 1000;
  const { binding, values } = await capacityValues(engine, mixProducts, compiled, capacities, {
    efficiency: new Map(request.resources.map((r) => [r.id, r.efficiency])),
    fullDemandLoad: new Map(ranked.loads.map((l) => [l.resource, l.loadMinutes])),
    throughput,
    alsoValue: constraint === null ? [] : [constraint],
    ...(timeLimitSeconds === undefined ? {} : { timeLimitSeconds: Math.max(MIN_SOLVE_SECONDS, timeLimitSeconds - spentSeconds) }),
  });

  const products = request.products.map(
    (p, i): ProductEconomics => ({
      item: p.item,
      tvc: rolled[i]!.tvc,
      throughputPerUnit: mixProducts[i]!.throughputPerUnit,
      minutesByResource: Object.fromEntries([...perUnit[i]!].filter(([, m]) => m > 0)),
      throughputPerConstraintMinute: throughputPerConstraintMinute(
        { throughputPerUnit: mixProducts[i]!.throughputPerUnit, demand: p.demand, minutes: perUnit[i]! },
        constraint,
      ),
    }),
  );
  const toMix = (q: readonly number[]) => Object.fromEntries(request.products.map((p, i) => [p.item, q[i]!]));

  const response: BottleneckResponse = {
    constraint: ranked.constraint,
    loads: ranked.loads.map((l) => ({ ...l, mixLoadMinutes: mixLoad.get(l.resource) ?? 0 })),
    products,
    mix: toMix(quantities),
    mixStatus: solved?.status === "optimal" && useLp ? "optimal" : "timedout",
    throughput,
    netProfit: throughput - request.operatingExpense,
    binding,
    rankingMix: {
      order: ranking.order.map((i) => request.products[i]!.item),
      mix: toMix(ranking.quantities),
      throughput: rankingThroughput,
      netProfit: rankingThroughput - request.operatingExpense,
    },
    capacityValue: values,
  };

  // With the market as the constraint the drum still beats on the most loaded resource (the capacity-
  // constrained resource of simplified DBR), so planners get release dates all the same.
  // A pool is no drum: the drum then beats on the most loaded machine.
  const machines = new Set(request.resources.map((r) => r.id));
  const drumResource = constraint !== null && machines.has(constraint) ? constraint : ranked.loads.find((l) => l.loadMinutes > 0 && machines.has(l.resource))?.resource;
  if (request.orders.length > 0 && drumResource !== undefined) {
    const now = request.now === undefined ? undefined : parseDateTime(request.now)!;
    const { orders, routings, resources, calendars, progress, bufferMinutes } = request;
    response.dbr = drumBufferRope({
      orders,
      routings,
      resources,
      calendars,
      progress,
      ...(bufferMinutes === undefined ? {} : { bufferMinutes }),
      drumResource,
      planStart: now ?? period.from,
      ...(now === undefined ? {} : { now }),
    });
  }
  return response;
}
