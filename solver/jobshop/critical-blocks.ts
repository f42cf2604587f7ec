/**
 * One critical path of an evaluated plan, cut into critical blocks: maximal runs of consecutive path
 * operations on one machine (Grabowski, Nowicki & Smutnicki 1986). Only moves inside or between the ends of
 * blocks can shorten the makespan, which is why the neighbourhoods are built from them. Where the path can
 * continue on the machine or in the job, the choice is random, so that repeated calls see different paths.
 */
import type { Random } from "../random.ts";
import type { JobShopGraph } from "./disjunctive-graph.ts";

/** The blocks in path order, each the operations in machine order (single operations included). */
export function criticalBlocks(graph: JobShopGraph, random: Random): number[][] {
  const { head, tail, time, machNext, jobNext, makespan } = graph;
  const slack = 1e-9 * Math.max(1, makespan);
  const critical = (o: number) => head[o]! + time[o]! + tail[o]! >= makespan - slack;
  // Every critical path can be traced back to a source (first in its job and on its machine), so the path
  // starts at a random critical source: a look at each machine's first operation, not at every operation.
  let start = -1;
  let seen = 0;
  for (let m = 0; m < graph.machineCount; m++) {
    const o = graph.first[m]!;
    if (o >= 0 && graph.jobPrev[o]! < 0 && critical(o) && random.int(++seen) === 0) start = o;
  }
  const blocks: number[][] = [];
  let block: number[] = [];
  for (let o = start; o >= 0; ) {
    block.push(o);
    const end = head[o]! + time[o]!;
    const m = machNext[o]!;
    const j = jobNext[o]!;
    const onMachine = m >= 0 && Math.abs(head[m]! - end) <= slack && critical(m);
    const onJob = j >= 0 && Math.abs(head[j]! - end) <= slack && critical(j);
    const next = onMachine && (!onJob || random.int(2) === 0) ? m : onJob ? j : -1;
    if (next !== m) {
      blocks.push(block);
      block = [];
    }
    o = next;
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}
