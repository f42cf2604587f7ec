/**
 * Critical operations and critical blocks of a decoded schedule. For makespan the critical path ends at the
 * last completion; for weighted tardiness it is the critical tree, the union of the critical paths of all
 * late orders (Kreipl 2000; Bierwirth & Kuhpfahl 2017), and with no order late the paths of every order
 * (the sum of completion times). A path is traced backwards through the "tight" links the decoder recorded:
 * the predecessor (routing or machine) whose end set the operation's start.
 * A critical block is a maximal run of critical operations on one machine joined by tight machine links;
 * the classic neighbourhoods (van Laarhoven et al. 1992, Nowicki & Smutnicki 1996) only move operations
 * inside blocks, because no other swap can shorten a critical path.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { firstGoal } from "./objective.ts";
import { FREE } from "./problem.ts";

/** One block: the free operations seq[machine][first … last]. */
export interface CriticalBlock {
  machine: number;
  first: number;
  last: number;
}

export interface CriticalPaths {
  /** 1 for operations on a critical path. */
  critical: Uint8Array;
  /** The critical operations, in discovery order. */
  ops: number[];
  blocks: CriticalBlock[];
}

/** Jobs whose completion the objective's first non-optimal component depends on. */
function targetJobs(decoder: Decoder): number[] {
  const p = decoder.problem;
  const jobs: number[] = [];
  if (p.objective === "makespan") {
    let last = -Infinity;
    for (let j = 0; j < p.jobs.length; j++) last = Math.max(last, decoder.completion[j]!);
    for (let j = 0; j < p.jobs.length; j++) if (decoder.completion[j] === last) jobs.push(j);
    return jobs;
  }
  const limit = p.stability?.harmLimit ?? null;
  // Protecting confirmed orders: the harmed ones first, while there are any.
  if (limit !== null && decoder.objective[0]! > 0) {
    p.jobs.forEach((_, j) => decoder.completion[j]! > limit[j]! && jobs.push(j));
    return jobs;
  }
  const late = decoder.objective[firstGoal(p)]! > 0;
  p.jobs.forEach((job, j) => {
    if (!late || (job.weight > 0 && decoder.completion[j]! > job.target)) jobs.push(j);
  });
  return jobs;
}

export function criticalPaths(decoder: Decoder, s: Sequencing, critical: Uint8Array): CriticalPaths {
  const p = decoder.problem;
  critical.fill(0);
  const ops: number[] = [];
  const stack: number[] = [];
  for (const j of targetJobs(decoder)) {
    const job = p.jobs[j]!;
    let last = job.firstOp + job.opCount - 1;
    // The slice of the last routing operation that ends last ends the job.
    if (p.rules !== null) for (let op = p.rules.partFirst[last]!; op < last; op++) if (decoder.end[op]! > decoder.end[last]!) last = op;
    if (job.opCount === 0 || p.opState[last] !== FREE || critical[last]) continue;
    critical[last] = 1;
    stack.push(last);
    while (stack.length > 0) {
      const op = stack.pop()!;
      ops.push(op);
      if (decoder.jobTight[op]) {
        const pred = decoder.tightPred[op]!;
        if (!critical[pred]) (critical[pred] = 1), stack.push(pred);
      }
      if (decoder.machTight[op]) {
        const pred = s.seq[s.machineOf[op]!]![s.posOf[op]! - 1]!;
        if (!critical[pred]) (critical[pred] = 1), stack.push(pred);
      }
    }
  }
  const blocks: CriticalBlock[] = [];
  for (const op of ops) {
    const m = s.machineOf[op]!;
    const list = s.seq[m]!;
    const pos = s.posOf[op]!;
    const startsBlock = !decoder.machTight[op] || !critical[list[pos - 1]!];
    if (!startsBlock) continue;
    let last = pos;
    while (last + 1 < list.length && critical[list[last + 1]!] && decoder.machTight[list[last + 1]!]) last++;
    if (last > pos) blocks.push({ machine: m, first: pos, last });
  }
  return { critical, ops, blocks };
}
