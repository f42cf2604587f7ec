/**
 * Constant-time-per-operation move estimates for continuous-time makespan problems (the benchmarks): the
 * longest path through the operations a relocation touches, from their new heads (earliest starts) and
 * tails (longest path to the end), after Taillard (1994) for swaps and Dell'Amico & Trubian (1993) /
 * Balas & Vazacopoulos (1998) for insertions, and Mastrolilli & Gambardella (2000) for reassignments.
 * The search picks the neighbour with the best estimate and decodes only that one exactly, which makes
 * an iteration O(n) instead of O(n × neighbours).
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { altIndex, FREE, workMinutes } from "./problem.ts";
import type { Relocation } from "./relocate.ts";

const altIndexOf = altIndex;
const FREE_STATE = FREE;

export class MoveEstimator {
  private readonly window: number[] = [];
  private readonly newEnd: Float64Array;
  private readonly newTail: Float64Array;
  private readonly inWindow: Int32Array;
  private stamp = 0;

  constructor(private readonly decoder: Decoder) {
    const n = decoder.problem.opCount;
    this.newEnd = new Float64Array(n);
    this.newTail = new Float64Array(n);
    this.inWindow = new Int32Array(n);
  }

  /** Operations the estimate touched (its cost in work units). */
  lastCost = 0;

  /**
   * The estimated makespan (absolute end) after the move on the current decoded sequencing with tails
   * computed, or Infinity when the move would put an operation before its own routing predecessor.
   */
  estimate(s: Sequencing, move: Relocation): number {
    const d = this.decoder;
    const p = d.problem;
    const { window, newEnd, newTail, inWindow } = this;
    const stamp = ++this.stamp;
    const from = s.machineOf[move.op]!;
    const target = s.seq[move.machine]!;
    window.length = 0;
    let before: number;
    let after: number;
    if (from === move.machine) {
      const fromPos = s.posOf[move.op]!;
      const lo = Math.min(fromPos, move.pos);
      const hi = Math.max(fromPos, move.pos);
      if (move.pos < fromPos) {
        window.push(move.op);
        for (let i = lo; i < hi; i++) window.push(target[i]!);
      } else {
        for (let i = lo + 1; i <= hi; i++) window.push(target[i]!);
        window.push(move.op);
      }
      before = lo > 0 ? target[lo - 1]! : -1;
      after = hi + 1 < target.length ? target[hi + 1]! : -1;
    } else {
      window.push(move.op);
      before = move.pos > 0 ? target[move.pos - 1]! : -1;
      after = move.pos < target.length ? target[move.pos]! : -1;
    }
    this.lastCost = window.length;
    const resource = p.machineResource[move.machine]!;
    // Durations are end − start, except the moved operation's on a new machine.
    const movedDuration = from !== move.machine ? workMinutes(p.altWork[altIndexOf(p, move.op, resource)]!, 0) : d.end[move.op]! - d.start[move.op]!;
    for (const op of window) inWindow[op] = stamp;
    let prevEnd = before >= 0 ? d.end[before]! : -Infinity;
    for (let i = 0; i < window.length; i++) {
      const op = window[i]!;
      const jp = d.prevOp[op]!;
      let ready = p.jobs[p.opJob[op]!]!.earliest;
      if (jp >= 0) {
        if (inWindow[jp] === stamp) {
          if (window.indexOf(jp) > i) return Infinity;
          ready = Math.max(ready, newEnd[jp]! + p.opMinGap[op]!);
        } else ready = Math.max(ready, d.end[jp]! + p.opMinGap[op]!);
      }
      prevEnd = newEnd[op] = Math.max(ready, prevEnd) + (op === move.op ? movedDuration : d.end[op]! - d.start[op]!);
    }
    let nextTail = after >= 0 ? d.end[after]! - d.start[after]! + d.tail[after]! : 0;
    let longest = 0;
    for (let i = window.length - 1; i >= 0; i--) {
      const op = window[i]!;
      const js = d.nextOp[op]!;
      let t = nextTail;
      if (js >= 0 && p.opState[js] === FREE_STATE) {
        const jsTail = p.opMinGap[js]! + (inWindow[js] === stamp ? (js === move.op ? movedDuration : d.end[js]! - d.start[js]!) + newTail[js]! : d.end[js]! - d.start[js]! + d.tail[js]!);
        t = Math.max(t, jsTail);
      }
      newTail[op] = t;
      nextTail = (op === move.op ? movedDuration : d.end[op]! - d.start[op]!) + t;
      longest = Math.max(longest, newEnd[op]! + t);
    }
    return longest;
  }
}
