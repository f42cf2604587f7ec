/**
 * Right-shift rescheduling (affected-operations rescheduling, Abumaizar & Svestka 1997): re-time a plan
 * whose per-unit sequences are given, every operation at its earliest feasible instant that is not
 * earlier than its start in the current plan. Operations nothing pushes keep their start (and, with the
 * same predecessor family, their end) exactly; the ones an insertion pushes move later, never earlier,
 * so a re-plan disturbs the shop as little as the insertion demands. Operations without a machine in the
 * sequencing (orders not inserted yet) are left out. Kahn's topological order over routing and machine
 * links, O(n) placements per call; placement is the engine's own rule (placeOperation).
 *
 * After one operation is inserted into a right-shifted plan, only what it pushes changes: shiftFrom
 * re-times just those (label-correcting, in the order of their current starts, which a consistent plan
 * makes a topological order up to ties; an operation whose predecessor changes after it was re-timed is
 * queued again), and stops wherever an operation's times come out unchanged.
 *
 * With material (issue 14) times depend on who starts first, so the plan is re-timed whole by the
 * scheduling engine's time-ordered decoder (with the current plan's starts as lower bounds, confirmed
 * orders keeping their material: material-priority.ts), and shiftFrom does the same then counts the harm.
 * So are plans with the shop-floor rules of issue 16 (transfer batches, parts, unbroken operations, maximum
 * waits), whose times only the decoder's rules give.
 */
import { BinaryHeap } from "../schedule/binary-heap.ts";
import type { Sequencing } from "../schedule/decode-schedule.ts";
import { Decoder, routingLinks } from "../schedule/decode-schedule.ts";
import { placeOperation } from "../schedule/place-operation.ts";
import { newPlacement } from "../schedule/place-operation.ts";
import type { Placement } from "../schedule/place-operation.ts";
import { altIndex, DONE, FREE } from "../schedule/problem.ts";
import type { FixedOperation, SchedulingProblem } from "../schedule/problem.ts";

/** Times of every operation (fixed and done ones preset; free ones not in the sequencing are NaN). */
export interface Timing {
  start: Float64Array;
  end: Float64Array;
  changeover: Float64Array;
  /** Slices continuing their part (issue 16), when the decoder times the plan. */
  continues?: Uint8Array;
}

export type ShiftOutcome = "ok" | "cycle" | "horizon" | "harm";

/** A cap on weighted harm for shiftFrom: it gives up ("harm") as soon as it exceeds `tolerance`. */
export interface HarmCap {
  /** Latest harmless completion per job (Infinity: not a confirmed order). */
  limits: Float64Array;
  /** Harm is Σ weight × minutes past the limit (the jobs' priority weights). */
  tolerance: number;
  /** Weighted harm before the insertion. */
  harm: number;
}

/** Weighted harm of job j completing at `end` (0 for NaN, a job not timed yet). */
export function jobHarm(problem: SchedulingProblem, limits: Float64Array, j: number, end: number): number {
  return end > limits[j]! ? problem.jobs[j]!.weight * (end - limits[j]!) : 0;
}

const NO_FIXED: readonly FixedOperation[] = [];

export class RightShifter {
  readonly fixedByMachine: FixedOperation[][];
  /** Latest end of a fixed operation per machine (−Infinity for none). */
  private readonly lastFixedEnd: Float64Array;
  readonly prevOp: Int32Array;
  readonly nextOp: Int32Array;
  /** shiftFrom's "in the queue" marks: queued[op] === generation. */
  private readonly queued: Int32Array;
  private generation = 0;
  private readonly indeg: Int32Array;
  private readonly stack: Int32Array;
  private readonly placement = newPlacement();
  /** The scheduling engine's decoder, for problems with material, shop-floor rules, pools or batches (null without). */
  private readonly decoder: Decoder | null;

  /** @param notBefore earliest start of every operation: its start in the current plan, −Infinity for new ones */
  constructor(
    readonly problem: SchedulingProblem,
    readonly notBefore: Float64Array,
  ) {
    ({ prevOp: this.prevOp, nextOp: this.nextOp } = routingLinks(problem));
    this.fixedByMachine = Array.from({ length: problem.machineCount }, () => [] as FixedOperation[]);
    this.lastFixedEnd = new Float64Array(problem.machineCount).fill(-Infinity);
    for (const f of problem.fixed) {
      this.fixedByMachine[f.machine]!.push(f);
      this.lastFixedEnd[f.machine] = Math.max(this.lastFixedEnd[f.machine]!, f.end);
    }
    this.indeg = new Int32Array(problem.opCount);
    this.queued = new Int32Array(problem.opCount);
    this.stack = new Int32Array(problem.opCount);
    this.decoder = problem.material === null && problem.rules === null && problem.pools == null && problem.batches == null ? null : new Decoder(problem, notBefore);
  }

  /**
   * The earliest instant from `ready` on at which op's material is there for it, in the plan s (without op):
   * inserting it at an earlier position would only hold up what follows it. `ready` when there is no material
   * or none is known to come (the re-timing then finds out).
   */
  materialReady(s: Sequencing, op: number, ready: number): number {
    const decoder = this.decoder;
    if (decoder === null || decoder.ledger === null || !decoder.decode(s)) return ready;
    const ledger = decoder.ledger;
    let t = ready;
    while (!ledger.covers(op, t)) {
      t = ledger.nextSupply(op, t);
      if (t === Infinity) return ready;
    }
    return t;
  }

  /** Re-times the whole sequencing with the material ledger (see the header). */
  private decode(s: Sequencing, timing: Timing): ShiftOutcome {
    const decoder = this.decoder!;
    if (!decoder.decode(s)) return decoder.failure === "horizon" ? "horizon" : "cycle";
    const p = this.problem;
    for (let op = 0; op < p.opCount; op++) {
      if (p.opState[op] !== FREE || s.machineOf[op]! < 0) continue;
      timing.start[op] = decoder.start[op]!;
      timing.end[op] = decoder.end[op]!;
      timing.changeover[op] = decoder.changeover[op]!;
    }
    if (decoder.runs !== null) timing.continues = decoder.runs.continues.slice();
    return "ok";
  }

  newTiming(): Timing {
    const p = this.problem;
    const timing = { start: new Float64Array(p.opCount).fill(NaN), end: new Float64Array(p.opCount).fill(NaN), changeover: new Float64Array(p.opCount) };
    for (const f of p.fixed) (timing.start[f.op] = f.start), (timing.end[f.op] = f.end), (timing.changeover[f.op] = f.changeover);
    for (let op = 0; op < p.opCount; op++) if (p.opState[op] === DONE) timing.start[op] = timing.end[op] = p.doneEnd[op]!;
    return timing;
  }

  /** The earliest start of op given its routing predecessor's times in `timing` (release, predecessor end + gap). */
  jobReady(op: number, timing: Timing): number {
    const p = this.problem;
    const pred = this.prevOp[op]!;
    const earliest = p.jobs[p.opJob[op]!]!.earliest;
    return pred >= 0 ? Math.max(earliest, timing.end[pred]! + p.opMinGap[op]!) : earliest;
  }

  /**
   * Places op on machine m after `prev` (−1: first in the sequence) at or after `ready`, into `out`.
   * @returns false when the calendar's horizon is too short
   */
  place(op: number, m: number, prev: number, ready: number, timing: Timing, out: Placement): boolean {
    const p = this.problem;
    const machReady = prev >= 0 ? timing.end[prev]! : -Infinity;
    const base = p.altWork[altIndex(p, op, p.machineResource[m]!)]!;
    const family = prev >= 0 ? p.opFamily[prev]! : -1;
    // Fixed operations that all end before the machine predecessor neither block nor set the family:
    // leaving them out gives the same placement, and spares scanning them for every operation.
    const fixed = machReady >= this.lastFixedEnd[m]! ? NO_FIXED : this.fixedByMachine[m]!;
    return placeOperation(p, fixed, m, op, base, Math.max(ready, machReady, this.notBefore[op]!), machReady, family, out) !== null;
  }

  /** Re-times every sequenced free operation of s into timing. */
  shift(s: Sequencing, timing: Timing): ShiftOutcome {
    if (this.decoder !== null) return this.decode(s, timing);
    const p = this.problem;
    const { indeg, stack, prevOp, nextOp } = this;
    let top = 0;
    let active = 0;
    for (let op = 0; op < p.opCount; op++) {
      if (p.opState[op] !== FREE || s.machineOf[op]! < 0) continue;
      active++;
      const pred = prevOp[op]!;
      const d = (pred >= 0 && p.opState[pred] === FREE ? 1 : 0) + (s.posOf[op]! > 0 ? 1 : 0);
      indeg[op] = d;
      if (d === 0) stack[top++] = op;
    }
    let processed = 0;
    const out = this.placement;
    while (top > 0) {
      const op = stack[--top]!;
      processed++;
      const m = s.machineOf[op]!;
      const list = s.seq[m]!;
      const pos = s.posOf[op]!;
      if (!this.place(op, m, pos > 0 ? list[pos - 1]! : -1, this.jobReady(op, timing), timing, out)) return "horizon";
      timing.start[op] = out.start;
      timing.end[op] = out.end;
      timing.changeover[op] = out.changeover;
      const succ = nextOp[op]!;
      if (succ >= 0 && p.opState[succ] === FREE && s.machineOf[succ]! >= 0 && --indeg[succ]! === 0) stack[top++] = succ;
      if (pos + 1 < list.length && --indeg[list[pos + 1]!]! === 0) stack[top++] = list[pos + 1]!;
    }
    return processed === active ? "ok" : "cycle";
  }

  /**
   * Re-times, in timing (a right-shift of s without `inserted`), the operation just inserted into s and
   * everything it pushes. `inserted`'s routing successor must not be sequenced yet (insertion goes in
   * routing order), so the insertion cannot close a cycle through it.
   */
  shiftFrom(s: Sequencing, timing: Timing, inserted: number, cap?: HarmCap): ShiftOutcome {
    const p = this.problem;
    if (this.decoder !== null) {
      const outcome = this.decode(s, timing);
      if (outcome !== "ok" || cap === undefined) return outcome;
      let harm = 0;
      p.jobs.forEach((job, j) => {
        if (job.opCount > 0) harm += jobHarm(p, cap.limits, j, timing.end[job.firstOp + job.opCount - 1]!);
      });
      return harm > cap.tolerance ? "harm" : "ok";
    }
    const out = this.placement;
    const heap = new BinaryHeap();
    const generation = ++this.generation;
    const enqueue = (op: number) => {
      if (op < 0 || p.opState[op] !== FREE || s.machineOf[op]! < 0 || this.queued[op] === generation) return;
      this.queued[op] = generation;
      heap.push(timing.start[op]!, op);
    };
    let harm = cap?.harm ?? 0;
    const retime = (op: number): boolean | null => {
      const m = s.machineOf[op]!;
      const pos = s.posOf[op]!;
      if (!this.place(op, m, pos > 0 ? s.seq[m]![pos - 1]! : -1, this.jobReady(op, timing), timing, out)) return null;
      if (out.start === timing.start[op] && out.end === timing.end[op] && out.changeover === timing.changeover[op]) return false;
      if (cap !== undefined && this.nextOp[op]! < 0) {
        const j = p.opJob[op]!;
        harm += jobHarm(p, cap.limits, j, out.end) - jobHarm(p, cap.limits, j, timing.end[op]!);
      }
      timing.start[op] = out.start;
      timing.end[op] = out.end;
      timing.changeover[op] = out.changeover;
      return true;
    };
    const next = (op: number) => {
      enqueue(this.nextOp[op]!);
      const list = s.seq[s.machineOf[op]!]!;
      const pos = s.posOf[op]!;
      if (pos + 1 < list.length) enqueue(list[pos + 1]!);
    };
    if (retime(inserted) === null) return "horizon";
    next(inserted);
    for (let op = heap.pop(); op !== undefined; op = heap.pop()) {
      this.queued[op] = 0;
      const changed = retime(op);
      if (changed === null) return "horizon";
      if (cap !== undefined && harm > cap.tolerance) {
        // The queue is abandoned half-way: the next call must not find stale marks.
        this.generation++;
        return "harm";
      }
      if (changed) next(op);
    }
    return "ok";
  }
}
