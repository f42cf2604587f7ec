/**
 * The countermeasure LP (step 4 of the four steps): a linear program over resource × bucket capacity rows
 *   load₀[r,b] + Σ moves in − Σ moves out − efficiency_r · overtime[r,b] − outsourced[r,b] − uncovered[r,b]
 *     ≤ available[r,b]
 * whose columns are the levers the request switched on. Variables are chosen for size (200 resources ×
 * 52 buckets × 10,000 orders must stay a few tens of thousands of columns):
 * - overtime[r,b] ≤ overtime.maxMinutesPerBucket at costPerMinute: clock minutes, each adding
 *   `efficiency` standard minutes of capacity (units run overtime together, the limit is their sum);
 * - outsourced[r,b] at outsourceCostPerMinute[r], standard minutes;
 * - alternate[routing op, to, b]: standard minutes of that operation's load (all orders pooled) moved
 *   from its first resource to another listed one in the same bucket. Load is in standard minutes and
 *   the alternate's lower or higher efficiency is already in its available minutes, so minutes move 1:1;
 * - buildAhead[r,b]: standard minutes pulled from bucket b+1 into b on the same resource (a chain: a
 *   move over k buckets uses k of them and pays the holding cost k times), never before planStart's
 *   bucket. Pooled per resource: rough-cut, blind to precedence and release dates;
 * - defer[order piece]: standard minutes of one order's operation in an overloaded cell moved later on the
 *   same resource, to the first bucket (at most maxDeferBuckets on, inside the grid) where that resource
 *   has spare capacity — deferring further only costs more, and load pushed past the horizon could not
 *   be checked. Deferring all of an order's load in a cell by k buckets costs latenessCostPerBucket ×
 *   priorityWeight(priority) × k, a share pro rata (a split delivery: this is the LP relaxation). Only
 *   the overloaded cell's load moves, not the order's other operations: rough-cut, like everything here.
 *   Two richer formulations were measured on the benchmark plant and rejected: shifting each order's
 *   whole profile (≈20 nonzeros per column, tying many rows together) did not finish in 60 s, and one
 *   column per piece and delay k with a row per piece was about 10 times slower than this one column per
 *   piece (2–4 nonzeros), which keeps the LP close to a network flow;
 * - uncovered[r,b] on the originally overloaded cells: what no lever covers, which keeps the LP feasible.
 * A running operation (shop-floor progress) is on its unit now, so the LP offers no lever that moves it:
 * its load joins no alternate pool and no defer column. Build-ahead and outsourcing take minutes out of a
 * cell as a whole, never naming whose; a running operation's load in a cell is at most one unit's working
 * time there, within the cell's capacity, so the cell's overload — all an optimum takes out — never
 * exceeds its other load, and the minutes taken are always someone else's.
 * No minute is moved twice: an operation's alternate moves and the deferred minutes of its orders share
 * one pool row per bucket (bounded by the load there), and a piece defers at most its own minutes.
 * Build-ahead and outsourcing act on a cell's load as a whole; taking out more than is there gains
 * nothing, so an optimum never does. Zero-cost levers get a tiny tie-break cost so that no action is
 * taken that nothing needs.
 * Instead of a big-M penalty on `uncovered` (which would be badly scaled next to the geometric priority
 * weights, 1 … 10⁴), countermeasures.ts solves lexicographically: first the least uncovered load, then
 * the cheapest plan that uncovers no more.
 */
import type { CapacityLevers } from "../../src/capacity.ts";
import type { Order } from "../../src/order.ts";
import { priorityWeight } from "../../src/order.ts";
import type { Resource } from "../../src/resource.ts";
import type { Routing } from "../../src/routing.ts";
import type { LpConstraint, LpModel, LpVariable } from "../lp/model.ts";
import type { OrderLoading } from "./load-orders.ts";

export interface CountermeasureInput {
  readonly resources: readonly Resource[];
  /** Standard minutes per resource index and bucket. */
  readonly available: readonly Float64Array[];
  readonly load: readonly Float64Array[];
  /** Build-ahead never moves load into a bucket before this one (the bucket holding planStart). */
  readonly firstBucket: number;
  readonly orders: readonly Order[];
  readonly loadings: readonly OrderLoading[];
  readonly routings: ReadonlyMap<string, Routing>;
  readonly resourceIndex: ReadonlyMap<string, number>;
  readonly levers: CapacityLevers;
}

/** What one LP column means, for turning values back into actions (resources and orders by index). */
export type Lever =
  | { readonly kind: "overtime" | "outsource"; readonly resource: number; readonly bucket: number; readonly costPerMinute: number }
  | { readonly kind: "build-ahead"; readonly resource: number; readonly bucket: number; readonly toBucket: number; readonly costPerMinute: number }
  | {
      readonly kind: "alternate";
      readonly resource: number;
      readonly toResource: number;
      readonly bucket: number;
      readonly item: string;
      readonly operation: string;
      readonly costPerMinute: number;
    }
  | { readonly kind: "defer"; readonly order: number; readonly resource: number; readonly bucket: number; readonly toBucket: number; readonly costPerMinute: number }
  | { readonly kind: "uncovered"; readonly resource: number; readonly bucket: number };

export interface CountermeasureModel {
  readonly levers: readonly Lever[];
  /** Phase 1: minimise the uncovered minutes. */
  coverageModel(): LpModel;
  /** Phase 2: the cheapest plan leaving at most `uncoveredLimit` minutes uncovered. */
  costModel(uncoveredLimit: number): LpModel;
}

/** Overload below this is float noise, not a shortfall. */
export const OVERLOAD_TOLERANCE = 1e-6;

/** Accumulates columns and sparse rows; rows are keyed so that levers can add to each other's rows. */
class ModelBuilder {
  readonly columns: Lever[] = [];
  readonly variables: Array<{ name: string; cost: number; upper?: number }> = [];
  /** Capacity row terms per cell, index r × bucketCount + b. */
  readonly capacityTerms: Array<Array<[number, number]>>;
  /** Alternate pool rows per poolId × bucketCount + b: minutes leaving a routing operation's load there. */
  readonly poolRows = new Map<number, { name: string; terms: Array<[number, number]>; upper: number }>();
  /** Pool id per routing item and operation index, for operations with alternatives. */
  readonly poolIds = new Map<string, number[]>();

  constructor(
    readonly bucketCount: number,
    resourceCount: number,
  ) {
    this.capacityTerms = Array.from({ length: resourceCount * bucketCount }, () => []);
  }

  column(lever: Lever, name: string, cost: number, upper?: number): number {
    this.columns.push(lever);
    this.variables.push(upper === undefined ? { name, cost } : { name, cost, upper });
    return this.variables.length - 1;
  }

  capacityTerm(r: number, b: number, v: number, coefficient: number): void {
    this.capacityTerms[r * this.bucketCount + b]!.push([v, coefficient]);
  }

  poolRow(item: string, operation: number, bucket: number) {
    const id = this.poolIds.get(item)?.[operation];
    return id === undefined || id < 0 ? undefined : this.poolRows.get(id * this.bucketCount + bucket);
  }
}

export function buildCountermeasureModel(input: CountermeasureInput): CountermeasureModel {
  const { resources, available, load, levers } = input;
  const bucketCount = available[0]?.length ?? 0;
  const overloaded = (r: number, b: number) => load[r]![b]! - available[r]![b]! > OVERLOAD_TOLERANCE;
  const m = new ModelBuilder(bucketCount, resources.length);

  resources.forEach((resource, r) => {
    const outsourceCost = levers.outsourceCostPerMinute[resource.id];
    for (let b = 0; b < bucketCount; b++) {
      if (levers.overtime && resource.overtime !== undefined && resource.overtime.maxMinutesPerBucket > 0) {
        const { costPerMinute, maxMinutesPerBucket } = resource.overtime;
        m.capacityTerm(r, b, m.column({ kind: "overtime", resource: r, bucket: b, costPerMinute }, `ot_${r}_${b}`, costPerMinute, maxMinutesPerBucket), -resource.efficiency);
      }
      if (outsourceCost !== undefined) {
        m.capacityTerm(r, b, m.column({ kind: "outsource", resource: r, bucket: b, costPerMinute: outsourceCost }, `out_${r}_${b}`, outsourceCost), -1);
      }
      if (levers.buildAhead && b >= input.firstBucket && b + 1 < bucketCount) {
        const costPerMinute = levers.holdingCostPerMinutePerBucket;
        const v = m.column({ kind: "build-ahead", resource: r, bucket: b + 1, toBucket: b, costPerMinute }, `ba_${r}_${b}`, costPerMinute);
        m.capacityTerm(r, b, v, 1);
        m.capacityTerm(r, b + 1, v, -1);
      }
      if (overloaded(r, b)) m.capacityTerm(r, b, m.column({ kind: "uncovered", resource: r, bucket: b }, `unc_${r}_${b}`, 0), -1);
    }
  });
  if (levers.alternates) addAlternates(input, m);
  if (levers.latenessCostPerBucket !== undefined) addDeferrals(input, m, levers.latenessCostPerBucket, overloaded);

  const constraints: LpConstraint[] = [];
  m.capacityTerms.forEach((terms, key) => {
    if (terms.length === 0) return;
    const r = Math.floor(key / bucketCount);
    const b = key % bucketCount;
    constraints.push({ name: `cap_${r}_${b}`, terms, upper: available[r]![b]! - load[r]![b]! });
  });
  for (const row of m.poolRows.values()) constraints.push(row);

  const { columns, variables } = m;
  // Tie-break: a zero-cost lever costs a thousandth of the cheapest priced one, so it is still preferred
  // to any priced lever but never used where nothing needs it.
  let cheapest = Infinity;
  for (const v of variables) if (v.cost > 0 && v.cost < cheapest) cheapest = v.cost;
  const tieBreak = 1e-3 * (cheapest === Infinity ? 1 : cheapest);
  const costVariables: LpVariable[] = variables.map((v, i) => (columns[i]!.kind === "uncovered" || v.cost > 0 ? v : { ...v, cost: tieBreak }));
  const uncoveredTerms: Array<[number, number]> = [];
  columns.forEach((c, i) => {
    if (c.kind === "uncovered") uncoveredTerms.push([i, 1]);
  });

  return {
    levers: columns,
    coverageModel: () => ({
      sense: "minimize",
      variables: variables.map((v, i) => ({ ...v, cost: columns[i]!.kind === "uncovered" ? 1 : 0 })),
      constraints,
    }),
    costModel: (uncoveredLimit) => ({
      sense: "minimize",
      variables: costVariables,
      constraints: uncoveredTerms.length === 0 ? constraints : [...constraints, { name: "coverage", terms: uncoveredTerms, upper: uncoveredLimit }],
    }),
  };
}

/**
 * Alternate columns per (routing operation, bucket, target resource), with a pool row keeping the
 * minutes that leave the operation's first resource in that bucket within its load there.
 */
function addAlternates(input: CountermeasureInput, m: ModelBuilder): void {
  const bucketCount = m.bucketCount;
  const pools: Array<{ item: string; operation: number; perBucket: Float64Array }> = [];
  for (const routing of input.routings.values()) {
    const ids = routing.operations.map((op, j) => {
      if (op.resources.length < 2) return -1;
      pools.push({ item: routing.item, operation: j, perBucket: new Float64Array(bucketCount) });
      return pools.length - 1;
    });
    m.poolIds.set(routing.item, ids);
  }
  input.loadings.forEach((loading, o) => {
    const ids = m.poolIds.get(input.orders[o]!.item)!;
    for (const op of loading.operations) {
      const id = ids[op.operation]!;
      if (id < 0 || op.running) continue;
      for (const { bucket, minutes } of op.buckets) pools[id]!.perBucket[bucket]! += minutes;
    }
  });
  const costPerMinute = input.levers.alternateCostPerMinute;
  pools.forEach((pool, id) => {
    const operation = input.routings.get(pool.item)!.operations[pool.operation]!;
    const [first, ...others] = operation.resources.map((r) => input.resourceIndex.get(r)!);
    const targets = [...new Set(others)].filter((r) => r !== first);
    if (targets.length === 0) return;
    pool.perBucket.forEach((minutes, b) => {
      if (!(minutes > 0)) return;
      const row = { name: `pool_${id}_${b}`, terms: [] as Array<[number, number]>, upper: minutes };
      for (const to of targets) {
        const lever: Lever = { kind: "alternate", resource: first!, toResource: to, bucket: b, item: pool.item, operation: operation.id, costPerMinute };
        const v = m.column(lever, `alt_${id}_${b}_${to}`, costPerMinute, minutes);
        m.capacityTerm(first!, b, v, -1);
        m.capacityTerm(to, b, v, 1);
        row.terms.push([v, 1]);
      }
      m.poolRows.set(id * m.bucketCount + b, row);
    });
  });
}

/**
 * Defer columns for each piece of an order (one operation's load in one bucket) that lies in an
 * overloaded cell: one column per piece, to the first later bucket of its resource that has spare
 * capacity before any lever (deferring further costs more for nothing, deferring into another overloaded
 * bucket only moves the problem). One column per piece keeps the LP free of per-piece side rows. What a
 * deferral takes out of, or brings into, an alternate pool is booked there.
 */
function addDeferrals(input: CountermeasureInput, m: ModelBuilder, costPerBucket: number, overloaded: (r: number, b: number) => boolean): void {
  const { available, load } = input;
  const target = (r: number, b: number): number | null => {
    const last = Math.min(m.bucketCount - 1, b + input.levers.maxDeferBuckets);
    for (let t = b + 1; t <= last; t++) if (available[r]![t]! - load[r]![t]! > OVERLOAD_TOLERANCE) return t;
    return null;
  };
  input.loadings.forEach((loading, o) => {
    const order = input.orders[o]!;
    let cellMinutes: Map<number, number> | undefined;
    for (const op of loading.operations) {
      // A running operation's load is not deferrable: neither a piece nor part of a cell's share.
      if (op.running) continue;
      for (const { bucket, minutes } of op.buckets) {
        if (!overloaded(op.resource, bucket)) continue;
        const key = op.resource * m.bucketCount + bucket;
        cellMinutes ??= new Map();
        cellMinutes.set(key, (cellMinutes.get(key) ?? 0) + minutes);
      }
    }
    if (cellMinutes === undefined) return;
    const weight = priorityWeight(order.priority);
    for (const op of loading.operations) {
      if (op.running) continue;
      for (const { bucket, minutes } of op.buckets) {
        if (!overloaded(op.resource, bucket)) continue;
        const toBucket = target(op.resource, bucket);
        if (toBucket === null) continue;
        const costPerMinute = (costPerBucket * weight * (toBucket - bucket)) / cellMinutes.get(op.resource * m.bucketCount + bucket)!;
        const lever: Lever = { kind: "defer", order: o, resource: op.resource, bucket, toBucket, costPerMinute };
        const v = m.column(lever, `def_${o}_${op.operation}_${bucket}`, costPerMinute, minutes);
        m.capacityTerm(op.resource, bucket, v, -1);
        m.capacityTerm(op.resource, toBucket, v, 1);
        m.poolRow(order.item, op.operation, bucket)?.terms.push([v, 1]);
        m.poolRow(order.item, op.operation, toBucket)?.terms.push([v, -1]);
      }
    }
  });
}
