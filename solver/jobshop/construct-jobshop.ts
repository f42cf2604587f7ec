/**
 * A first plan by list scheduling (Giffler & Thompson 1960, the non-delay flavour): repeatedly start, among
 * the next operations of all jobs and their machines, the one that would end first. `noise` (0 = none)
 * scales each candidate's end by a random factor in [1, 1 + noise), which gives the elite pool distinct
 * starting plans. Ties go to the job with the most work left (MWKR), then the lower job.
 */
import type { Random } from "../random.ts";
import type { JobShopGraph } from "./disjunctive-graph.ts";

export function constructPlan(graph: JobShopGraph, random: Random, noise: number): void {
  const jobs = graph.jobCount;
  const next = new Int32Array(jobs);
  const jobReady = new Float64Array(jobs);
  const workLeft = new Float64Array(jobs);
  const fastest = new Float64Array(graph.opCount).fill(Infinity);
  const machineReady = new Float64Array(graph.machineCount);
  for (let j = 0, o = 0; j < jobs; j++) {
    next[j] = o;
    for (; o <= graph.jobLast[j]!; o++) {
      for (let a = graph.altStart[o]!; a < graph.altStart[o + 1]!; a++) fastest[o] = Math.min(fastest[o]!, graph.altTime[a]!);
      workLeft[j] = workLeft[j]! + fastest[o]!;
    }
  }
  graph.first.fill(-1);
  graph.last.fill(-1);
  for (let placed = 0; placed < graph.opCount; placed++) {
    let job = -1;
    let alternative = -1;
    let best = Infinity;
    for (let j = 0; j < jobs; j++) {
      const o = next[j]!;
      if (o > graph.jobLast[j]!) continue;
      for (let a = graph.altStart[o]!; a < graph.altStart[o + 1]!; a++) {
        const end = Math.max(jobReady[j]!, machineReady[graph.altMachine[a]!]!) + graph.altTime[a]!;
        const score = noise > 0 ? end * (1 + noise * random.next()) : end;
        if (job < 0 || score < best || (score === best && workLeft[j]! > workLeft[job]!)) (job = j), (alternative = a), (best = score);
      }
    }
    const op = next[job]!;
    const machine = graph.altMachine[alternative]!;
    jobReady[job] = machineReady[machine] = Math.max(jobReady[job]!, machineReady[machine]!) + graph.altTime[alternative]!;
    workLeft[job] = workLeft[job]! - fastest[op]!;
    next[job] = op + 1;
    graph.setAlternative(op, alternative);
    graph.machPrev[op] = graph.machNext[op] = -1;
    graph.linkAfter(op, graph.last[machine]!);
  }
  if (!graph.evaluate()) throw new Error("list scheduling produced a cycle");
}
