/**
 * The material ledger the decoder and the dispatcher consult (issue 14). Per item, the static supply is a
 * step curve over time: unreserved stock at the plan start, each receipt from the minute it is usable
 * (arrival + staging), minus what fixed (running or frozen) operations consume at their starts; its
 * suffix minimum at t is what the curve can still give from t on without leaving a fixed operation short.
 * Placed orders add production at their ends; placed operations consume at their starts, first from their
 * order's reservation, then from the pool. An operation may start at t when, for every component,
 *   suffixMin(static, t) + produced by t − consumed so far ≥ its need from the pool.
 * Queried at nondecreasing t (the time-ordered decoder) this is exact: everything consumed so far started
 * no later than t, so the projected stock never goes below zero. Queried out of order (the dispatcher)
 * it is pessimistic, never optimistic.
 */
import { MATERIAL_EPSILON } from "./material-needs.ts";

/** The compiled material model of a scheduling problem; null in problems without material. */
export interface MaterialModel {
  /** Item ids by item index. */
  items: string[];
  /** Static curve of item i: entries curveStart[i] … curveStart[i+1] − 1, the first at −Infinity. */
  curveStart: Int32Array;
  curveAt: Float64Array;
  /** Minimum of the curve's level from curveAt[k] on (over entry k and every later one). */
  curveMin: Float64Array;
  /** Consumption of op: entries consStart[op] … consStart[op+1] − 1. */
  consStart: Int32Array;
  consItem: Int32Array;
  consQty: Float64Array;
  /** Reservation slot the entry draws on first (−1: none). */
  consSlot: Int32Array;
  /** Quantity of every reservation slot (what fixed operations took from it already removed). */
  slotQty: Float64Array;
  /** Item each job adds to stock at its completion (−1: none, or nothing consumes it) and how much. */
  jobItem: Int32Array;
  jobQty: Float64Array;
}

function covered(need: number, available: number): boolean {
  return need <= available + MATERIAL_EPSILON * Math.max(1, need);
}

export class MaterialLedger {
  private readonly consumed: Float64Array;
  private readonly slotLeft: Float64Array;
  /** Production events per item: times and quantities, unsorted (few per item). */
  private readonly producedAt: number[][];
  private readonly producedQty: number[][];
  /** The item the last failed `covers` found short. */
  shortItem = -1;

  constructor(readonly model: MaterialModel) {
    const n = model.items.length;
    this.consumed = new Float64Array(n);
    this.slotLeft = model.slotQty.slice();
    this.producedAt = Array.from({ length: n }, () => []);
    this.producedQty = Array.from({ length: n }, () => []);
  }

  reset(): void {
    this.consumed.fill(0);
    this.slotLeft.set(this.model.slotQty);
    for (const list of this.producedAt) list.length = 0;
    for (const list of this.producedQty) list.length = 0;
  }

  /** Index of the last curve entry of item at or before t. */
  private entry(item: number, t: number): number {
    const at = this.model.curveAt;
    let lo = this.model.curveStart[item]!;
    let hi = this.model.curveStart[item + 1]! - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private producedBy(item: number, t: number): number {
    const at = this.producedAt[item]!;
    const qty = this.producedQty[item]!;
    let sum = 0;
    for (let k = 0; k < at.length; k++) if (at[k]! <= t) sum += qty[k]!;
    return sum;
  }

  /** What the pool of item can give at t without ever going below zero later (see the header). */
  available(item: number, t: number): number {
    return this.model.curveMin[this.entry(item, t)]! + this.producedBy(item, t) - this.consumed[item]!;
  }

  /** Whether op's material is there at t; when not, shortItem names the first component short. */
  covers(op: number, t: number): boolean {
    const m = this.model;
    for (let c = m.consStart[op]!; c < m.consStart[op + 1]!; c++) {
      const slot = m.consSlot[c]!;
      const need = m.consQty[c]! - (slot >= 0 ? Math.min(m.consQty[c]!, this.slotLeft[slot]!) : 0);
      if (need > 0 && !covered(need, this.available(m.consItem[c]!, t))) {
        this.shortItem = m.consItem[c]!;
        return false;
      }
    }
    return true;
  }

  /** The first instant after t at which item's supply grows (Infinity: none known yet). */
  nextSupply(item: number, t: number): number {
    const m = this.model;
    let next = Infinity;
    for (let k = this.entry(item, t) + 1; k < m.curveStart[item + 1]!; k++) {
      if (m.curveMin[k]! > m.curveMin[k - 1]!) {
        next = m.curveAt[k]!;
        break;
      }
    }
    const at = this.producedAt[item]!;
    for (let k = 0; k < at.length; k++) if (at[k]! > t && at[k]! < next) next = at[k]!;
    return next;
  }

  consume(op: number): void {
    const m = this.model;
    for (let c = m.consStart[op]!; c < m.consStart[op + 1]!; c++) {
      const slot = m.consSlot[c]!;
      let need = m.consQty[c]!;
      if (slot >= 0) {
        const taken = Math.min(need, this.slotLeft[slot]!);
        this.slotLeft[slot] = this.slotLeft[slot]! - taken;
        need -= taken;
      }
      this.consumed[m.consItem[c]!] = this.consumed[m.consItem[c]!]! + need;
    }
  }

  /** Adds job's production at t; returns the item (−1 when the job produces nothing anyone consumes). */
  produce(job: number, t: number): number {
    const item = this.model.jobItem[job]!;
    if (item >= 0) {
      this.producedAt[item]!.push(t);
      this.producedQty[item]!.push(this.model.jobQty[job]!);
    }
    return item;
  }
}
