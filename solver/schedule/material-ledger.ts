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
 *
 * Re-planning around confirmed orders (rush insertion, order review) gives them the material they consume
 * in the current plan: their operations consume without waiting ("kept"), and the orders being inserted
 * ("after") see a second curve, the static one minus the confirmed consumption at its planned starts,
 * which right-shifting only moves later. What an inserted order may take at t is then what stays free
 * from t on after every confirmed need (available-to-promise), less what inserted orders took before.
 */
import { MATERIAL_EPSILON } from "./material-needs.ts";

/** The compiled material model of a scheduling problem; null in problems without material. */
export interface MaterialModel {
  /** Item ids by item index. */
  items: string[];
  /** Static curve of item i: entries curveStart[i] … curveStart[i+1] − 1, the first at −Infinity. */
  curveStart: Int32Array;
  curveAt: Float64Array;
  /** Level of the curve from curveAt[k] on, and its minimum over entry k and every later one. */
  curveLevel: Float64Array;
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
  /** Re-planning only (see the header): per operation KEPT, AFTER or ordinary (0), and the AFTER operations' curve. */
  priority: { opClass: Uint8Array; curveStart: Int32Array; curveAt: Float64Array; curveMin: Float64Array } | null;
}

/** Operation classes when re-planning around confirmed orders. */
export const KEPT = 1;
export const AFTER = 2;

interface Curve {
  curveStart: Int32Array;
  curveAt: Float64Array;
  curveMin: Float64Array;
}

/** Step curves per item from their (time, change) events, with levels and suffix minima; events are sorted in place. */
export function curvesFrom(events: Array<Array<[number, number]>>): Curve & { curveLevel: Float64Array } {
  const curveStart: number[] = [0];
  const curveAt: number[] = [];
  const level: number[] = [];
  for (const list of events) {
    let running = 0;
    for (const [at, delta] of list.sort((a, b) => a[0] - b[0])) {
      running += delta;
      if (curveAt.length > curveStart[curveStart.length - 1]! && curveAt[curveAt.length - 1] === at) level[level.length - 1] = running;
      else (curveAt.push(at), level.push(running));
    }
    curveStart.push(curveAt.length);
  }
  const curveMin = Float64Array.from(level);
  for (let i = 0; i < events.length; i++) for (let k = curveStart[i + 1]! - 2; k >= curveStart[i]!; k--) curveMin[k] = Math.min(curveMin[k]!, curveMin[k + 1]!);
  return { curveStart: Int32Array.from(curveStart), curveAt: Float64Array.from(curveAt), curveLevel: Float64Array.from(level), curveMin };
}

/** Index of the last entry of item's curve at or before t. */
function entryOf(curve: Curve, item: number, t: number): number {
  const at = curve.curveAt;
  let lo = curve.curveStart[item]!;
  let hi = curve.curveStart[item + 1]! - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (at[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function covered(need: number, available: number): boolean {
  return need <= available + MATERIAL_EPSILON * Math.max(1, need);
}

export class MaterialLedger {
  private readonly consumed: Float64Array;
  /** What AFTER operations consumed, per item. */
  private readonly consumedAfter: Float64Array;
  private readonly slotLeft: Float64Array;
  /** Production events per item: times and quantities, unsorted (few per item). */
  private readonly producedAt: number[][];
  private readonly producedQty: number[][];
  /** The item the last failed `covers` found short, and how much of it op needs from the pool. */
  shortItem = -1;
  private shortNeed = 0;
  /** Classes of operations when re-planning (see the header), null otherwise. */
  private readonly opClass: Uint8Array | null;

  constructor(readonly model: MaterialModel) {
    const n = model.items.length;
    this.consumed = new Float64Array(n);
    this.consumedAfter = new Float64Array(n);
    this.slotLeft = model.slotQty.slice();
    this.producedAt = Array.from({ length: n }, () => []);
    this.producedQty = Array.from({ length: n }, () => []);
    this.opClass = model.priority?.opClass ?? null;
  }

  reset(): void {
    this.consumed.fill(0);
    this.consumedAfter.fill(0);
    this.slotLeft.set(this.model.slotQty);
    for (const list of this.producedAt) list.length = 0;
    for (const list of this.producedQty) list.length = 0;
  }

  private producedBy(item: number, t: number): number {
    const at = this.producedAt[item]!;
    const qty = this.producedQty[item]!;
    let sum = 0;
    for (let k = 0; k < at.length; k++) if (at[k]! <= t) sum += qty[k]!;
    return sum;
  }

  /** What the pool of item can give at t without ever going below zero later (see the header). */
  available(item: number, t: number, after = false): number {
    const curve = after ? this.model.priority! : this.model;
    const consumed = after ? this.consumedAfter : this.consumed;
    return curve.curveMin[entryOf(curve, item, t)]! + this.producedBy(item, t) - consumed[item]!;
  }

  private classOf(op: number): number {
    return this.opClass === null ? 0 : this.opClass[op]!;
  }

  /** Whether op's material is there at t; when not, shortItem names the first component short. */
  covers(op: number, t: number): boolean {
    const m = this.model;
    const cls = this.classOf(op);
    if (cls === KEPT) return true;
    for (let c = m.consStart[op]!; c < m.consStart[op + 1]!; c++) {
      const slot = m.consSlot[c]!;
      const need = m.consQty[c]! - (slot >= 0 ? Math.min(m.consQty[c]!, this.slotLeft[slot]!) : 0);
      if (need > 0 && !covered(need, this.available(m.consItem[c]!, t, cls === AFTER))) {
        this.shortItem = m.consItem[c]!;
        this.shortNeed = need;
        return false;
      }
    }
    return true;
  }

  /**
   * After a failed `covers(op, t)`: the first instant after t at which what is known of the short item's
   * supply (receipts, production of orders placed so far) covers op's need, given what was consumed so far;
   * Infinity when it never does (until more production is known). Consumption only grows, so op is never
   * ready before it: a lower bound, checked again by `covers`.
   */
  nextSupply(op: number, t: number): number {
    const item = this.shortItem;
    const after = this.classOf(op) === AFTER;
    const curve = after ? this.model.priority! : this.model;
    const at = this.producedAt[item]!;
    const times: number[] = [];
    for (let k = entryOf(curve, item, t) + 1; k < curve.curveStart[item + 1]!; k++) times.push(curve.curveAt[k]!);
    for (let k = 0; k < at.length; k++) if (at[k]! > t) times.push(at[k]!);
    if (at.length > 0) times.sort((x, y) => x - y);
    for (const time of times) if (covered(this.shortNeed, this.available(item, time, after))) return time;
    return Infinity;
  }

  consume(op: number): void {
    const m = this.model;
    const after = this.classOf(op) === AFTER;
    for (let c = m.consStart[op]!; c < m.consStart[op + 1]!; c++) {
      const slot = m.consSlot[c]!;
      let need = m.consQty[c]!;
      if (slot >= 0) {
        const taken = Math.min(need, this.slotLeft[slot]!);
        this.slotLeft[slot] = this.slotLeft[slot]! - taken;
        need -= taken;
      }
      this.consumed[m.consItem[c]!] = this.consumed[m.consItem[c]!]! + need;
      if (after) this.consumedAfter[m.consItem[c]!] = this.consumedAfter[m.consItem[c]!]! + need;
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
