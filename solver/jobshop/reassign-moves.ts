/**
 * Reassignment moves of the flexible job shop (Mastrolilli & Gambardella 2000): take a critical operation
 * off its machine and insert it on another of its machines, at the position with the best estimate among
 * those that cannot close a cycle. From the current heads and tails (taken with the operation still in
 * place, so they can only be too large): inserting o between a and b is acyclic when a does not come after
 * o's job successor (head(a) < head(js)) and b does not come before o's job predecessor (tail(b) + time(b) <
 * tail(jp) + time(jp)). The estimate is head + time + tail of o in its new place: an upper bound on the
 * longest path through o afterwards, not on the makespan, which other paths may set.
 */
import type { JobShopGraph } from "./disjunctive-graph.ts";
import type { JobShopMove } from "./n6-moves.ts";

/** Positions scanned so far, for the search's work count. */
export interface ScanCount {
  positions: number;
}

/** The best insertion of `op` on the machine of alternative `alternative`, or null when none is safe. */
export function bestInsertion(graph: JobShopGraph, op: number, alternative: number, scanned: ScanCount): JobShopMove | null {
  const { head, tail, time, jobPrev, jobNext, machNext } = graph;
  const machine = graph.altMachine[alternative]!;
  const jp = jobPrev[op]!;
  const js = jobNext[op]!;
  const jobReady = jp >= 0 ? head[jp]! + time[jp]! : 0;
  const jobAfter = js >= 0 ? time[js]! + tail[js]! : 0;
  const latestHead = js >= 0 ? head[js]! : Infinity;
  const tailLimit = jp >= 0 ? tail[jp]! + time[jp]! : Infinity;
  let best: JobShopMove | null = null;
  // Positions on the machine: after a (−1: first), before b = the operation after a (−1: last).
  for (let a = -1, b = graph.first[machine]!; ; a = b, b = machNext[b]!) {
    scanned.positions++;
    if (a >= 0 && head[a]! >= latestHead) break; // every later a comes after the successor too
    if (b < 0 || tail[b]! + time[b]! < tailLimit) {
      const ready = a >= 0 && head[a]! + time[a]! > jobReady ? head[a]! + time[a]! : jobReady;
      const after = b >= 0 && time[b]! + tail[b]! > jobAfter ? time[b]! + tail[b]! : jobAfter;
      const estimate = ready + graph.altTime[alternative]! + after;
      if (best === null || estimate < best.estimate) best = { op, alternative, after: a, estimate, passed: [], forward: false };
    }
    if (b < 0) break;
  }
  return best;
}

/** Adds to `moves` each critical operation's best insertion on each of its other machines. */
export function reassignMoves(graph: JobShopGraph, blocks: number[][], moves: JobShopMove[], scanned: ScanCount): void {
  for (const block of blocks) {
    for (const op of block) {
      for (let a = graph.altStart[op]!; a < graph.altStart[op + 1]!; a++) {
        if (graph.altMachine[a] === graph.machine[op]) continue;
        const move = bestInsertion(graph, op, a, scanned);
        if (move !== null) moves.push(move);
      }
    }
  }
}
