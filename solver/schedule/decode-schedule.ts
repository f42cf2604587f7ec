/**
 * Decoding a sequencing (which machine each operation uses, and the order of operations on every machine)
 * into the semi-active schedule on the calendars: every operation starts at its earliest feasible instant
 * after its routing predecessor (plus the minimum gap) and its machine predecessor. Operations are visited
 * in a topological order of the disjunctive graph (Kahn 1962), so one decode is O(n); a sequencing whose
 * graph has a cycle is rejected. The decoder keeps its buffers between calls: the search decodes
 * thousands of neighbours per second.
 *
 * With material (issue 14) operations that consume are visited in the order of their starts: one whose
 * predecessors are placed goes into a heap keyed by its tentative start, and comes out only when the stack
 * of the others is empty (every operation that starts earlier is then placed: its unplaced ancestors would
 * be on the stack or in the heap with an earlier key); its material is checked against the ledger of
 * everything that started before it. If it is short, it goes back in at the next
 * instant supply grows (a receipt becoming usable, an order's completion), or waits for an order not
 * placed yet to produce the item. Starts come out nondecreasing, so stock goes to operations in the order
 * they start and never below zero. Operations left waiting when the heap runs dry are a deadlock (a
 * consumer queued before its producer): that sequencing is rejected like a cycle. Without material the
 * plain stack is used: the times are the same, the heap would only cost.
 *
 * Shop-floor rules (issue 16): an operation waits for every slice of its routing predecessor, or for its
 * first transfer batch and then ends no earlier than the last one allows (routing-ready.ts); slices of a
 * split lot that follow each other on a unit form one part (place-slice.ts); uninterruptible operations
 * take unbroken stretches (place-operation.ts). Maximum waits are kept by decoding again with predecessors
 * held back (keep-max-waits.ts).
 *
 * Issue 21: operations that require pools are placed where the pools' load has room (pool-load.ts), and the
 * batches of a batch resource (batch-groups.ts) are placed as one once every member's predecessors are:
 * their leader carries the whole batch's in-degree, and placing it releases every member.
 */
import { decodeCost } from "./decode-cost.ts";
import { BatchGroups } from "./batch-groups.ts";
import { BinaryHeap } from "./binary-heap.ts";
import { keepMaxWaits } from "./keep-max-waits.ts";
import { KEPT, MaterialLedger } from "./material-ledger.ts";
import { objectiveOf } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { newPlacement } from "./place-operation.ts";
import { placeBatch } from "./place-batch.ts";
import { newPartRuns, placeSlice } from "./place-slice.ts";
import { PoolLoad } from "./pool-load.ts";
import type { PartRuns } from "./place-slice.ts";
import { altIndex, DONE, FIXED, FREE, isChanged, jobEnd } from "./problem.ts";
import type { FixedOperation, SchedulingProblem } from "./problem.ts";
import { newReadyBounds, routingReady } from "./routing-ready.ts";
import type { TimesView } from "./routing-ready.ts";

// Module-local aliases: under tsx every use of an imported binding is a getter call, too slow in the hot loop.
const FREE_STATE = FREE;
const altIndexOf = altIndex;
const placeOnMachine = placeSlice;

/** Machine of every free operation and the order of free operations on every machine. */
export interface Sequencing {
  /** Machine of each operation, −1 for done and fixed ones. */
  machineOf: Int32Array;
  /** Free operations per machine, in processing order. */
  seq: number[][];
  /** Position of each free operation in its machine's list. */
  posOf: Int32Array;
  /**
   * Re-planning against a reference (issue 15): 1 for operations that start no earlier than their start in the
   * reference, so that what nothing pushes stays where the shop expects it; the search drops an anchor where
   * starting earlier pays. Absent: none.
   */
  anchored?: Uint8Array;
}

export function cloneSequencing(s: Sequencing): Sequencing {
  const copy: Sequencing = { machineOf: s.machineOf.slice(), seq: s.seq.map((list) => list.slice()), posOf: s.posOf.slice() };
  if (s.anchored !== undefined) copy.anchored = s.anchored.slice();
  return copy;
}

/**
 * Routing neighbours of every operation (−1 at the ends of a job): the last slice of the previous routing
 * operation and the first slice of the next one (their other slices are partFirst … and … partLast).
 */
export function routingLinks(problem: SchedulingProblem): { prevOp: Int32Array; nextOp: Int32Array } {
  const prevOp = new Int32Array(problem.opCount).fill(-1);
  const nextOp = new Int32Array(problem.opCount).fill(-1);
  const rules = problem.rules;
  for (const job of problem.jobs) {
    const end = job.firstOp + job.opCount;
    for (let op = job.firstOp; op < end; op++) {
      const first = rules === null ? op : rules.partFirst[op]!;
      const last = rules === null ? op : rules.partLast[op]!;
      if (first > job.firstOp) prevOp[op] = first - 1;
      if (last + 1 < end) nextOp[op] = last + 1;
    }
  }
  return { prevOp, nextOp };
}

/** Fractions of a minute ordering pooled operations that can start at once: earliest target, then shortest work. */
function poolTies(p: SchedulingProblem, pooled: Uint8Array): Float64Array {
  const shortest = (op: number) => {
    let w = Infinity;
    for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) w = Math.min(w, p.altWork[a]!);
    return w;
  };
  const ops = [...pooled.keys()].filter((op) => pooled[op]);
  ops.sort((a, b) => p.jobs[p.opJob[a]!]!.target - p.jobs[p.opJob[b]!]!.target || shortest(a) - shortest(b) || a - b);
  const tie = new Float64Array(p.opCount);
  ops.forEach((op, rank) => (tie[op] = (0.5 * rank) / ops.length));
  return tie;
}

export class Decoder {
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly changeover: Float64Array;
  /** 1 when the operation's start was set by its machine predecessor's end. */
  readonly machTight: Uint8Array;
  /** 1 when the operation's start was set by its (free) routing predecessor's end plus gap. */
  readonly jobTight: Uint8Array;
  /** The routing predecessor slice whose time set the start (when jobTight). */
  readonly tightPred: Int32Array;
  /** Issue 16: whether each slice continues the part before it on its unit (null without splitting). */
  readonly runs: PartRuns | null;
  /**
   * Earliest end of every operation, raised to keep maximum waits (keep-max-waits.ts); null when the problem
   * has none. Reset by every decode.
   */
  readonly endNotBefore: Float64Array | null;
  /** The job whose maximum wait could not be kept, and the operation whose wait it is, when failure is "max-wait". */
  failedJob = -1;
  failedOp = -1;
  /** Passes the last decode took (more than one to keep maximum waits): its cost in the search's work units. */
  passes = 0;
  /** 1 when the operation's start was set by its anchor (its start in the reference plan). */
  readonly anchorTight: Uint8Array;
  /** Operations that differ from the reference plan (0 without one), after the last successful decode. */
  changes = 0;
  readonly completion: Float64Array;
  readonly prevOp: Int32Array;
  readonly nextOp: Int32Array;
  readonly fixedByMachine: FixedOperation[][];
  readonly freeCount: number;
  /** Work units of one full decode (decode-cost.ts): what the search charges for it. */
  readonly fullCost: number;
  /** Free operations in the topological order of the last successful decode. */
  readonly order: Int32Array;
  /**
   * Tails (computeTails): the longest path from an operation's end to the end of the schedule, for the
   * move estimates of continuous-time problems.
   */
  readonly tail: Float64Array;
  /** The material ledger (null without material). */
  readonly ledger: MaterialLedger | null;
  /** Material: the earliest start its components allowed (−Infinity when it never waited for them). */
  readonly materialReady: Float64Array;
  /** Material: the item the operation last waited for, −1 for none. */
  readonly waitedFor: Int32Array;
  objective: Objective = [];
  /** Why the last decode failed: a cycle in the sequencing, a material deadlock, a calendar horizon too short, a maximum wait not kept. */
  failure: "cycle" | "material" | "horizon" | "max-wait" | null = null;
  private readonly indeg: Int32Array;
  private readonly stack: Int32Array;
  private readonly heap = new BinaryHeap();
  /** Operations waiting for an item that only an order not placed yet can produce, per item. */
  private readonly parked: number[][];
  /**
   * Material: 1 for the operations that may have to wait for material (they consume, and are not KEPT),
   * which the decoder takes in start order; null without material.
   */
  private readonly timed: Uint8Array | null;
  /**
   * Pools (issue 21): 1 for the operations that require pools. They too are taken from the heap in the order
   * of their starts, so that pools go to whoever can start first; at equal starts to the earliest target,
   * then the shortest work (tie, a fraction of a minute added to the key). Null without pools.
   */
  private readonly pooled: Uint8Array | null;
  private readonly tie: Float64Array | null;
  /** Operations taken from the heap: timed or pooled (null when none are). */
  private readonly heaped: Uint8Array | null;
  /** Jobs whose last operation is fixed: their production is known before any decode. */
  private readonly fixedProducers: number[] = [];
  /** Free slices of every job's last routing operation, and those not yet placed in the current decode (material). */
  private readonly lastFree: Int32Array;
  private readonly lastLeft: Int32Array;
  private readonly placement = newPlacement();
  /** The pools' load of the current decode (null without pools). */
  readonly pools: PoolLoad | null;
  /** The batches of the current sequencing (null without batch resources). */
  readonly groups: BatchGroups | null;
  /** The current pass takes only ready members into a batch (decodePass). */
  private dynamicBatches = false;
  private readonly bounds = newReadyBounds();
  private readonly view: TimesView;

  /**
   * @param notBefore earliest start of every operation (re-planning: its start in the current plan); free
   *   operations without a machine in the sequencing are then left out (orders not inserted yet)
   */
  constructor(
    readonly problem: SchedulingProblem,
    readonly notBefore: Float64Array | null = null,
  ) {
    const n = problem.opCount;
    this.start = new Float64Array(n);
    this.end = new Float64Array(n);
    this.changeover = new Float64Array(n);
    this.machTight = new Uint8Array(n);
    this.jobTight = new Uint8Array(n);
    this.tightPred = new Int32Array(n).fill(-1);
    this.runs = newPartRuns(problem);
    this.endNotBefore = problem.rules !== null && problem.rules.waitOps.length > 0 ? new Float64Array(n).fill(-Infinity) : null;
    this.anchorTight = new Uint8Array(problem.stability === null ? 0 : n);
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
    this.fullCost = decodeCost(problem);
    const material = problem.material;
    this.ledger = material === null ? null : new MaterialLedger(material);
    this.materialReady = new Float64Array(material === null ? 0 : n).fill(-Infinity);
    this.waitedFor = new Int32Array(material === null ? 0 : n).fill(-1);
    this.parked = material === null ? [] : material.items.map(() => []);
    this.timed = material === null ? null : Uint8Array.from({ length: n }, (_, op) => (material.consStart[op + 1]! > material.consStart[op]! && material.priority?.opClass[op] !== KEPT ? 1 : 0));
    this.lastFree = new Int32Array(problem.jobs.length);
    this.lastLeft = new Int32Array(problem.jobs.length);
    problem.jobs.forEach((job, j) => {
      const last = job.firstOp + job.opCount - 1;
      for (let op = problem.rules === null ? last : problem.rules.partFirst[last]!; op <= last; op++) if (problem.opState[op] === FREE) this.lastFree[j] = this.lastFree[j]! + 1;
      if (job.opCount > 0 && this.lastFree[j] === 0 && problem.opState[last] === FIXED) this.fixedProducers.push(j);
    });
    this.pools = problem.pools == null ? null : new PoolLoad(problem.pools);
    const pools = problem.pools;
    this.pooled = pools == null ? null : Uint8Array.from({ length: n }, (_, op) => (pools.reqStart[op + 1]! > pools.reqStart[op]! ? 1 : 0));
    this.tie = this.pooled === null ? null : poolTies(problem, this.pooled);
    const timed = this.timed;
    const pooled = this.pooled;
    this.heaped = timed === null ? pooled : pooled === null ? timed : timed.map((t, op) => t | pooled[op]!);
    this.groups = problem.batches == null ? null : new BatchGroups(problem);
    this.view = { start: this.start, end: this.end, changeover: this.changeover, continues: this.runs?.continues ?? null, machineOf: new Int32Array(0), seq: [], posOf: new Int32Array(0) };
  }

  /**
   * Times op on machine m after its machine predecessor and its routing predecessors (all placed) and not
   * before `notBefore`; false when the calendar's horizon is too short. Public for the incremental decoder
   * (incremental-decode.ts), which re-places single operations after bindView(s).
   */
  place(op: number, s: Sequencing, notBefore: number): boolean {
    const p = this.problem;
    const { start, end } = this;
    const state = p.opState;
    const m = s.machineOf[op]!;
    const pos = s.posOf[op]!;
    if (this.groups !== null && this.groups.next[op]! >= 0) {
      if (this.dynamicBatches) this.groups.keepReady(op, this.indeg);
      if (this.groups.next[op]! >= 0) return this.placeGroup(op, s, notBefore);
    }
    const rr = this.bounds;
    if (!routingReady(p, this.prevOp, op, m, this.view, rr)) {
      this.failure = "horizon";
      return false;
    }
    const jobReady = rr.start;
    const mp = pos > 0 ? s.seq[m]![pos - 1]! : -1;
    const machReady = mp >= 0 ? end[mp]! : -Infinity;
    const anchor = s.anchored?.[op] ? p.stability!.refStart[op]! : -Infinity;
    const ready = Math.max(jobReady, machReady, notBefore, this.notBefore === null ? -Infinity : this.notBefore[op]!, anchor);
    const held = this.endNotBefore === null ? -Infinity : this.endNotBefore[op]!;
    const endBound = Math.max(rr.end, held);
    const fixedHere = this.fixedByMachine[m]!;
    const resource = p.resources[p.machineResource[m]!]!;
    const place = this.placement;
    if (fixedHere.length === 0 && resource.calendar === null && resource.changeover === null && p.rules === null) {
      // Fast path of the benchmarks: continuous time, no changeovers, nothing fixed.
      place.start = ready;
      place.end = ready + Math.ceil(p.altWork[altIndexOf(p, op, p.machineResource[m]!)]! - 1e-9);
      place.changeover = 0;
      place.pushedByFixed = false;
      place.boundByEnd = false;
    } else if (!placeOnMachine(p, fixedHere, m, op, mp, ready, machReady, endBound, this.runs, place, this.pools)) {
      this.failure = "horizon";
      return false;
    }
    start[op] = place.start;
    end[op] = place.end;
    this.changeover[op] = place.changeover;
    if (place.boundByEnd) {
      // The end bound set the start: the last predecessor's end is critical, unless a maximum wait held it.
      const pred = rr.endPred;
      this.machTight[op] = 0;
      this.jobTight[op] = !place.pushedByFixed && pred >= 0 && rr.end >= held && state[pred] === FREE_STATE ? 1 : 0;
      this.tightPred[op] = pred;
      if (p.stability !== null) this.anchorTight[op] = 0;
      return true;
    }
    const bound = place.pushedByFixed || ready > Math.max(jobReady, machReady);
    const predFree = rr.startPred >= 0 && state[rr.startPred] === FREE_STATE;
    this.machTight[op] = !bound && mp >= 0 && machReady >= jobReady ? 1 : 0;
    this.jobTight[op] = !bound && predFree && jobReady >= machReady ? 1 : 0;
    this.tightPred[op] = rr.startPred;
    if (p.stability !== null) this.anchorTight[op] = !place.pushedByFixed && anchor === ready && anchor > Math.max(jobReady, machReady, notBefore) ? 1 : 0;
    return true;
  }

  /** Into the heap, keyed by its tentative start (and its tie among pooled operations). */
  private toHeap(op: number): void {
    this.heap.push(this.start[op]! + (this.tie === null ? 0 : this.tie[op]!), op);
  }

  /** Places the batch led by op: every member starts and ends with it (place-batch.ts). */
  private placeGroup(op: number, s: Sequencing, notBefore: number): boolean {
    const ok = placeBatch(this, op, s, notBefore, this.bounds, this.placement);
    if (!ok) this.failure = "horizon";
    return ok;
  }

  /** The ledger emptied of consumption, with the production of orders whose last operation is fixed (null without material). */
  resetLedger(): MaterialLedger | null {
    const ledger = this.ledger;
    if (ledger === null) return null;
    ledger.reset();
    const p = this.problem;
    for (const j of this.fixedProducers) ledger.produce(j, jobEnd(p, p.jobs[j]!, this.end));
    return ledger;
  }

  /** Operations the last decode left waiting for material (a deadlock). */
  stuck(): number[] {
    return this.parked.flat();
  }

  /**
   * Times of every free operation for s; false when s is cyclic, deadlocks on material, runs past a calendar's
   * horizon or cannot keep a maximum wait.
   */
  decode(s: Sequencing): boolean {
    this.passes = 0;
    return this.endNotBefore === null ? this.decodePass(s) : keepMaxWaits(this, s);
  }

  /** One pass of decode with the current endNotBefore (keep-max-waits.ts repeats it). */
  decodePass(s: Sequencing): boolean {
    if (this.decodeWith(s, false)) return true;
    if (this.groups === null || this.failure !== "cycle") return false;
    // Batches read off the sequence can close a cycle that the sequence alone has not (a member waiting on
    // work after another member): then a batch takes only the members ready when its leader is placed.
    return this.decodeWith(s, true);
  }

  /** Points the times view the routing rule reads (routing-ready.ts) at s. */
  bindView(s: Sequencing): void {
    this.view.machineOf = s.machineOf;
    this.view.seq = s.seq;
    this.view.posOf = s.posOf;
  }

  /** One pass; dynamicBatches: a batch leader takes the members of its group that are ready when it is placed. */
  private decodeWith(s: Sequencing, dynamicBatches: boolean): boolean {
    this.dynamicBatches = dynamicBatches;
    const p = this.problem;
    this.passes++;
    this.bindView(s);
    const { indeg, stack, end, prevOp, nextOp } = this;
    const state = p.opState;
    const ledger = this.ledger;
    const heap = this.heap;
    let top = 0;
    let active = this.freeCount;
    const groups = this.groups;
    groups?.build(s);
    const redirect = groups !== null && !dynamicBatches;
    if (this.pools !== null) {
      this.pools.reset();
      for (const f of p.fixed) this.pools.reserve(f.op, f.start, f.end);
    }
    if (groups !== null) for (let op = 0; op < p.opCount; op++) indeg[op] = 0;
    for (let op = 0; op < p.opCount; op++) {
      if (state[op] !== FREE_STATE) continue;
      if (s.machineOf[op]! < 0) {
        active--;
        continue;
      }
      const pred = prevOp[op]!;
      let d = s.posOf[op]! > 0 ? 1 : 0;
      for (let k = pred < 0 || p.rules === null ? pred : p.rules.partFirst[pred]!; k >= 0 && k <= pred; k++) if (state[k] === FREE_STATE) d++;
      if (!redirect) {
        indeg[op] = d;
        if (d === 0) stack[top++] = op;
      } else if (groups!.follows(op)) {
        // A batch's member waits on its leader's count; its unit predecessor is the member before it.
        indeg[groups!.leader[op]!] = indeg[groups!.leader[op]!]! + d - 1;
      } else indeg[op] = indeg[op]! + d;
    }
    if (redirect) for (let op = 0; op < p.opCount; op++) if (state[op] === FREE_STATE && s.machineOf[op]! >= 0 && !groups!.follows(op) && indeg[op] === 0) stack[top++] = op;
    const timed = this.timed;
    const pooled = this.pooled;
    const heaped = this.heaped;
    const consStart = p.material?.consStart;
    if (ledger !== null) {
      this.resetLedger();
      this.lastLeft.set(this.lastFree);
      this.materialReady.fill(-Infinity);
      this.waitedFor.fill(-1);
      for (const list of this.parked) list.length = 0;
    }
    if (heaped !== null) {
      heap.clear();
      // Operations that must wait for material or pools go into the heap, timed; the others stay on the stack.
      let kept = 0;
      for (let k = 0; k < top; k++) {
        const op = stack[k]!;
        if (!heaped[op]) stack[kept++] = op;
        else if (!this.place(op, s, -Infinity)) return false;
        else this.toHeap(op);
      }
      top = kept;
    }
    let processed = 0;
    let totalChangeover = 0;
    for (;;) {
      let op: number;
      if (top > 0) {
        // The stack first: whatever starts before the heap's next operation is placed by then (see the header).
        op = stack[--top]!;
        if (!this.place(op, s, -Infinity)) return false;
        // Kept operations (re-planning) consume without waiting; the rest on the stack consume nothing.
        if (ledger !== null && consStart![op + 1]! > consStart![op]!) ledger.consume(op);
      } else if (heap.size > 0) {
        op = heap.pop()!;
        const at = this.start[op]!;
        const consumes = timed !== null && timed[op] === 1;
        if (consumes && !ledger!.covers(op, at)) {
          const item = ledger!.shortItem;
          this.waitedFor[op] = item;
          const next = ledger!.nextSupply(op, at);
          if (next === Infinity) this.parked[item]!.push(op);
          else {
            this.materialReady[op] = next;
            if (!this.place(op, s, next)) return false;
            this.toHeap(op);
          }
          continue;
        }
        if (pooled?.[op]) {
          // The pools' load has grown since it went in: placed again, and back in if that moves it.
          if (!this.place(op, s, ledger === null ? -Infinity : this.materialReady[op]!)) return false;
          if (this.start[op]! > at) {
            this.toHeap(op);
            continue;
          }
          this.pools!.reserve(op, at, this.end[op]!);
        }
        if (consumes) ledger!.consume(op);
      } else break;
      // A batch's leader brings its members, placed with it: each is released in turn.
      for (; op >= 0; op = groups === null ? -1 : groups.next[op]!) {
        this.order[processed++] = op;
        totalChangeover += this.changeover[op]!;
        const succ = nextOp[op]!;
        if (ledger !== null && succ < 0 && --this.lastLeft[p.opJob[op]!]! === 0) {
          // The order is complete: what it produces is there from its end on, for whoever waits for it.
          const done = jobEnd(p, p.jobs[p.opJob[op]!]!, end);
          const item = ledger.produce(p.opJob[op]!, done);
          if (item >= 0) {
            for (const waiting of this.parked[item]!) {
              this.materialReady[waiting] = done;
              if (!this.place(waiting, s, done)) return false;
              this.toHeap(waiting);
            }
            this.parked[item]!.length = 0;
          }
        }
        const list = s.seq[s.machineOf[op]!]!;
        const pos = s.posOf[op]!;
        const ms = pos + 1 < list.length && (groups === null || groups.next[op]! < 0) ? list[pos + 1]! : -1;
        // Released successors: onto the stack, or timed and into the heap (routing successors first, as ever).
        const succLast = succ < 0 || p.rules === null ? succ : p.rules.partLast[succ]!;
        for (let slice = succ; slice >= 0 && slice <= succLast; slice++) {
          const k = redirect ? groups!.target(slice) : slice;
          if (state[slice] !== FREE_STATE || s.machineOf[slice]! < 0 || --indeg[k]! !== 0) continue;
          if (heaped === null || !heaped[k]) stack[top++] = k;
          else if (!this.place(k, s, -Infinity)) return false;
          else this.toHeap(k);
        }
        if (ms >= 0 && --indeg[ms]! === 0) {
          if (heaped === null || !heaped[ms]) stack[top++] = ms;
          else if (!this.place(ms, s, -Infinity)) return false;
          else this.toHeap(ms);
        }
      }
    }
    if (processed < active) {
      this.failure = this.parked.some((list) => list.length > 0) ? "material" : "cycle";
      return false;
    }
    this.failure = null;
    p.jobs.forEach((job, j) => {
      this.completion[j] = job.opCount > 0 ? jobEnd(p, job, end) : job.earliest;
    });
    this.changes = p.stability === null ? 0 : this.countChanges(s);
    this.objective = objectiveOf(p, this.completion, totalChangeover, this.changes);
    return true;
  }

  /** Free operations of the decoded s that differ from the reference plan. */
  private countChanges(s: Sequencing): number {
    const p = this.problem;
    const stability = p.stability!;
    let changes = 0;
    for (let op = 0; op < p.opCount; op++) {
      if (p.opState[op] === FREE_STATE && s.machineOf[op]! >= 0 && isChanged(stability, op, s.machineOf[op]!, this.start[op]!)) changes++;
    }
    return changes;
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
