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
 *   An item without demand gets no setup share (no batch of it is planned).
 * - Alternatives: an operation's load is kept with its whole alternative set (a "load term"), so the mix LP
 *   can split it; terms with the same set are merged.
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

interface BomIndex {
  readonly items: ReadonlyMap<string, Item>;
  readonly routings: ReadonlyMap<string, Routing>;
  readonly children: ReadonlyMap<string, ReadonlyArray<{ component: string; quantity: number }>>;
  isMade(id: string): boolean;
}

function indexModel(model: RollUpModel): BomIndex {
  const items = new Map(model.items.map((x) => [x.id, x]));
  const routings = new Map(model.routings.map((r) => [r.item, r]));
  const children = new Map<string, Array<{ component: string; quantity: number }>>();
  for (const line of model.bom) {
    const list = children.get(line.parent) ?? [];
    list.push(line);
    children.set(line.parent, list);
  }
  const isMade = (id: string) => {
    const source = items.get(id)?.source;
    return source !== undefined ? source === "make" : routings.has(id) || children.has(id);
  };
  return { items, routings, children, isMade };
}

/** Started units of every item (itself included) per good unit of an item, memoised over the BOM DAG. */
function explosion(index: BomIndex): (item: string) => ReadonlyMap<string, number> {
  const memo = new Map<string, Map<string, number>>();
  const explode = (id: string): Map<string, number> => {
    const known = memo.get(id);
    if (known) return known;
    const started = 1 / (1 - (index.items.get(id)?.scrapRate ?? 0));
    const result = new Map<string, number>([[id, started]]);
    if (index.isMade(id)) {
      for (const { component, quantity } of index.children.get(id) ?? []) {
        for (const [descendant, units] of explode(component)) {
          result.set(descendant, (result.get(descendant) ?? 0) + started * quantity * units);
        }
      }
    }
    memo.set(id, result);
    return result;
  };
  return explode;
}

/**
 * Rolls up each product. The model must be free of BOM cycles (checkFactory reports them).
 * `demand` is the product's demand in the period, used only to amortise setups.
 */
export function rollUpProducts(model: RollUpModel, products: ReadonlyArray<{ item: string; demand: number }>): ProductRollUp[] {
  const index = indexModel(model);
  const explode = explosion(index);

  const trees = products.map((p) => explode(p.item));
  const periodStarts = new Map<string, number>();
  trees.forEach((tree, k) => {
    for (const [id, units] of tree) periodStarts.set(id, (periodStarts.get(id) ?? 0) + products[k]!.demand * units);
  });

  return products.map((product, k) => {
    const terms = new Map<string, { resources: string[]; minutes: number }>();
    let tvc = 0;
    let routed = false;
    for (const [id, units] of trees[k]!) {
      if (!index.isMade(id)) {
        tvc += units * (index.items.get(id)?.unitCost ?? 0);
        continue;
      }
      const routing = index.routings.get(id);
      if (!routing) continue;
      routed = true;
      const starts = periodStarts.get(id) ?? 0;
      for (const op of routing.operations) {
        const setupPerUnit = starts > 0 ? op.setupMinutes / starts : 0;
        const resources = [...new Set(op.resources)];
        const key = [...resources].sort().join("\u0000");
        const term = terms.get(key) ?? { resources, minutes: 0 };
        term.minutes += units * (op.runMinutesPerUnit + setupPerUnit);
        terms.set(key, term);
      }
    }
    return { item: product.item, tvc, loads: [...terms.values()], routed };
  });
}
