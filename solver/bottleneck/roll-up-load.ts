/**
 * Bill-of-resources roll-up: standard minutes per unit of a product on every resource, and its totally
 * variable cost, through a multi-level BOM (the "bill of labour" / rough-cut capacity planning profile of
 * Vollmann, Berry, Whybark & Jacobs, Manufacturing Planning and Control for Supply Chain Management, ch. 6;
 * TVC after Goldratt's throughput accounting: only the bought material varies truly with each unit).
 *
 * - Started units: to get one good unit of an item, 1 / (1 − scrapRate) units are started; each started
 *   unit consumes `quantity` of each component, so scrap inflates every level below it, as in MRP.
 * - Made items (source "make", or no source and a routing or BOM lines) explode into their components and
 *   load their routing; bought items stop the explosion and add started units × unitCost (default 0).
 * - Setup: setupMinutes are per order, so a per-unit figure needs a batch assumption. One setup per item,
 *   operation and period, amortised over the period's started units of that item across all products:
 *   at full demand each setup is counted exactly once, and products that share a component share its setup.
 *   An item without demand gets no setup share (no batch of it is planned), nor one of which less than
 *   AMORTISE_FROM units are started in the period: a setup shared out over 1e-300 units made the per-unit
 *   load 1e300 minutes, which the mix LP cannot take (found by the fuzzer).
 * - Alternatives: an operation's load is kept with its whole alternative set (a "load term"), so the mix LP
 *   can split it; terms with the same set are merged.
 *
 * Cost: linear in BOM lines. Started units flow down the BOM in topological order (Kahn 1962), never along
 * each path: a chain of 10,000 levels is 10,000 steps, where expanding every item's descendants was
 * quadratic (4.6 s at 2,500 levels, 50 s at 10,000; issue 13). What does not depend on the product is
 * memoised per item: its operations' load terms per started unit, its TVC per good unit, whether anything
 * below it is routed. Each product then walks its own part of the BOM once: O(Σ lines below the products),
 * which the MAX_ROLL_UP_LINES limit bounds.
 */
import type { FactoryModel } from "../../src/factory.ts";
import type { Item } from "../../src/item.ts";
import type { Routing } from "../../src/routing.ts";

/** Standard minutes per good product unit that may go to any one of `resources` (one resource: fixed load). */
export interface LoadTerm {
  readonly resources: readonly string[];
  readonly minutes: number;
}

export interface ProductRollUp {
  readonly item: string;
  /** Totally variable cost per good unit: Σ started units of bought items × unitCost. */
  readonly tvc: number;
  /** Load per good unit, one term per distinct alternative set, in order of first appearance. */
  readonly loads: readonly LoadTerm[];
  /** Whether a routing occurs anywhere in its made tree (false: it loads no resource at all). */
  readonly routed: boolean;
}

type RollUpModel = Pick<FactoryModel, "items" | "bom" | "routings">;

/** Fewest units started in the period over which an item's setups are shared out (see the header). */
const AMORTISE_FROM = 1e-6;

/** The BOM on integer item indexes, made items' components in BOM order. */
interface BomIndex {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly items: ReadonlyArray<Item | undefined>;
  readonly routings: ReadonlyArray<Routing | undefined>;
  /** Components of made item i: lines childStart[i] … childStart[i + 1] − 1 of child / quantity. */
  readonly childStart: Int32Array;
  readonly child: Int32Array;
  readonly quantity: Float64Array;
  /** 1 / (1 − scrapRate) of each item. */
  readonly startedPerGood: Float64Array;
  readonly made: Uint8Array;
}

function indexModel(model: RollUpModel, products: ReadonlyArray<{ item: string }>): BomIndex {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const add = (id: string) => {
    if (!index.has(id)) (index.set(id, ids.length), ids.push(id));
  };
  for (const item of model.items) add(item.id);
  for (const routing of model.routings) add(routing.item);
  for (const line of model.bom) (add(line.parent), add(line.component));
  for (const product of products) add(product.item);
  const n = ids.length;
  const items: Array<Item | undefined> = new Array(n);
  for (const item of model.items) items[index.get(item.id)!] ??= item;
  const routings: Array<Routing | undefined> = new Array(n);
  for (const routing of model.routings) routings[index.get(routing.item)!] ??= routing;
  const hasLines = new Uint8Array(n);
  for (const line of model.bom) hasLines[index.get(line.parent)!] = 1;
  const made = Uint8Array.from(ids, (_, i) => {
    const source = items[i]?.source;
    return (source !== undefined ? source === "make" : routings[i] !== undefined || hasLines[i] === 1) ? 1 : 0;
  });
  // Lines of made parents only (a bought item stops the explosion), grouped by parent in BOM order.
  const childStart = new Int32Array(n + 1);
  for (const line of model.bom) if (made[index.get(line.parent)!]) childStart[index.get(line.parent)! + 1]!++;
  for (let i = 0; i < n; i++) childStart[i + 1]! += childStart[i]!;
  const fill = childStart.slice(0, n);
  const child = new Int32Array(childStart[n]!);
  const quantity = new Float64Array(childStart[n]!);
  for (const line of model.bom) {
    const p = index.get(line.parent)!;
    if (!made[p]) continue;
    const at = fill[p]!++;
    child[at] = index.get(line.component)!;
    quantity[at] = line.quantity;
  }
  const startedPerGood = Float64Array.from(ids, (_, i) => 1 / (1 - (items[i]?.scrapRate ?? 0)));
  return { ids, index, items, routings, childStart, child, quantity, startedPerGood, made };
}

/** Every item in topological order (parents before components), or null when the BOM has a cycle. */
function topologicalOrder(bom: BomIndex): Int32Array | null {
  const n = bom.ids.length;
  const parentsLeft = new Int32Array(n);
  for (const c of bom.child) parentsLeft[c]!++;
  const order = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) if (parentsLeft[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const p = order[head]!;
    for (let k = bom.childStart[p]!; k < bom.childStart[p + 1]!; k++) if (--parentsLeft[bom.child[k]!]! === 0) order[tail++] = bom.child[k]!;
  }
  return tail === n ? order : null;
}

/** Per item, over the whole BOM: TVC per good unit and whether a routing lies in its made tree (bottom-up, O(lines)). */
function memoPerItem(bom: BomIndex, order: Int32Array): { tvc: Float64Array; routed: Uint8Array } {
  const n = bom.ids.length;
  const tvc = new Float64Array(n);
  const routed = new Uint8Array(n);
  for (let k = n - 1; k >= 0; k--) {
    const i = order[k]!;
    if (!bom.made[i]) {
      tvc[i] = bom.startedPerGood[i]! * (bom.items[i]?.unitCost ?? 0);
      continue;
    }
    let cost = 0;
    let below = bom.routings[i] !== undefined ? 1 : 0;
    for (let e = bom.childStart[i]!; e < bom.childStart[i + 1]!; e++) {
      cost += bom.quantity[e]! * tvc[bom.child[e]!]!;
      below |= routed[bom.child[e]!]!;
    }
    tvc[i] = bom.startedPerGood[i]! * cost;
    routed[i] = below;
  }
  return { tvc, routed };
}

/**
 * The items of `root`'s made tree in order of first visit (depth first, components in BOM order: the order
 * loads are listed in) and in topological order (parents first: the order started units flow in).
 */
function treeOrders(bom: BomIndex, root: number, seen: Uint8Array): { firstVisit: number[]; topological: number[] } {
  const firstVisit: number[] = [root];
  const postorder: number[] = [];
  const stack: number[] = [root];
  const next: number[] = [bom.childStart[root]!];
  seen[root] = 1;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const i = stack[top]!;
    const e = next[top]!;
    if (e < bom.childStart[i + 1]!) {
      next[top] = e + 1;
      const c = bom.child[e]!;
      if (seen[c]) continue;
      seen[c] = 1;
      firstVisit.push(c);
      stack.push(c);
      next.push(bom.childStart[c]!);
    } else {
      postorder.push(i);
      stack.pop();
      next.pop();
    }
  }
  for (const i of firstVisit) seen[i] = 0;
  return { firstVisit, topological: postorder.reverse() };
}

/** BOM lines below each product's item summed over the products: the roll-up's work, which MAX_ROLL_UP_LINES bounds. */
export function rollUpLines(model: RollUpModel, products: ReadonlyArray<{ item: string }>, stopAbove = Infinity): number {
  const bom = indexModel(model, products);
  if (topologicalOrder(bom) === null) return 0;
  const seen = new Uint8Array(bom.ids.length);
  let lines = 0;
  for (const product of products) {
    const root = bom.index.get(product.item)!;
    for (const i of treeOrders(bom, root, seen).firstVisit) lines += bom.childStart[i + 1]! - bom.childStart[i]!;
    if (lines > stopAbove) break;
  }
  return lines;
}

/**
 * Rolls up each product. The model must be free of BOM cycles (checkFactory reports them).
 * `demand` is the product's demand in the period, used only to amortise setups.
 */
export function rollUpProducts(model: RollUpModel, products: ReadonlyArray<{ item: string; demand: number }>): ProductRollUp[] {
  const bom = indexModel(model, products);
  const order = topologicalOrder(bom);
  if (order === null) throw new Error("rollUpProducts needs a BOM without cycles");
  const n = bom.ids.length;
  const { tvc, routed } = memoPerItem(bom, order);

  // Started units of every item in the period, all products together: demand flows down once.
  const periodStarts = new Float64Array(n);
  for (const p of products) periodStarts[bom.index.get(p.item)!]! += p.demand;
  for (const i of order) {
    periodStarts[i]! *= bom.startedPerGood[i]!;
    for (let e = bom.childStart[i]!; e < bom.childStart[i + 1]!; e++) periodStarts[bom.child[e]!]! += periodStarts[i]! * bom.quantity[e]!;
  }

  // Load terms per started unit of each routed item (setups shared out over its period starts).
  const ownTerms = new Map<number, Array<{ key: string; resources: string[]; minutes: number }>>();
  const termsOf = (i: number) => {
    let terms = ownTerms.get(i);
    if (terms === undefined) {
      const starts = periodStarts[i]!;
      terms = bom.routings[i]!.operations.map((op) => {
        const resources = [...new Set(op.resources)];
        return { key: [...resources].sort().join("\u0000"), resources, minutes: op.runMinutesPerUnit + (starts >= AMORTISE_FROM ? op.setupMinutes / starts : 0) };
      });
      ownTerms.set(i, terms);
    }
    return terms;
  };

  const seen = new Uint8Array(n);
  const started = new Float64Array(n);
  return products.map((product) => {
    const root = bom.index.get(product.item)!;
    const { firstVisit, topological } = treeOrders(bom, root, seen);
    // Started units of each item per good product unit: the product's own, then flowing down its tree.
    started[root] = bom.startedPerGood[root]!;
    for (const i of topological) {
      if (i !== root) started[i]! *= bom.startedPerGood[i]!;
      for (let e = bom.childStart[i]!; e < bom.childStart[i + 1]!; e++) started[bom.child[e]!]! += started[i]! * bom.quantity[e]!;
    }
    const terms = new Map<string, { resources: string[]; minutes: number }>();
    for (const i of firstVisit) {
      if (!bom.made[i] || bom.routings[i] === undefined) continue;
      for (const own of termsOf(i)) {
        const term = terms.get(own.key) ?? { resources: own.resources, minutes: 0 };
        term.minutes += started[i]! * own.minutes;
        terms.set(own.key, term);
      }
    }
    for (const i of firstVisit) started[i] = 0;
    return { item: product.item, tvc: tvc[root]!, loads: [...terms.values()], routed: routed[root] === 1 };
  });
}
