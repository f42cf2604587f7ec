/**
 * The bounds of src/limits.ts that are about totals over a request, not one field: Σ units, changeover
 * families and their tables, operations to schedule, BOM depth and explosion, time spans, MRP cells. A
 * request over one is a 422 naming the culprit and the limit, before any solving.
 */
import type { FactoryModel } from "./factory.ts";
import {
  MAX_BOM_DEPTH,
  MAX_BOM_EXPLOSION,
  MAX_FAMILIES,
  MAX_HORIZON_DAYS,
  MAX_MRP_CELLS,
  MAX_SCHEDULED_OPERATIONS,
  MAX_SETUP_MATRIX_CELLS,
  MAX_SPLIT_PARTS,
  MAX_TOTAL_UNITS,
} from "./limits.ts";
import type { Problem } from "./problem.ts";
import { formatPath } from "./problem.ts";
import { MINUTES_PER_DAY, parseDateTime } from "./time.ts";
import type { Minute } from "./time.ts";

const grouped = (n: number) => n.toLocaleString("en-US");

/** Σ units, changeover families and setup-matrix cells, and the operations the orders need (every part of a split one). */
export function checkModelLimits(model: Pick<FactoryModel, "resources" | "routings" | "orders">): Problem[] {
  const problems: Problem[] = [];
  let units = 0;
  let largest = 0;
  model.resources.forEach((r, i) => {
    units += r.units;
    if (r.units > (model.resources[largest]?.units ?? 0)) largest = i;
  });
  if (units > MAX_TOTAL_UNITS) {
    problems.push({
      path: formatPath(["resources", largest, "units"]),
      message: `the resources have ${grouped(units)} units together, more than the limit of ${grouped(MAX_TOTAL_UNITS)} (MAX_TOTAL_UNITS)`,
    });
  }

  const families = new Set<string>();
  for (const routing of model.routings) for (const op of routing.operations) if (op.family !== undefined) families.add(op.family);
  for (const r of model.resources) for (const c of r.setupMatrix?.changeovers ?? []) families.add(c.from).add(c.to);
  if (families.size > MAX_FAMILIES) {
    problems.push({ path: "routings", message: `${grouped(families.size)} changeover families, more than the limit of ${grouped(MAX_FAMILIES)} (MAX_FAMILIES)` });
  } else {
    const matrices = model.resources.filter((r) => r.setupMatrix !== undefined).length;
    const cells = matrices * families.size ** 2;
    if (cells > MAX_SETUP_MATRIX_CELLS) {
      problems.push({
        path: "resources",
        message: `${grouped(matrices)} setup matrices over ${grouped(families.size)} families make ${grouped(cells)} changeover cells, more than the limit of ${grouped(MAX_SETUP_MATRIX_CELLS)} (MAX_SETUP_MATRIX_CELLS)`,
      });
    }
  }

  // A split operation counts the most parts it may make (compile-parts.ts makes at most these).
  const routingOf = new Map(model.routings.map((r) => [r.item, { whole: r.operations.filter((op) => op.split === undefined).length, splits: r.operations.flatMap((op) => (op.split === undefined ? [] : [op.split])) }]));
  let operations = 0;
  for (const order of model.orders) {
    const routing = routingOf.get(order.item);
    if (routing === undefined) continue;
    operations += routing.whole;
    for (const split of routing.splits) operations += Math.max(1, Math.min(split.maxParts ?? MAX_SPLIT_PARTS, Math.floor(order.quantity / split.minQuantity)));
  }
  if (operations > MAX_SCHEDULED_OPERATIONS) {
    problems.push({
      path: "orders",
      message: `the orders need ${grouped(operations)} operations, more than the limit of ${grouped(MAX_SCHEDULED_OPERATIONS)} (MAX_SCHEDULED_OPERATIONS)`,
    });
  }
  return problems;
}

/** A BOM as integer-indexed lines, for checkBomShape. */
export interface IndexedBom {
  readonly itemCount: number;
  /** Parent and component item index and quantity of each line, in request order. */
  readonly parent: ArrayLike<number>;
  readonly component: ArrayLike<number>;
  readonly quantity: ArrayLike<number>;
  /** Scrap rate of each item (0 when it has none). */
  scrapRate(item: number): number;
}

/**
 * Depth and explosion of an acyclic BOM (a cycle is reported elsewhere; then this says nothing): the
 * longest parent → component chain, and the units of each item that one unit of every top item together
 * starts, through every path, scrap included — an upper bound of what any one product needs. One pass in
 * Kahn's topological order, O(items + lines). Problems name the line into the culprit.
 */
export function checkBomShape(bom: IndexedBom, path: PropertyKey = "bom", limits = { depth: MAX_BOM_DEPTH, explosion: MAX_BOM_EXPLOSION }): Problem[] {
  const { itemCount, parent, component, quantity } = bom;
  const lines = parent.length;
  const start = new Int32Array(itemCount + 1);
  for (let e = 0; e < lines; e++) start[parent[e]! + 1]!++;
  for (let p = 0; p < itemCount; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, itemCount);
  const byParent = new Int32Array(lines);
  for (let e = 0; e < lines; e++) byParent[fill[parent[e]!]!++] = e;
  const parentsLeft = new Int32Array(itemCount);
  for (let e = 0; e < lines; e++) parentsLeft[component[e]!]!++;
  const queue = new Int32Array(itemCount);
  let tail = 0;
  for (let i = 0; i < itemCount; i++) if (parentsLeft[i] === 0) queue[tail++] = i;
  // gross: good units needed per unit of every top item; level: the longest chain above an item.
  const gross = new Float64Array(itemCount);
  const level = new Int32Array(itemCount);
  for (let k = 0; k < tail; k++) gross[queue[k]!] = 1;
  const problems: Problem[] = [];
  let deepest = -1;
  let exploded = -1;
  for (let head = 0; head < tail; head++) {
    const p = queue[head]!;
    const started = gross[p]! / (1 - bom.scrapRate(p));
    for (let k = start[p]!; k < start[p + 1]!; k++) {
      const e = byParent[k]!;
      const c = component[e]!;
      gross[c]! += started * quantity[e]!;
      if (level[c]! < level[p]! + 1) level[c] = level[p]! + 1;
      if (deepest < 0 && level[c]! > limits.depth) deepest = e;
      if (exploded < 0 && !(gross[c]! <= limits.explosion)) exploded = e;
      if (--parentsLeft[c]! === 0) queue[tail++] = c;
    }
  }
  if (tail < itemCount) return problems;
  if (deepest >= 0) {
    problems.push({ path: formatPath([path, deepest]), message: `the BOM is more than ${grouped(limits.depth)} levels deep here (MAX_BOM_DEPTH)` });
  }
  if (exploded >= 0) {
    problems.push({
      path: formatPath([path, exploded]),
      message: `one unit of the BOM's top items needs more than ${limits.explosion.toExponential()} units of this line's component through all its paths (MAX_BOM_EXPLOSION)`,
    });
  }
  return problems;
}

/** A time span [from, to) of at most MAX_HORIZON_DAYS; `what` names it in the message. */
export function checkSpan(from: Minute, to: Minute, path: string, what: string): Problem[] {
  const days = (to - from) / MINUTES_PER_DAY;
  if (days <= MAX_HORIZON_DAYS) return [];
  return [{ path, message: `${what} spans ${grouped(Math.ceil(days))} days, more than the limit of ${grouped(MAX_HORIZON_DAYS)} (MAX_HORIZON_DAYS)` }];
}

/**
 * The dates of orders (due, release, material ready) and of progress (start) within MAX_HORIZON_DAYS of the
 * request's anchor (its plan start, now, or period start), before or after: calendars are compiled over the
 * span they cover, and an order due in 9999 once had capacity assessment compile 8,000 years of them.
 */
export function checkDatesNear(
  anchor: Minute,
  anchorName: string,
  orders: ReadonlyArray<{ due: string; release?: string | undefined; materialReady?: string | undefined }>,
  progress: ReadonlyArray<{ start: string }>,
  ordersPath = "orders",
): Problem[] {
  const problems: Problem[] = [];
  const near = (text: string | undefined, path: PropertyKey[], what: string) => {
    const t = text === undefined ? null : parseDateTime(text);
    if (t !== null) for (const problem of checkSpan(Math.min(anchor, t), Math.max(anchor, t), formatPath(path), `from ${anchorName} to ${what}`)) problems.push(problem);
  };
  orders.forEach((order, i) => {
    near(order.due, [ordersPath, i, "due"], "this due date");
    near(order.release, [ordersPath, i, "release"], "this release");
    near(order.materialReady, [ordersPath, i, "materialReady"], "this material date");
  });
  progress.forEach((entry, i) => near(entry.start, ["progress", i, "start"], "this progress"));
  return problems;
}

/** Day or week buckets spanning at most MAX_HORIZON_DAYS. */
export function checkBucketSpan(buckets: { size: "day" | "week"; count: number }, path = "buckets.count"): Problem[] {
  return checkSpan(0, buckets.count * (buckets.size === "week" ? 7 : 1) * MINUTES_PER_DAY, path, `${grouped(buckets.count)} ${buckets.size} buckets`);
}

/** Items × buckets of an MRP plan, at most MAX_MRP_CELLS. */
export function checkMrpCells(items: number, buckets: number): Problem[] {
  const cells = items * buckets;
  if (cells <= MAX_MRP_CELLS) return [];
  return [
    {
      path: "buckets.count",
      message: `${grouped(items)} items × ${grouped(buckets)} buckets make ${grouped(cells)} record cells, more than the limit of ${grouped(MAX_MRP_CELLS)} (MAX_MRP_CELLS)`,
    },
  ];
}
