/**
 * Tabu search around an elite pool, in the spirit of Peng, Lü & Cheng's TS/PR (2015): a few list-scheduled
 * plans, each improved by a tabu run, fill the pool; then, until the work runs out, two pool plans are
 * relinked into a plan between them, a tabu run improves it, and it replaces the pool's worst when it is
 * better and not already there. When relinking stops finding better plans, the pool restarts from its best.
 *
 * The relinking blends start times: operation o gets the key λ·startA(o) + (1−λ)·startB(o) and the machine
 * of A with probability λ, else of B; each machine then runs its operations in key order. Precedences on
 * which A and B agree survive, the others are settled towards the nearer parent, and keys that grow along
 * every route always give an acyclic plan (JobShopGraph.loadByKeys), so no repair is needed. Unlike TS/PR's
 * swap path it handles reassignments of the flexible job shop the same way.
 */
import type { Random } from "../random.ts";
import { constructPlan } from "./construct-jobshop.ts";
import type { JobShopGraph, JobShopPlan } from "./disjunctive-graph.ts";
import { incrementalScratch } from "./incremental-evaluation.ts";
import { SegmentScratch } from "./n6-moves.ts";
import { tabuRun } from "./tabu-jobshop.ts";
import type { WorkMeter } from "./tabu-jobshop.ts";
import { TabuTable } from "./tabu-table.ts";

export interface EliteSearchOptions {
  random: Random;
  meter: WorkMeter & { readonly stopped: boolean };
  lowerBound: number;
  onImprove?: (graph: JobShopGraph) => void;
}

interface Elite {
  plan: JobShopPlan;
  start: Float64Array;
  completionSum: number;
}

const POOL_SIZE = 4;
/**
 * Rounds (a relinked or fresh plan and its tabu run) without a new best after which the pool restarts from
 * its best plan: 20 beat 8 and no restart on orb04, ta08, ta10 and mk07 at 10 s (seed 1), where the pool had
 * converged for most of the run.
 */
const RESTART_AFTER = 20;
/** Noise of the randomised list scheduling behind the pool's later starting plans (the first has none). */
const CONSTRUCTION_NOISE = 0.3;

/** Iterations without improvement that end a tabu run: longer for larger instances, within limits. */
export function stallLimitFor(opCount: number): number {
  return Math.min(10_000, Math.max(1_000, 5 * opCount));
}

function sameStarts(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Adds the plan loaded in `graph` to the pool if there is room or it beats the worst; never a duplicate. */
function offer(pool: Elite[], graph: JobShopGraph): void {
  const entry: Elite = { plan: graph.snapshot(), start: graph.head.slice(), completionSum: graph.completionSum() };
  if (pool.some((e) => e.plan.makespan === entry.plan.makespan && sameStarts(e.start, entry.start))) return;
  if (pool.length < POOL_SIZE) return void pool.push(entry);
  let worst = 0;
  pool.forEach((e, i) => {
    const w = pool[worst]!;
    if (e.plan.makespan > w.plan.makespan || (e.plan.makespan === w.plan.makespan && e.completionSum > w.completionSum)) worst = i;
  });
  const w = pool[worst]!;
  if (entry.plan.makespan < w.plan.makespan || (entry.plan.makespan === w.plan.makespan && entry.completionSum < w.completionSum)) pool[worst] = entry;
}

/** The pool's shortest plan (the first of equals). */
function bestOf(pool: Elite[]): Elite {
  return pool.reduce((b, e) => (e.plan.makespan < b.plan.makespan ? e : b));
}

/** Loads into `graph` a plan between elite plans a and b (see the header). */
export function relink(graph: JobShopGraph, a: Elite, b: Elite, random: Random): void {
  const lambda = 0.3 + 0.4 * random.next();
  const alt = new Int32Array(graph.opCount);
  const key = new Float64Array(graph.opCount);
  for (let o = 0; o < graph.opCount; o++) {
    alt[o] = random.next() < lambda ? a.plan.alt[o]! : b.plan.alt[o]!;
    key[o] = lambda * a.start[o]! + (1 - lambda) * b.start[o]!;
  }
  graph.loadByKeys(alt, key);
}

/** Runs until the meter stops or the bound is reached; returns the best plan found. */
export function eliteSearch(graph: JobShopGraph, options: EliteSearchOptions): JobShopPlan {
  const { random, meter, lowerBound } = options;
  const run = {
    random,
    meter,
    lowerBound,
    stallLimit: stallLimitFor(graph.opCount),
    tabu: new TabuTable(graph.opCount, graph.machineCount),
    scratch: new SegmentScratch(graph.opCount),
    incremental: incrementalScratch(graph.opCount),
    ...(options.onImprove ? { onImprove: options.onImprove } : {}),
  };
  const pool: Elite[] = [];
  constructPlan(graph, random, 0);
  options.onImprove?.(graph);
  let best = graph.snapshot();
  const improve = () => {
    const plan = tabuRun(graph, run);
    graph.restore(plan);
    offer(pool, graph);
    if (plan.makespan < best.makespan) best = plan;
  };
  improve();
  for (let k = 1; k < POOL_SIZE && !meter.stopped && best.makespan > lowerBound; k++) {
    if (!meter.iterate(graph.opCount * graph.jobCount)) break;
    constructPlan(graph, random, CONSTRUCTION_NOISE);
    improve();
  }
  // Relinking pool plans from here on, and fresh starts while the pool is not full. A pool whose relinked
  // plans stop improving the best has converged (its plans are near one another): it keeps only its best
  // plan and refills with fresh starts.
  let idle = 0;
  while (!meter.stopped && best.makespan > lowerBound) {
    if (!meter.iterate(graph.opCount * graph.jobCount)) break;
    if (idle >= RESTART_AFTER) {
      pool.splice(0, pool.length, bestOf(pool));
      idle = 0;
    }
    const before = best.makespan;
    if (pool.length < POOL_SIZE) constructPlan(graph, random, CONSTRUCTION_NOISE);
    else {
      const i = random.int(pool.length);
      relink(graph, pool[i]!, pool[(i + 1 + random.int(pool.length - 1)) % pool.length]!, random);
    }
    improve();
    idle = best.makespan < before ? 0 : idle + 1;
  }
  return best;
}
