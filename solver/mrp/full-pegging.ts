/**
 * Full pegging (APICS dictionary, "full pegging"; Orlicky 1975, "pegged requirements"), issue 23: every
 * supply — on hand, open receipt, firm or planned order — is traced through all levels to the independent
 * demands it serves, with the item path, first in first out as single-level pegging is.
 *
 * Items are pegged again in planning order (parents first), each as pegging.ts does — its requirements in
 * time order (a phantom's orders listed like any parent's, so the path names the phantom) against its
 * supplies in arrival order — and every allocation is carried up: the units a supply gives a parent order's
 * requirement are, in order, the parent's start units × BOM quantity, so they map linearly onto an
 * interval of the parent's good units (good = start × (1 − scrap)); that interval meets the parent
 * order's own pieces (already known: parents come first), and each overlap becomes a piece of this supply,
 * for that piece's demand, one item longer in path. Units the parent keeps for nothing (a lot's excess,
 * safety stock) reach no demand. Quantities stay exact through BOM quantities and scrap up to rounding.
 *
 * A piece is a run of a supply's units `[offset, offset + quantity)` serving one demand along one path;
 * a supply's pieces are contiguous and in offset order, so a parent's are searched by bisection.
 * O(pieces × log pieces); pieces grow with the paths from the demands down, so they are capped (MAX_FULL_PEGS).
 */
import { MAX_FULL_PEGS } from "../../src/limits.ts";
import { ModelError } from "../../src/errors.ts";
import type { MrpRequest } from "../../src/mrp.ts";
import { RequirementGathering } from "./gather-requirements.ts";
import { QUANTITY_EPSILON } from "./net-requirements.ts";
import { ItemPegging } from "./peg-item.ts";
import type { MaterialPlan } from "./plan-materials.ts";
import { grow, SAFETY_STOCK } from "./plan-store.ts";


/** Supply of a piece: a store order k ≥ 0, ON_HAND, or open receipt r as −2 − r. */
export const ON_HAND = -1;

export class FullPegging {
  count = 0;
  demand = new Int32Array(1024);
  quantity = new Float64Array(1024);
  offset = new Float64Array(1024);
  path = new Int32Array(1024);
  supply = new Int32Array(1024);
  /** Pieces of store order k: `orderFirst[k] … orderEnd[k] − 1`; of open receipt r likewise. */
  readonly orderFirst: Int32Array;
  readonly orderEnd: Int32Array;
  readonly receiptFirst: Int32Array;
  readonly receiptEnd: Int32Array;
  /** Path p is [pathItem[p], …path pathNext[p]]; −1 ends it (at the demand's item). */
  readonly pathItem: number[] = [];
  readonly pathNext: number[] = [];
  private readonly paths = new Map<number, number>();

  constructor(
    orders: number,
    receipts: number,
    private readonly items: number,
    private readonly maxPieces: number,
  ) {
    this.orderFirst = new Int32Array(orders);
    this.orderEnd = new Int32Array(orders);
    this.receiptFirst = new Int32Array(receipts);
    this.receiptEnd = new Int32Array(receipts);
  }

  /** The path [item, …next]. */
  pathOf(item: number, next: number): number {
    const key = (next + 1) * this.items + item;
    let p = this.paths.get(key);
    if (p === undefined) {
      p = this.pathItem.length;
      this.pathItem.push(item);
      this.pathNext.push(next);
      this.paths.set(key, p);
    }
    return p;
  }

  add(demand: number, quantity: number, offset: number, path: number, supply: number): void {
    const n = this.count++;
    if (n >= this.maxPieces) {
      throw new ModelError([{ path: "options.pegging", message: `full pegging of this plan takes more than ${this.maxPieces} pegs; use "single" pegging or fewer demands` }]);
    }
    if (n === this.demand.length) {
      this.demand = grow(this.demand, n + 1);
      this.quantity = grow(this.quantity, n + 1);
      this.offset = grow(this.offset, n + 1);
      this.path = grow(this.path, n + 1);
      this.supply = grow(this.supply, n + 1);
    }
    this.demand[n] = demand;
    this.quantity[n] = quantity;
    this.offset[n] = offset;
    this.path[n] = path;
    this.supply[n] = supply;
  }

  /** The first of `first … end − 1` (pieces in offset order) that ends after `at`. */
  firstEndingAfter(first: number, end: number, at: number, tolerance: number): number {
    let lo = first;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offset[mid]! + this.quantity[mid]! > at + tolerance) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Marks where each supply's pieces are, as they are added supply by supply. */
function closeSupply(pegs: FullPegging, supply: number, first: number): void {
  if (supply >= 0) {
    pegs.orderFirst[supply] = first;
    pegs.orderEnd[supply] = pegs.count;
  } else if (supply <= -2) {
    pegs.receiptFirst[-2 - supply] = first;
    pegs.receiptEnd[-2 - supply] = pegs.count;
  }
}

/**
 * Carries `quantity` units of `supply` (of `item`), from `supplyOffset` on, given to a parent order's
 * requirement at `requirementOffset` of its `requirementQuantity` units, onto the parent's pieces.
 */
function carryUp(pegs: FullPegging, plan: MaterialPlan, item: number, supply: number, parentOrder: number, requirementQuantity: number, requirementOffset: number, quantity: number, supplyOffset: number): void {
  // Parent good units per unit of the requirement (the requirement is the order's whole start quantity × BOM quantity).
  const scale = plan.orders.quantity[parentOrder]! / requirementQuantity;
  const from = requirementOffset * scale;
  const to = (requirementOffset + quantity) * scale;
  const tolerance = QUANTITY_EPSILON * Math.max(1, to);
  const end = pegs.orderEnd[parentOrder]!;
  for (let j = pegs.firstEndingAfter(pegs.orderFirst[parentOrder]!, end, from, tolerance); j < end && pegs.offset[j]! < to - tolerance; j++) {
    const start = Math.max(from, pegs.offset[j]!);
    const overlap = Math.min(to, pegs.offset[j]! + pegs.quantity[j]!) - start;
    if (overlap > tolerance) pegs.add(pegs.demand[j]!, overlap / scale, supplyOffset + (start - from) / scale, pegs.pathOf(item, pegs.path[j]!), supply);
  }
}

/** The full pegging of `plan`; a ModelError when it takes more than `maxPieces` pieces. */
export function computeFullPegging(request: MrpRequest, plan: MaterialPlan, maxPieces = MAX_FULL_PEGS): FullPegging {
  const { indexed, orders } = plan;
  const T = indexed.buckets;
  const requirements = new RequirementGathering(T, false);
  const pegging = new ItemPegging(T, orders);
  const gross = new Float64Array(T);
  const pegs = new FullPegging(orders.size, request.receipts.length, request.items.length, maxPieces);
  for (const i of plan.sequence) {
    const item = request.items[i]!;
    requirements.gather(i, item.phantom ? 0 : item.safetyStock, plan, gross.fill(0));
    const count = pegging.allocate(i, item.onHand, requirements, indexed.receipts, plan.orderFirst[i]!, plan.firstPlanned[i]!, plan.orderEnd[i]!);
    const { allocations, supplyKind } = pegging;
    // Allocations run supply by supply and requirement by requirement (pegging.ts): offsets restart with each.
    let supply = 0;
    let first = 0;
    let supplyOffset = 0;
    let requirement = -1;
    let requirementOffset = 0;
    for (let a = 0; a < count; a++) {
      const kind = supplyKind[allocations.supply[a]!]!;
      const r = allocations.requirement[a]!;
      const quantity = allocations.quantity[a]!;
      if (a === 0 || kind !== supply) {
        if (a > 0) closeSupply(pegs, supply, first);
        supply = kind;
        first = pegs.count;
        supplyOffset = 0;
      }
      if (r !== requirement) {
        requirement = r;
        requirementOffset = 0;
      }
      const source = requirements.source[r]!;
      if (source >= 0) carryUp(pegs, plan, i, supply, source, requirements.quantity[r]!, requirementOffset, quantity, supplyOffset);
      else if (source !== SAFETY_STOCK) pegs.add(-1 - source, quantity, supplyOffset, pegs.pathOf(i, -1), supply);
      supplyOffset += quantity;
      requirementOffset += quantity;
    }
    if (count > 0) closeSupply(pegs, supply, first);
  }
  return pegs;
}
