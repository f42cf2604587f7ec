/**
 * Decoding a sequencing (which machine each operation uses, and the order of operations on every machine)
 * into the semi-active schedule on the calendars: every operation starts at its earliest feasible instant
 * after its routing predecessor (plus the minimum gap) and its machine predecessor. Operations are visited
 * in a topological order of the disjunctive graph (Kahn 1962), so one decode is O(n); a sequencing whose
 * graph has a cycle is rejected. The decoder keeps its buffers between calls: the search decodes
 * thousands of neighbours per second.
 */
import { objectiveOf } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { placeOperation } from "./place-operation.ts";
import type { Placement } from "./place-operation.ts";
import { altIndex, DONE, FREE } from "./problem.ts";
import type { FixedOperation, SchedulingProblem } from "./problem.ts";

// Module-local aliases: under tsx every use of an imported binding is a getter call, too slow in the hot loop.
const FREE_STATE = FREE;
const altIndexOf = altIndex;
const placeOnMachine = placeOperation;

/** Machine of every free operation and the order of free operations on every machine. */
export interface Sequencing {
  /** Machine of each operation, −1 for done and fixed ones. */
  machineOf: Int32Array;
  /** Free operations per machine, in processing order. */
  seq: number[][];
  /** Position of each free operation in its machine's list. */
  posOf: Int32Array;
}

export function cloneSequencing(s: Sequencing): Sequencing {
  return { machineOf: s.machineOf.slice(), seq: s.seq.map((list) => list.slice()), posOf: s.posOf.slice() };
}

/** Routing neighbours of every operation (−1 at the ends of a job). */
export function routingLinks(problem: SchedulingProblem): { prevOp: Int32Array; nextOp: Int32Array } {
  const prevOp = new Int32Array(problem.opCount).fill(-1);
  const nextOp = new Int32Array(problem.opCount).fill(-1);
  for (const job of problem.jobs) {
    for (let k = 1; k < job.opCount; k++) {
      prevOp[job.firstOp + k] = job.firstOp + k - 1;
      nextOp[job.firstOp + k - 1] = job.firstOp + k;
    }
  }
  return { prevOp, nextOp };
}

export class Decoder {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly changeover: Float64Array;
  /** 1 when the operation's start was set by its machine predecessor's end. */
  readonly machTight: Uint8Array;
  /** 1 when the operation's start was set by its (free) routing predecessor's end plus gap. */
  readonly jobTight: Uint8Array;
  readonly completion: Float64Array;
  readonly prevOp: Int32Array;
  readonly nextOp: Int32Array;
  readonly fixedByMachine: FixedOperation[][];
  readonly freeCount: number;
  /** Free operations in the topological order of the last successful decode. */
  readonly order: Int32Array;
  /**
   * Tails (computeTails): the longest path from an operation's end to the end of the schedule, for the
   * move estimates of continuous-time problems.
   */
  readonly tail: Float64Array;
  objective: Objective = [];
  /** Why the last decode failed: a cycle in the sequencing, or a calendar horizon too short. */
  failure: "cycle" | "horizon" | null = null;
  private readonly indeg: Int32Array;
  private readonly stack: Int32Array;
  private readonly placement: Placement = { start: 0, end: 0, changeover: 0, pushedByFixed: false };

  constructor(readonly problem: SchedulingProblem) {
    const n = problem.opCount;
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.changeover = new Float64Array(n);
    this.machTight = new Uint8Array(n);
    this.jobTight = new Uint8Array(n);
    this.completion = new Float64Array(problem.jobs.length);
    this.indeg = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.order = new Int32Array(n);
    this.tail = new Float64Array(n);
    ({ prevOp: this.prevOp, nextOp: this.nextOp } = routingLinks(problem));
    this.fixedByMachine = Array.from({ length: problem.machineCount }, () => [] as FixedOperation[]);
    for (const f of problem.fixed) {
      this.fixedByMachine[f.machine]!.push(f);
      this.start[f.op] = f.start;
      this.end[f.op] = f.end;
      this.changeover[f.op] = f.changeover;
    }
    let free = 0;
    for (let op = 0; op < n; op++) {
      if (problem.opState[op] === FREE) free++;
      else if (problem.opState[op] === DONE) this.start[op] = this.end[op] = problem.doneEnd[op]!;
    }
    this.freeCount = free;
  }

  /** Times of every free operation for s; false when s is cyclic or runs past a calendar's horizon. */
  decode(s: Sequencing): boolean {
    const p = this.problem;
    const { indeg, stack, start, end, changeover, prevOp, nextOp, machTight, jobTight } = this;
    const state = p.opState;
    let top = 0;
    for (let op = 0; op < p.opCount; op++) {
      if (state[op] !== FREE_STATE) continue;
      const pred = prevOp[op]!;
      const d = (pred >= 0 && state[pred] === FREE_STATE ? 1 : 0) + (s.posOf[op]! > 0 ? 1 : 0);
      indeg[op] = d;
      if (d === 0) stack[top++] = op;
    }
    let processed = 0;
    let totalChangeover = 0;
    const place = this.placement;
    while (top > 0) {
      const op = stack[--top]!;
      this.order[processed++] = op;
      const m = s.machineOf[op]!;
      const list = s.seq[m]!;
      const pos = s.posOf[op]!;
      const job = p.jobs[p.opJob[op]!]!;
      const pred = prevOp[op]!;
      let jobReady = job.earliest;
      let predFree = false;
      if (pred >= 0) {
        const t = end[pred]! + p.opMinGap[op]!;
        if (t >= jobReady) {
          jobReady = t;
          predFree = state[pred] === FREE_STATE;
        }
      }
      const mp = pos > 0 ? list[pos - 1]! : -1;
      const machReady = mp >= 0 ? end[mp]! : -Infinity;
      const base = p.altWork[altIndexOf(p, op, p.machineResource[m]!)]!;
      const ready = Math.max(jobReady, machReady);
      const fixedHere = this.fixedByMachine[m]!;
      const resource = p.resources[p.machineResource[m]!]!;
      if (fixedHere.length === 0 && resource.calendar === null && resource.changeover === null) {
        // Fast path of the benchmarks: continuous time, no changeovers, nothing fixed.
        const work = Math.ceil(base - 1e-9);
        place.start = ready;
        place.end = ready + work;
        place.changeover = 0;
        place.pushedByFixed = false;
      } else if (placeOnMachine(p, fixedHere, m, op, base, ready, machReady, mp >= 0 ? p.opFamily[mp]! : -1, place) === null) {
        this.failure = "horizon";
        return false;
      }
      start[op] = place.start;
      end[op] = place.end;
      changeover[op] = place.changeover;
      totalChangeover += place.changeover;
      machTight[op] = !place.pushedByFixed && mp >= 0 && machReady >= jobReady ? 1 : 0;
      jobTight[op] = !place.pushedByFixed && predFree && jobReady >= machReady ? 1 : 0;
      const succ = nextOp[op]!;
      if (succ >= 0 && state[succ] === FREE_STATE && --indeg[succ]! === 0) stack[top++] = succ;
      if (pos + 1 < list.length) {
        const ms = list[pos + 1]!;
        if (--indeg[ms]! === 0) stack[top++] = ms;
      }
    }
    if (processed < this.freeCount) {
      this.failure = "cycle";
      return false;
    }
    this.failure = null;
    p.jobs.forEach((job, j) => {
      this.completion[j] = job.opCount > 0 ? end[job.firstOp + job.opCount - 1]! : job.earliest;
    });
    this.objective = objectiveOf(p, this.completion, totalChangeover);
    return true;
  }

  /** Tails of every free operation of s, which must be the sequencing last decoded (continuous time only). */
  computeTails(s: Sequencing): void {
    const { order, tail, start, end, nextOp } = this;
    const state = this.problem.opState;
    for (let i = this.freeCount - 1; i >= 0; i--) {
      const op = order[i]!;
      let t = 0;
      const js = nextOp[op]!;
      if (js >= 0 && state[js] === FREE_STATE) t = this.problem.opMinGap[js]! + end[js]! - start[js]! + tail[js]!;
      const list = s.seq[s.machineOf[op]!]!;
      const pos = s.posOf[op]!;
      if (pos + 1 < list.length) {
        const ms = list[pos + 1]!;
        t = Math.max(t, end[ms]! - start[ms]! + tail[ms]!);
      }
      tail[op] = t;
    }
  }
}
