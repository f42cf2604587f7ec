/**
 * Re-evaluation of a move inside one machine's order without a full pass over the graph (in the spirit of
 * the topological-order updates of Nowicki & Smutnicki's i-TSAB and Zhang et al.'s TS/SA). Moving op inside
 * its machine's order changes arcs only between operations of the topological interval I that spans the
 * moved segment, so:
 *
 * - the topological order is repaired inside I alone: on a forward move (op goes later, behind `after`) the
 *   operations of I that op now reaches move behind the others; on a backward move (op goes earlier) the
 *   operations of I that now reach op move in front. If op reaches the operation it now follows (forward),
 *   or is reached by the one it now precedes (backward), the move closed a cycle, which only zero processing
 *   times allow: the move is undone and reported.
 * - heads are recomputed forwards from I and tails backwards, each only where a predecessor's head (a
 *   successor's tail) or the arc set changed, stopping as soon as nothing is left to propagate.
 *
 * The result is exactly what JobShopGraph.evaluate() computes (the tests compare the two on random moves);
 * the work is proportional to the operations touched, which the search counts as its work units.
 */
import type { JobShopGraph } from "./disjunctive-graph.ts";

/** Scratch arrays of one search, one entry per operation: reach marks, pending updates, a stack, a buffer. */
export interface IncrementalScratch {
  mark: Uint8Array;
  dirty: Uint8Array;
  stack: Int32Array;
  buffer: Int32Array;
}

export function incrementalScratch(size: number): IncrementalScratch {
  return { mark: new Uint8Array(size), dirty: new Uint8Array(size), stack: new Int32Array(size), buffer: new Int32Array(size) };
}

/**
 * Marks the operations of topological positions lo…hi that `from` reaches (forward: along successors;
 * otherwise along predecessors); returns how many, or −1 when `target` is among them (a cycle; marks cleared).
 */
function markReach(graph: JobShopGraph, scratch: IncrementalScratch, from: number, target: number, lo: number, hi: number, forward: boolean): number {
  const { mark, stack } = scratch;
  const next1 = forward ? graph.jobNext : graph.jobPrev;
  const next2 = forward ? graph.machNext : graph.machPrev;
  const { position, topo } = graph;
  let top = 0;
  let count = 0;
  const push = (x: number) => {
    if (x < 0 || mark[x] === 1 || position[x]! < lo || position[x]! > hi) return;
    mark[x] = 1;
    stack[top++] = x;
  };
  push(from);
  while (top > 0) {
    const o = stack[--top]!;
    count++;
    push(next1[o]!);
    push(next2[o]!);
  }
  if (mark[target] === 1) {
    for (let p = lo; p <= hi; p++) mark[topo[p]!] = 0;
    return -1;
  }
  return count;
}

/** Reorders positions lo…hi: unmarked then marked (forward) or marked then unmarked, each in its old order. */
function reorder(graph: JobShopGraph, scratch: IncrementalScratch, lo: number, hi: number, markedLast: boolean): void {
  const { topo, position } = graph;
  const { mark, buffer } = scratch;
  let k = lo;
  for (const wanted of markedLast ? [0, 1] : [1, 0]) {
    for (let p = lo; p <= hi; p++) if (mark[topo[p]!] === wanted) buffer[k++] = topo[p]!;
  }
  for (let p = lo; p <= hi; p++) {
    const o = buffer[p]!;
    topo[p] = o;
    position[o] = p;
    mark[o] = 0;
  }
}

/**
 * Moves op right after `after` (−1: first) on its own machine and re-evaluates the plan. Returns the number of
 * operations touched (the work done), or −1 when the move would close a cycle (the plan is then unchanged).
 */
export function shiftOnMachine(graph: JobShopGraph, scratch: IncrementalScratch, op: number, after: number): number {
  const { position, machNext, machPrev } = graph;
  const oldPrev = machPrev[op]!;
  if (after === oldPrev) return 0;
  const oldNext = machNext[op]!;
  const forward = after >= 0 && position[after]! > position[op]!;
  // Backward: op goes in front of `before`, which comes earlier in the order.
  const before = after >= 0 ? machNext[after]! : graph.first[graph.machine[op]!]!;
  const lo = forward ? position[op]! : position[before]!;
  const hi = forward ? position[after]! : position[op]!;
  graph.unlink(op);
  graph.linkAfter(op, after);
  const marked = forward ? markReach(graph, scratch, op, after, lo, hi, true) : markReach(graph, scratch, op, before, lo, hi, false);
  if (marked < 0) {
    graph.unlink(op);
    graph.linkAfter(op, oldPrev);
    return -1;
  }
  reorder(graph, scratch, lo, hi, forward);
  const heads = propagate(graph, scratch, [oldNext, op, machNext[op]!], lo, true);
  const tails = propagate(graph, scratch, [oldPrev, op, machPrev[op]!], hi, false);
  graph.makespan = graph.makespanFromHeads();
  return marked + (hi - lo + 1) + heads + tails;
}

/**
 * Recomputes heads (forward, from position `from` on) or tails (backward, from `from` down) of the `seeds`,
 * whose arcs changed, and of every operation a changed value reaches; returns how many were recomputed.
 */
function propagate(graph: JobShopGraph, scratch: IncrementalScratch, seeds: number[], from: number, forward: boolean): number {
  const { topo, time } = graph;
  // A head is the latest end of the predecessors; a tail the longest time + tail of the successors.
  const values = forward ? graph.head : graph.tail;
  const [in1, in2] = forward ? [graph.jobPrev, graph.machPrev] : [graph.jobNext, graph.machNext];
  const [out1, out2] = forward ? [graph.jobNext, graph.machNext] : [graph.jobPrev, graph.machPrev];
  const { dirty } = scratch;
  let pending = 0;
  const touch = (o: number) => {
    if (o >= 0 && dirty[o] === 0) (dirty[o] = 1), pending++;
  };
  for (const o of seeds) touch(o);
  let touched = 0;
  const step = forward ? 1 : -1;
  for (let k = from; pending > 0; k += step) {
    const o = topo[k]!;
    if (dirty[o] === 0) continue;
    dirty[o] = 0;
    pending--;
    touched++;
    const a = in1[o]!;
    const b = in2[o]!;
    let value = a >= 0 ? values[a]! + time[a]! : 0;
    if (b >= 0 && values[b]! + time[b]! > value) value = values[b]! + time[b]!;
    if (value === values[o]) continue;
    values[o] = value;
    touch(out1[o]!);
    touch(out2[o]!);
  }
  return touched;
}
