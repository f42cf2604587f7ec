/**
 * Foresight for scarce material in the construction (issue 14). Dispatching decides at each instant, and
 * stock taken now by an order that could wait is gone for a more important one released an hour later,
 * which then waits for the next receipt. So an operation whose consumption would leave too little of an
 * item for the more important orders (priority, then due date) released within the look-ahead is held back
 * until the first of them is released; from then on they compete at the units by their priority index.
 * Only a bounded number of those orders is counted per question: a heuristic for the first plan, which the
 * search then improves.
 */
import type { MaterialLedger } from "./material-ledger.ts";
import { MATERIAL_EPSILON } from "./material-needs.ts";
import type { SchedulingProblem } from "./problem.ts";

/** How far ahead (minutes) the orders that material is kept for may be released: one day. */
const LOOKAHEAD_MINUTES = 1440;
/** Consumers of an item counted per question. */
const SCAN = 32;

export class MaterialLookahead {
  /** Consumers of each item (operations) with their quantity, by the earliest start of their order. */
  private readonly consumers: Array<{ op: Int32Array; quantity: Float64Array; earliest: Float64Array }>;

  constructor(private readonly problem: SchedulingProblem) {
    const model = problem.material!;
    const lists: Array<Array<[number, number, number]>> = model.items.map(() => []);
    for (let op = 0; op < problem.opCount; op++) {
      for (let c = model.consStart[op]!; c < model.consStart[op + 1]!; c++) {
        lists[model.consItem[c]!]!.push([op, model.consQty[c]!, problem.jobs[problem.opJob[op]!]!.earliest]);
      }
    }
    this.consumers = lists.map((list) => {
      list.sort((a, b) => a[2] - b[2] || a[0] - b[0]);
      return { op: Int32Array.from(list, (x) => x[0]), quantity: Float64Array.from(list, (x) => x[1]), earliest: Float64Array.from(list, (x) => x[2]) };
    });
  }

  private moreImportant(a: number, b: number): boolean {
    const p = this.problem;
    const x = p.jobs[p.opJob[a]!]!;
    const y = p.jobs[p.opJob[b]!]!;
    return x.weight > y.weight || (x.weight === y.weight && (x.due < y.due || (x.due === y.due && a < b)));
  }

  /**
   * When op, started at t, would take stock that more important orders released after t (within the
   * look-ahead) need: the release of the first of them, else −Infinity.
   */
  holdUntil(op: number, t: number, ledger: MaterialLedger, taken: Uint8Array): number {
    const model = this.problem.material!;
    let until = -Infinity;
    for (let c = model.consStart[op]!; c < model.consStart[op + 1]!; c++) {
      const item = model.consItem[c]!;
      const list = this.consumers[item]!;
      // The first consumer released after t.
      let lo = 0;
      let hi = list.op.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list.earliest[mid]! <= t) lo = mid + 1;
        else hi = mid;
      }
      let kept = 0;
      let first = Infinity;
      for (let k = lo; k < Math.min(list.op.length, lo + SCAN) && list.earliest[k]! <= t + LOOKAHEAD_MINUTES; k++) {
        const other = list.op[k]!;
        if (taken[other] || !this.moreImportant(other, op)) continue;
        kept += list.quantity[k]!;
        first = Math.min(first, list.earliest[k]!);
      }
      const left = ledger.available(item, t) - model.consQty[c]!;
      if (kept > 0 && left < kept - MATERIAL_EPSILON * Math.max(1, kept)) until = Math.max(until, first);
    }
    return until;
  }
}
