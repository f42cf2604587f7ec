/**
 * The disjunctive graph of a (flexible) job shop (Roy & Sussmann 1964; Balas 1969): one node per operation,
 * job arcs in route order, machine arcs in the order each machine runs its operations. A plan is an
 * alternative per operation and an order per machine; its semi-active schedule starts every operation at
 * its head (longest path from the source), and the makespan is the longest path. Heads and tails come from
 * one topological pass (Kahn 1962), which also detects a cycle (an order no schedule can follow).
 *
 * Everything is flat typed arrays, because the tabu search evaluates a plan hundreds of thousands of times.
 */
import type { JobShopInstance } from "./instance.ts";

/** A plan, copied out of a graph: alternative per operation, the machine lists, and its makespan. */
export interface JobShopPlan {
  alt: Int32Array;
  machPrev: Int32Array;
  machNext: Int32Array;
  first: Int32Array;
  last: Int32Array;
  makespan: number;
}

export class JobShopGraph {
  readonly opCount: number;
  readonly machineCount: number;
  readonly jobCount: number;
  /** Job of each operation. */
  readonly job: Int32Array;
  /** Job predecessor / successor of each operation, −1 at the ends of a route. */
  readonly jobPrev: Int32Array;
  readonly jobNext: Int32Array;
  /** Alternatives of operation o: altStart[o] … altStart[o+1]−1, each a machine and a processing time. */
  readonly altStart: Int32Array;
  readonly altMachine: Int32Array;
  readonly altTime: Float64Array;
  /** The last operation of each job (its completion is the job's), −1 for a job without operations. */
  readonly jobLast: Int32Array;

  /** Current plan: chosen alternative, its machine and time, and the machine lists (−1 = none). */
  readonly alt: Int32Array;
  readonly machine: Int32Array;
  readonly time: Float64Array;
  readonly machPrev: Int32Array;
  readonly machNext: Int32Array;
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** After evaluate(): earliest start (head), longest path after the end (tail), makespan. */
  readonly head: Float64Array;
  readonly tail: Float64Array;
  makespan = 0;
  /** After evaluate(): a topological order of the operations and each one's index in it (kept up to date by
   * incremental-evaluation.ts, which re-evaluates a move without a full pass). */
  readonly topo: Int32Array;
  readonly position: Int32Array;
  private readonly indegree: Int32Array;

  constructor(instance: JobShopInstance) {
    const ops = instance.jobs.flat();
    const n = ops.length;
    this.opCount = n;
    this.machineCount = instance.machineCount;
    this.jobCount = instance.jobs.length;
    this.job = new Int32Array(n);
    this.jobPrev = new Int32Array(n).fill(-1);
    this.jobNext = new Int32Array(n).fill(-1);
    this.jobLast = new Int32Array(instance.jobs.length);
    let op = 0;
    instance.jobs.forEach((job, j) => {
      for (let k = 0; k < job.length; k++, op++) {
        this.job[op] = j;
        if (k > 0) this.jobPrev[op] = op - 1;
        if (k < job.length - 1) this.jobNext[op] = op + 1;
      }
      this.jobLast[j] = job.length > 0 ? op - 1 : -1;
    });
    this.altStart = new Int32Array(n + 1);
    ops.forEach((alternatives, o) => (this.altStart[o + 1] = this.altStart[o]! + alternatives.length));
    this.altMachine = Int32Array.from(ops.flatMap((a) => a.map((x) => x.machine)));
    this.altTime = Float64Array.from(ops.flatMap((a) => a.map((x) => x.time)));
    this.alt = new Int32Array(n);
    this.machine = new Int32Array(n);
    this.time = new Float64Array(n);
    this.machPrev = new Int32Array(n).fill(-1);
    this.machNext = new Int32Array(n).fill(-1);
    this.first = new Int32Array(this.machineCount).fill(-1);
    this.last = new Int32Array(this.machineCount).fill(-1);
    this.head = new Float64Array(n);
    this.tail = new Float64Array(n);
    this.topo = new Int32Array(n);
    this.position = new Int32Array(n);
    this.indegree = new Int32Array(n);
  }

  /** Sets operation op's alternative (its machine and time); the machine lists are the caller's business. */
  setAlternative(op: number, alternative: number): void {
    this.alt[op] = alternative;
    this.machine[op] = this.altMachine[alternative]!;
    this.time[op] = this.altTime[alternative]!;
  }

  /** Takes op out of its machine's list. */
  unlink(op: number): void {
    const m = this.machine[op]!;
    const p = this.machPrev[op]!;
    const s = this.machNext[op]!;
    if (p >= 0) this.machNext[p] = s;
    else this.first[m] = s;
    if (s >= 0) this.machPrev[s] = p;
    else this.last[m] = p;
    this.machPrev[op] = this.machNext[op] = -1;
  }

  /** Puts an unlinked op on its (current) machine right after `after` (−1: first). */
  linkAfter(op: number, after: number): void {
    const m = this.machine[op]!;
    const s = after >= 0 ? this.machNext[after]! : this.first[m]!;
    this.machPrev[op] = after;
    this.machNext[op] = s;
    if (after >= 0) this.machNext[after] = op;
    else this.first[m] = op;
    if (s >= 0) this.machPrev[s] = op;
    else this.last[m] = op;
  }

  /** Moves op to alternative `alternative`, right after `after` on that alternative's machine (−1: first). */
  move(op: number, alternative: number, after: number): void {
    this.unlink(op);
    this.setAlternative(op, alternative);
    this.linkAfter(op, after);
  }

  /** Heads, tails and makespan of the current plan; false when its orders contain a cycle. */
  evaluate(): boolean {
    const { opCount: n, jobPrev, jobNext, machPrev, machNext, head, tail, time, topo, indegree } = this;
    let top = 0;
    // topo doubles as the stack of ready operations: entries below `done` are final, above are pending.
    for (let o = 0; o < n; o++) {
      indegree[o] = (jobPrev[o]! >= 0 ? 1 : 0) + (machPrev[o]! >= 0 ? 1 : 0);
      head[o] = 0;
    }
    for (let o = 0; o < n; o++) if (indegree[o] === 0) topo[top++] = o;
    let done = 0;
    let makespan = 0;
    while (done < top) {
      const o = topo[done++]!;
      const end = head[o]! + time[o]!;
      if (end > makespan) makespan = end;
      const j = jobNext[o]!;
      if (j >= 0) {
        if (head[j]! < end) head[j] = end;
        if ((indegree[j] = indegree[j]! - 1) === 0) topo[top++] = j;
      }
      const m = machNext[o]!;
      if (m >= 0) {
        if (head[m]! < end) head[m] = end;
        if ((indegree[m] = indegree[m]! - 1) === 0) topo[top++] = m;
      }
    }
    if (done < n) return false;
    for (let k = n - 1; k >= 0; k--) {
      const o = topo[k]!;
      this.position[o] = k;
      const j = jobNext[o]!;
      const m = machNext[o]!;
      const viaJob = j >= 0 ? time[j]! + tail[j]! : 0;
      const viaMachine = m >= 0 ? time[m]! + tail[m]! : 0;
      tail[o] = viaJob > viaMachine ? viaJob : viaMachine;
    }
    this.makespan = makespan;
    return true;
  }

  /** The makespan from the heads: the latest end of a job's last operation (every path ends at one). */
  makespanFromHeads(): number {
    let makespan = 0;
    for (const o of this.jobLast) if (o >= 0 && this.head[o]! + this.time[o]! > makespan) makespan = this.head[o]! + this.time[o]!;
    return makespan;
  }

  /** Sum of the jobs' completion times (the tie-break between plans of equal makespan); after evaluate(). */
  completionSum(): number {
    let sum = 0;
    for (const o of this.jobLast) if (o >= 0) sum += this.head[o]! + this.time[o]!;
    return sum;
  }

  snapshot(): JobShopPlan {
    return { alt: this.alt.slice(), machPrev: this.machPrev.slice(), machNext: this.machNext.slice(), first: this.first.slice(), last: this.last.slice(), makespan: this.makespan };
  }

  /** Loads a plan and evaluates it (a snapshot always evaluates: it was acyclic when taken). */
  restore(plan: JobShopPlan): void {
    for (let o = 0; o < this.opCount; o++) this.setAlternative(o, plan.alt[o]!);
    this.machPrev.set(plan.machPrev);
    this.machNext.set(plan.machNext);
    this.first.set(plan.first);
    this.last.set(plan.last);
    if (!this.evaluate()) throw new Error("a stored job-shop plan has a cycle");
  }

  /**
   * Loads the plan that runs every machine's operations in ascending `key` (ties: earlier in the route, then
   * lower index), operation o on alternative alt[o]. Keys that grow along every route give an acyclic plan:
   * every arc then points forward in one total order.
   */
  loadByKeys(alt: ArrayLike<number>, key: ArrayLike<number>): void {
    const n = this.opCount;
    const rank = new Int32Array(n);
    for (let o = 0; o < n; o++) rank[o] = this.jobPrev[o]! >= 0 ? rank[this.jobPrev[o]!]! + 1 : 0;
    const order = Array.from({ length: n }, (_, o) => o).sort((a, b) => key[a]! - key[b]! || rank[a]! - rank[b]! || a - b);
    this.first.fill(-1);
    this.last.fill(-1);
    for (const o of order) {
      this.setAlternative(o, alt[o]!);
      this.machPrev[o] = this.machNext[o] = -1;
      this.linkAfter(o, this.last[this.machine[o]!]!);
    }
    if (!this.evaluate()) throw new Error("keys that grow along every route gave a cycle");
  }
}
