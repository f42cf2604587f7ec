/**
 * Incremental evaluation of a move (issue 20): after a relocation only the operations whose machine
 * predecessor changed can start elsewhere at first, and a change travels only along routing and machine arcs.
 * Starting from those operations, the decoder re-places an operation when one of its predecessors' ends
 * changed and stops wherever the times come out as before; operations come out of a heap keyed by a lower
 * bound of their start (the end of the predecessor that released them), so most are placed once, and one
 * placed too early is placed again when a predecessor moves later (label correcting: the result is the
 * unique fixed point of the placement rule on the acyclic graph, the full decode's times exactly). The
 * objective is updated by the changed jobs' and changeovers' deltas; undo() restores the previous times.
 *
 * It applies where an operation's times are a function of its predecessors' times alone. Otherwise the
 * search decodes in full (incrementalApplies says why not):
 * - material: consumption is allocated in start order over the whole plan (material-ledger.ts);
 * - pools: the pools' load couples operations that share no arc (pool-load.ts);
 * - batch resources: a batch's members are placed together (batch-groups.ts);
 * - maximum waits: kept by whole re-decodes that hold predecessors back (keep-max-waits.ts);
 * - a reference plan: anchors and the count of changes are not updated here (stability-moves.ts);
 * - split lots and transfer batches: a slice's times depend on whether its machine successor continues its
 *   part (place-slice.ts, routing-ready.ts), which is no predecessor;
 * - zero work: a cycle of empty operations would settle instead of growing, and go unnoticed;
 * - fractional times or weights: the deltas would not sum exactly as the full objective does.
 * A move that closes a cycle makes times grow without end: past a guard of re-placements the caller
 * decodes in full, which rejects it.
 */
import { BinaryHeap } from "./binary-heap.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { jobTardiness } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { FREE, jobEnd } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";
import type { Relocation } from "./relocate.ts";

const FREE_STATE = FREE;

/** Whether incremental evaluation is exact for the decoder's problem (see the header for why not). */
export function incrementalApplies(decoder: Decoder): boolean {
  const p = decoder.problem;
  if (p.material !== null || p.pools != null || p.batches != null || p.stability !== null || decoder.endNotBefore !== null) return false;
  const rules = p.rules;
  if (rules !== null && (rules.split || rules.transfer.some((q, op) => q < rules.lot[op]!))) return false;
  if (p.altWork.some((w) => !(w > 1e-9))) return false;
  return integral(p, decoder.notBefore);
}

/** Every time and weight a whole number: objective deltas then sum exactly. */
function integral(p: SchedulingProblem, notBefore: Float64Array | null): boolean {
  const whole = (x: number) => Number.isInteger(x) || x === Infinity || x === -Infinity;
  if (!whole(p.origin) || !p.jobs.every((j) => whole(j.weight) && whole(j.earliest) && whole(j.due) && whole(j.target))) return false;
  if (!p.opMinGap.every(whole) || !p.fixed.every((f) => whole(f.start) && whole(f.end))) return false;
  if (!p.resources.every((r) => r.changeover === null || r.changeover.every(whole))) return false;
  return notBefore === null || notBefore.every((t) => Number.isNaN(t) || whole(t));
}

/** Operations of s whose machine predecessor the relocation undone by `undo` changed (the move is applied). */
export function movedOperations(s: Sequencing, undo: Relocation, out: number[]): number[] {
  out.length = 0;
  const op = undo.op;
  const to = s.machineOf[op]!;
  const pos = s.posOf[op]!;
  const target = s.seq[to]!;
  if (undo.machine !== to) {
    out.push(op);
    const source = s.seq[undo.machine]!;
    if (undo.pos < source.length) out.push(source[undo.pos]!);
    if (pos + 1 < target.length) out.push(target[pos + 1]!);
    return out;
  }
  const hi = Math.min(Math.max(pos, undo.pos) + 1, target.length - 1);
  for (let i = Math.min(pos, undo.pos); i <= hi; i++) out.push(target[i]!);
  return out;
}

export class IncrementalDecoder {
  /** Operations re-placed by the last retime: its cost in the search's work units. */
  replaced = 0;
  private readonly heap = new BinaryHeap();
  private stamp = 0;
  /** Stamp of the retime that saved the operation's times / the job's completion, or that queued the operation. */
  private readonly saved: Int32Array;
  private readonly queued: Int32Array;
  private readonly jobSaved: Int32Array;
  private readonly ops: number[] = [];
  private readonly jobs: number[] = [];
  private readonly oldStart: Float64Array;
  private readonly oldEnd: Float64Array;
  private readonly oldChangeover: Float64Array;
  private readonly oldTight: Int32Array;
  private readonly oldCompletion: Float64Array;
  private baseObjective: Objective = [];
  private readonly guard: number;

  constructor(private readonly decoder: Decoder) {
    const n = decoder.problem.opCount;
    this.saved = new Int32Array(n);
    this.queued = new Int32Array(n);
    this.jobSaved = new Int32Array(decoder.problem.jobs.length);
    this.oldStart = new Float64Array(n);
    this.oldEnd = new Float64Array(n);
    this.oldChangeover = new Float64Array(n);
    this.oldTight = new Int32Array(3 * n);
    this.oldCompletion = new Float64Array(decoder.problem.jobs.length);
    this.guard = 2 * decoder.freeCount + 64;
  }

  /**
   * Re-times the decoder's schedule, decoded for s before a relocation, for s after it (`seeds`: the
   * operations whose machine predecessor changed, movedOperations). False when the caller must decode in
   * full: the calendars' horizon is too short, or the guard suspects a cycle. Either way undo() restores.
   */
  retime(s: Sequencing, seeds: readonly number[]): boolean {
    const d = this.decoder;
    const p = d.problem;
    const stamp = ++this.stamp;
    this.ops.length = 0;
    this.jobs.length = 0;
    this.replaced = 0;
    this.baseObjective = d.objective;
    const { heap, queued } = this;
    heap.clear();
    d.bindView(s);
    for (const op of seeds) this.enqueue(s, op, stamp);
    let changeover = 0;
    while (heap.size > 0) {
      const op = heap.pop()!;
      queued[op] = 0;
      if (++this.replaced > this.guard) return false;
      this.save(op, stamp);
      const end = d.end[op]!;
      const co = d.changeover[op]!;
      if (!d.place(op, s, -Infinity)) return false;
      changeover += d.changeover[op]! - co;
      // Successors read only ends (without split lots and transfer batches): an unchanged end stops here.
      if (d.end[op] === end) continue;
      const succ = d.nextOp[op]!;
      if (succ < 0) this.touchJob(p.opJob[op]!, stamp);
      const last = succ < 0 || p.rules === null ? succ : p.rules.partLast[succ]!;
      for (let k = succ; k >= 0 && k <= last; k++) if (p.opState[k] === FREE_STATE && s.machineOf[k]! >= 0) this.enqueue(s, k, stamp);
      const list = s.seq[s.machineOf[op]!]!;
      const pos = s.posOf[op]!;
      if (pos + 1 < list.length) this.enqueue(s, list[pos + 1]!, stamp);
    }
    d.objective = this.objectiveAfter(changeover);
    return true;
  }

  /** Restores the times, completions and objective from before the last retime. */
  undo(): void {
    const d = this.decoder;
    for (const op of this.ops) {
      d.start[op] = this.oldStart[op]!;
      d.end[op] = this.oldEnd[op]!;
      d.changeover[op] = this.oldChangeover[op]!;
      d.machTight[op] = this.oldTight[3 * op]!;
      d.jobTight[op] = this.oldTight[3 * op + 1]!;
      d.tightPred[op] = this.oldTight[3 * op + 2]!;
    }
    for (const j of this.jobs) d.completion[j] = this.oldCompletion[j]!;
    this.ops.length = 0;
    this.jobs.length = 0;
    d.objective = this.baseObjective;
  }

  /** Into the heap (once at a time), keyed by the earliest its predecessors let it start. */
  private enqueue(s: Sequencing, op: number, stamp: number): void {
    if (this.queued[op] === stamp) return;
    this.queued[op] = stamp;
    const d = this.decoder;
    const pos = s.posOf[op]!;
    const pred = d.prevOp[op]!;
    const machReady = pos > 0 ? d.end[s.seq[s.machineOf[op]!]![pos - 1]!]! : -Infinity;
    const jobReady = pred >= 0 ? d.end[pred]! + d.problem.opMinGap[op]! : -Infinity;
    this.heap.push(Math.max(machReady, jobReady), op);
  }

  private save(op: number, stamp: number): void {
    if (this.saved[op] === stamp) return;
    this.saved[op] = stamp;
    const d = this.decoder;
    this.ops.push(op);
    this.oldStart[op] = d.start[op]!;
    this.oldEnd[op] = d.end[op]!;
    this.oldChangeover[op] = d.changeover[op]!;
    this.oldTight[3 * op] = d.machTight[op]!;
    this.oldTight[3 * op + 1] = d.jobTight[op]!;
    this.oldTight[3 * op + 2] = d.tightPred[op]!;
  }

  private touchJob(j: number, stamp: number): void {
    if (this.jobSaved[j] === stamp) return;
    this.jobSaved[j] = stamp;
    this.jobs.push(j);
    this.oldCompletion[j] = this.decoder.completion[j]!;
  }

  /** The objective (objective.ts) from the base one and the deltas of the changed jobs and changeovers. */
  private objectiveAfter(changeover: number): Objective {
    const d = this.decoder;
    const p = d.problem;
    let tardiness = 0;
    let sum = 0;
    for (const j of this.jobs) {
      const job = p.jobs[j]!;
      const c = jobEnd(p, job, d.end);
      d.completion[j] = c;
      tardiness += jobTardiness(job, c) - jobTardiness(job, this.oldCompletion[j]!);
      sum += c - this.oldCompletion[j]!;
    }
    const base = this.baseObjective;
    let first = base[0]! + tardiness;
    if (p.objective === "makespan") {
      first = 0;
      for (let j = 0; j < p.jobs.length; j++) first = Math.max(first, d.completion[j]! - p.origin);
    }
    return [first, base[1]! + sum, base[2]! + changeover];
  }
}
