/**
 * The N6 neighbourhood of the job shop (Balas & Vazacopoulos 1998; Zhang, Li, Guan & Rao 2007, who named it):
 * inside a critical block, move an operation right after the block's last operation or right before its first
 * one, or move the first (last) operation right after (before) any operation of the block. Adjacent swaps at
 * the block ends are Nowicki & Smutnicki's N5 moves, a subset. A non-adjacent move is kept only when Balas &
 * Vazacopoulos' sufficient condition guarantees an acyclic plan, and never past an operation of the moved
 * operation's own job (a job may visit a machine twice in a flexible job shop).
 *
 * Each move is estimated without evaluating the plan (the "fast estimate"): heads are recomputed along the
 * moved segment in its new order from the job predecessors' current heads, tails likewise backwards, and the
 * estimate is the longest path through the segment. For an adjacent swap on a critical path (N5) it is a
 * lower bound on the new makespan (Taillard 1994: no job neighbour of the pair depends on the pair). For a
 * longer insertion it is an approximation: a job neighbour's head or tail may itself depend on the segment.
 */
import type { JobShopGraph } from "./disjunctive-graph.ts";

/** Moving `op` to alternative `alternative` right after `after` (−1: first on the machine). */
export interface JobShopMove {
  op: number;
  alternative: number;
  after: number;
  estimate: number;
  /** Operations the move puts op behind (forward) or ahead of (backward); empty for a reassignment. */
  passed: number[];
  forward: boolean;
}

/** Scratch for the estimates: the segment in its new order, its new heads, and which operations it holds. */
export class SegmentScratch {
  readonly order: Int32Array;
  readonly heads: Float64Array;
  readonly inSegment: Uint8Array;
  constructor(size: number) {
    this.order = new Int32Array(size);
    this.heads = new Float64Array(size);
    this.inSegment = new Uint8Array(size);
  }
}

/**
 * Longest path through `count` operations run back to back in scratch.order after `pred` and before `succ`
 * (−1: none), from the current heads and tails of everything else. A job neighbour inside the segment (a job
 * that visits the machine twice) is skipped: the machine chain through it already dominates.
 */
export function estimateSegment(graph: JobShopGraph, scratch: SegmentScratch, count: number, pred: number, succ: number): number {
  const { head, tail, time, jobPrev, jobNext } = graph;
  const { order, heads, inSegment } = scratch;
  for (let k = 0; k < count; k++) inSegment[order[k]!] = 1;
  let ready = pred >= 0 ? head[pred]! + time[pred]! : 0;
  for (let k = 0; k < count; k++) {
    const o = order[k]!;
    const jp = jobPrev[o]!;
    const r = jp >= 0 && inSegment[jp] === 0 && head[jp]! + time[jp]! > ready ? head[jp]! + time[jp]! : ready;
    heads[k] = r;
    ready = r + time[o]!;
  }
  let after = succ >= 0 ? time[succ]! + tail[succ]! : 0;
  let longest = 0;
  for (let k = count - 1; k >= 0; k--) {
    const o = order[k]!;
    const jn = jobNext[o]!;
    const q = jn >= 0 && inSegment[jn] === 0 && time[jn]! + tail[jn]! > after ? time[jn]! + tail[jn]! : after;
    if (heads[k]! + time[o]! + q > longest) longest = heads[k]! + time[o]! + q;
    after = time[o]! + q;
  }
  for (let k = 0; k < count; k++) inSegment[order[k]!] = 0;
  return longest;
}

/** block[i] moved right after block[j] (i < j): the segment i…j becomes i+1…j, i. */
function forwardMove(graph: JobShopGraph, scratch: SegmentScratch, block: number[], i: number, j: number): JobShopMove | null {
  const u = block[i]!;
  const v = block[j]!;
  // A later operation of u's own job on this machine: passing it would reverse the route.
  for (let k = i + 1; k <= j; k++) if (graph.job[block[k]!] === graph.job[u]) return null;
  const js = graph.jobNext[u]!;
  if (j > i + 1 && js >= 0 && graph.time[v]! + graph.tail[v]! < graph.time[js]! + graph.tail[js]!) return null;
  for (let k = i + 1; k <= j; k++) scratch.order[k - i - 1] = block[k]!;
  scratch.order[j - i] = u;
  const estimate = estimateSegment(graph, scratch, j - i + 1, graph.machPrev[u]!, graph.machNext[v]!);
  return { op: u, alternative: graph.alt[u]!, after: v, estimate, passed: block.slice(i + 1, j + 1), forward: true };
}

/** block[j] moved right before block[i] (i < j): the segment i…j becomes j, i…j−1. */
function backwardMove(graph: JobShopGraph, scratch: SegmentScratch, block: number[], i: number, j: number): JobShopMove | null {
  const u = block[i]!;
  const v = block[j]!;
  for (let k = i; k < j; k++) if (graph.job[block[k]!] === graph.job[v]) return null;
  const jp = graph.jobPrev[v]!;
  if (j > i + 1 && jp >= 0 && graph.head[u]! + graph.time[u]! < graph.head[jp]! + graph.time[jp]!) return null;
  scratch.order[0] = v;
  for (let k = i; k < j; k++) scratch.order[k - i + 1] = block[k]!;
  const estimate = estimateSegment(graph, scratch, j - i + 1, graph.machPrev[u]!, graph.machNext[v]!);
  return { op: v, alternative: graph.alt[v]!, after: graph.machPrev[u]!, estimate, passed: block.slice(i, j), forward: false };
}

/** The N6 moves of the critical blocks (each distinct move once). */
export function n6Moves(graph: JobShopGraph, scratch: SegmentScratch, blocks: number[][]): JobShopMove[] {
  const moves: JobShopMove[] = [];
  const keep = (move: JobShopMove | null) => move !== null && moves.push(move);
  for (const block of blocks) {
    const last = block.length - 1;
    if (last < 1) continue;
    for (let i = 0; i < last; i++) keep(forwardMove(graph, scratch, block, i, last));
    for (let j = 1; j < last; j++) keep(forwardMove(graph, scratch, block, 0, j));
    // Adjacent backward moves are the forward swaps above.
    for (let j = 2; j <= last; j++) keep(backwardMove(graph, scratch, block, 0, j));
    for (let i = 1; i < last - 1; i++) keep(backwardMove(graph, scratch, block, i, last));
  }
  return moves;
}
