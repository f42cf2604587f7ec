/**
 * Incremental evaluation of a move (issue 20): after a relocation only the operations whose machine
 * predecessor changed can start elsewhere at first, and a change travels only along routing and machine arcs.
 * Starting from those operations, the decoder re-places an operation when one of its predecessors' ends
 * changed and stops wherever the times come out as before. With work in every operation the schedule's
 * starts before the move are a topological order of its graph (every arc goes to a later start); the moved
 * operations get keys that keep that true of the new machine orders (the old starts of their positions), and
 * operations come out of a heap by key, so each is placed once, after its predecessors: the placement rule's
 * unique solution on the acyclic graph, the full decode's times exactly. An operation released again after
 * it was placed (the move put it before a predecessor that changed) is placed again: the result is still
 * that solution, the unique fixed point. A cycle makes times grow without end: past a guard of as many
 * placements as a full decode makes, the caller decodes in full. A move that closes a cycle is found
 * before any placement (closesCycle) and rejected as the full decode would reject it. The objective is updated by the changed jobs' and changeovers' deltas; undo()
 * restores the previous times.
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
 * - zero work: starts would no longer order the graph;
 * - fractional times or weights: the deltas would not sum exactly as the full objective does.
 * A successful retime is a schedule whose every arc holds, so with work in every operation the new
 * sequencing has no cycle.
 */
import { BinaryHeap } from "./binary-heap.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { jobTardiness } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { FREE, jobEnd } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";
import type { Relocation } from "./relocate.ts";

const FREE_STATE = FREE;
const SAVED = 0;
const QUEUED = 1;
const PLACED = 2;
const VISITED = 3;
/** Values saved per operation: start, end, changeover, the two tight links and the tight predecessor. */
const LOGGED = 6;

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

export class IncrementalDecoder {
  /** Operations re-placed (or searched for a cycle) by the last retime: its cost in the search's work units. */
  replaced = 0;
  /** The last retime found that the move closes a cycle: the sequencing does not decode. */
  cyclic = false;
  /** The last retime stopped at its limit of placements. */
  truncated = false;
  private readonly heap = new BinaryHeap();
  private stamp = 0;
  /**
   * Per operation, at 4 × op + SAVED, QUEUED, PLACED, VISITED: the stamp of the retime that saved its times,
   * queued it, placed it, or reached it searching for a cycle. One array, not four: a retime takes operations
   * in time order, all over the plan, and each array is a cache miss per operation.
   */
  private readonly stamps: Int32Array;
  private readonly stack: number[] = [];
  /** The moved operations, and their keys: old starts, in the new order on their machine. */
  private readonly seeds: number[] = [];
  private readonly seedKeys: number[] = [];
  private readonly jobSaved: Int32Array;
  private readonly ops: number[] = [];
  private readonly jobs: number[] = [];
  /** The saved operations' times, LOGGED values each in the order of ops: written and read in sequence. */
  private readonly log: Float64Array;
  private readonly oldCompletion: Float64Array;
  private baseObjective: Objective = [];
  /** Placements past which a retime gives up (a cycle, or a cascade a full decode does as cheaply). */
  private readonly guard: number;

  constructor(private readonly decoder: Decoder) {
    const n = decoder.problem.opCount;
    this.stamps = new Int32Array(4 * n);
    this.guard = decoder.freeCount;
    this.jobSaved = new Int32Array(decoder.problem.jobs.length);
    this.log = new Float64Array(LOGGED * n);
    this.oldCompletion = new Float64Array(decoder.problem.jobs.length);
  }

  /**
   * Re-times the decoder's schedule, decoded for s before the relocation that `undo` undoes, for s after it.
   * False when the caller must decode in full: the calendars' horizon is too short, or an operation would be
   * released after it was placed, or `limit` placements did not finish (truncated). Either way undo() restores.
   */
  retime(s: Sequencing, undo: Relocation, limit = Infinity): boolean {
    const d = this.decoder;
    const p = d.problem;
    const stamp = ++this.stamp;
    this.ops.length = 0;
    this.jobs.length = 0;
    this.replaced = 0;
    this.truncated = false;
    this.baseObjective = d.objective;
    const { heap, stamps } = this;
    heap.clear();
    d.bindView(s);
    this.moved(s, undo);
    this.cyclic = this.closesCycle(s, undo.op, stamp);
    if (this.cyclic) return false;
    for (let k = 0; k < this.seeds.length; k++) {
      stamps[4 * this.seeds[k]! + QUEUED] = stamp;
      heap.push(this.seedKeys[k]!, this.seeds[k]!);
    }
    let changeover = 0;
    while (heap.size > 0) {
      const op = heap.pop()!;
      stamps[4 * op + PLACED] = stamp;
      stamps[4 * op + QUEUED] = 0;
      if (++this.replaced > limit) {
        this.truncated = true;
        return false;
      }
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
      for (let k = succ; k >= 0 && k <= last; k++) if (p.opState[k] === FREE_STATE && s.machineOf[k]! >= 0 && !this.release(k, stamp)) return false;
      const list = s.seq[s.machineOf[op]!]!;
      const pos = s.posOf[op]!;
      if (pos + 1 < list.length && !this.release(list[pos + 1]!, stamp)) return false;
    }
    d.objective = this.objectiveAfter(changeover);
    return true;
  }

  /** Restores the times, completions and objective from before the last retime. */
  undo(): void {
    const d = this.decoder;
    const { ops, log } = this;
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k]!;
      const at = LOGGED * k;
      d.start[op] = log[at]!;
      d.end[op] = log[at + 1]!;
      d.changeover[op] = log[at + 2]!;
      d.machTight[op] = log[at + 3]!;
      d.jobTight[op] = log[at + 4]!;
      d.tightPred[op] = log[at + 5]!;
    }
    for (const j of this.jobs) d.completion[j] = this.oldCompletion[j]!;
    this.ops.length = 0;
    this.jobs.length = 0;
    d.objective = this.baseObjective;
  }

  /**
   * Into the heap, keyed by its start before the move. One placed already (the move put it before a
   * predecessor that changed since) goes back in to be placed again, keyed by its new start; false past the
   * guard, which a cycle reaches (its times grow without end).
   */
  private release(op: number, stamp: number): boolean {
    const stamps = this.stamps;
    if (stamps[4 * op + QUEUED] === stamp) return true;
    stamps[4 * op + QUEUED] = stamp;
    if (stamps[4 * op + PLACED] !== stamp) this.heap.push(this.decoder.start[op]!, op);
    else if (this.replaced >= this.guard) return false;
    else this.heap.push(this.decoder.start[op]!, op);
    return true;
  }

  /**
   * The operations whose machine predecessor the relocation changed (s has it applied) and their keys: the
   * old starts of the positions they now hold; the moved operation on another machine keeps its start when
   * that lies between its new neighbours', and takes one between theirs otherwise.
   */
  private moved(s: Sequencing, undo: Relocation): void {
    const { seeds, seedKeys } = this;
    const start = this.decoder.start;
    seeds.length = seedKeys.length = 0;
    const op = undo.op;
    const to = s.machineOf[op]!;
    const pos = s.posOf[op]!;
    const target = s.seq[to]!;
    if (undo.machine !== to) {
      const lo = pos > 0 ? start[target[pos - 1]!]! : -Infinity;
      const hi = pos + 1 < target.length ? start[target[pos + 1]!]! : Infinity;
      const t = start[op]!;
      seeds.push(op);
      seedKeys.push(t > lo && t < hi ? t : hi === Infinity ? lo + 0.5 : lo === -Infinity ? hi - 0.5 : (lo + hi) / 2);
      const source = s.seq[undo.machine]!;
      if (undo.pos < source.length) seeds.push(source[undo.pos]!), seedKeys.push(start[source[undo.pos]!]!);
      if (pos + 1 < target.length) seeds.push(target[pos + 1]!), seedKeys.push(start[target[pos + 1]!]!);
      return;
    }
    const hi = Math.min(Math.max(pos, undo.pos) + 1, target.length - 1);
    for (let i = Math.min(pos, undo.pos); i <= hi; i++) seeds.push(target[i]!), seedKeys.push(start[target[i]!]!);
    // The same operations hold the same positions but in another order: the sorted old starts follow the positions.
    seedKeys.sort((a, b) => a - b);
  }

  /**
   * Whether the moved operation u now reaches itself. Every arc of the new graph goes to a later old start
   * except those into the moved operations, so a cycle runs through u (whose new arcs are the only ones
   * that can go back in time) and stays at or before the latest old start among the moved operations and
   * u's new machine predecessor: a depth-first search from u over the operations that start no later finds it.
   */
  private closesCycle(s: Sequencing, u: number, stamp: number): boolean {
    const d = this.decoder;
    const p = d.problem;
    const { stack, stamps } = this;
    // u's new machine predecessor is where a cycle comes back to u.
    const list = s.seq[s.machineOf[u]!]!;
    let latest = s.posOf[u]! > 0 ? d.start[list[s.posOf[u]! - 1]!]! : -Infinity;
    for (const op of this.seeds) latest = Math.max(latest, d.start[op]!);
    stack.length = 0;
    stack.push(u);
    stamps[4 * u + VISITED] = stamp;
    const visit = (op: number): boolean => {
      if (op === u) return true;
      if (stamps[4 * op + VISITED] !== stamp && d.start[op]! <= latest) (stamps[4 * op + VISITED] = stamp), stack.push(op);
      return false;
    };
    while (stack.length > 0) {
      const op = stack.pop()!;
      this.replaced++;
      const succ = d.nextOp[op]!;
      const last = succ < 0 || p.rules === null ? succ : p.rules.partLast[succ]!;
      for (let k = succ; k >= 0 && k <= last; k++) if (p.opState[k] === FREE_STATE && s.machineOf[k]! >= 0 && visit(k)) return true;
      const list = s.seq[s.machineOf[op]!]!;
      const pos = s.posOf[op]!;
      if (pos + 1 < list.length && visit(list[pos + 1]!)) return true;
    }
    return false;
  }

  private save(op: number, stamp: number): void {
    if (this.stamps[4 * op + SAVED] === stamp) return;
    this.stamps[4 * op + SAVED] = stamp;
    const d = this.decoder;
    const { log } = this;
    const at = LOGGED * this.ops.length;
    this.ops.push(op);
    log[at] = d.start[op]!;
    log[at + 1] = d.end[op]!;
    log[at + 2] = d.changeover[op]!;
    log[at + 3] = d.machTight[op]!;
    log[at + 4] = d.jobTight[op]!;
    log[at + 5] = d.tightPred[op]!;
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
