/**
 * The tabu search's neighbourhood (tabu-search.ts) on the critical tree of the decoded schedule
 * (critical-path.ts): the moves at the ends of critical blocks (Nowicki & Smutnicki 1996, with the block
 * insertions of Dell'Amico & Trubian 1993), the blocks' interior swaps, reassignments of critical operations to
 * other units (Mastrolilli & Gambardella 2000), material moves (material-moves.ts) and, against a reference
 * plan, stability moves (stability-moves.ts).
 */
import { criticalPaths } from "./critical-path.ts";
import type { CriticalBlock } from "./critical-path.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { materialMoves } from "./material-moves.ts";
import type { SchedulingProblem } from "./problem.ts";
import type { Relocation } from "./relocate.ts";
import { stabilityMoves } from "./stability-moves.ts";
import type { Random } from "../random.ts";

const MAX_MACHINES_PER_REASSIGNMENT = 6;

/** Keeps `count` entries of list chosen at random (partial Fisher–Yates shuffle). */
function sample<T>(list: T[], count: number, random: Random): T[] {
  if (list.length <= count) return list;
  for (let k = 0; k < count; k++) {
    const pick = k + random.int(list.length - k);
    [list[k], list[pick]] = [list[pick]!, list[k]!];
  }
  list.length = count;
  return list;
}

/**
 * The moves after the block ends: the blocks' interior swaps (for sums of completion times, where they count
 * too), then the reassignments (operation, unit pairs in `reassign`) at the position of the operation's start.
 */
function otherMoves(decoder: Decoder, s: Sequencing, blocks: readonly CriticalBlock[], reassign: readonly number[]): Relocation[] {
  const extra: Relocation[] = [];
  if (decoder.problem.objective !== "makespan") {
    for (const { machine, first, last } of blocks) for (let i = first + 1; i < last - 1; i++) extra.push({ op: s.seq[machine]![i + 1]!, machine, pos: i });
  }
  for (let k = 0; k < reassign.length; k += 2) {
    const op = reassign[k]!;
    const machine = reassign[k + 1]!;
    const list = s.seq[machine]!;
    let lo = 0;
    let hi = list.length;
    const t = decoder.start[op]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (decoder.start[list[mid]!]! < t) lo = mid + 1;
      else hi = mid;
    }
    extra.push({ op, machine, pos: lo });
  }
  return extra;
}

/**
 * Whether sampling the other units of any operation for its reassignments is a draw-free identity: no
 * operation has more than MAX_MACHINES_PER_REASSIGNMENT other units. Then, without material, the loop over the
 * critical operations has no effect when the block ends fill the neighbourhood, and is skipped.
 */
export function fewUnits(p: SchedulingProblem): boolean {
  for (let op = 0; op < p.opCount; op++) {
    let units = 0;
    for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) units += p.resources[p.altResource[a]!]!.units;
    if (units > MAX_MACHINES_PER_REASSIGNMENT + 1) return false;
  }
  return true;
}

/**
 * Candidate moves on the critical blocks and critical operations of the current (decoded) schedule, at most
 * `limit`: the block-end moves first (few, and the ones that can shorten a critical path), then a sample of
 * the others (otherMoves), built only when the block ends leave room for them: on the 50,000-operation plant
 * (3,500 critical operations in 66 blocks) they never do, and building thousands of moves with a binary search
 * each every iteration was wasted. Their units are still sampled here, in the same order, so the random draws
 * stay the same; where that draws nothing (drawless: fewUnits) and there is no material, the loop is skipped.
 */
export function neighbourhood(decoder: Decoder, s: Sequencing, critical: Uint8Array, random: Random, limit: number, drawless: boolean): Relocation[] {
  const p = decoder.problem;
  const { blocks, ops } = criticalPaths(decoder, s, critical);
  const core: Relocation[] = [];
  const reassign: number[] = [];
  const choices: number[] = [];
  // Moves that let an operation take scarce material first: the only ones that can help an order whose chain
  // ends waiting for material, so they go first (sampled only when they alone fill the neighbourhood).
  const material: Relocation[] = [];
  for (const { machine, first, last } of blocks) {
    const list = s.seq[machine]!;
    core.push({ op: list[first + 1]!, machine, pos: first });
    if (last > first + 1) {
      core.push({ op: list[last]!, machine, pos: last - 1 });
      core.push({ op: list[last]!, machine, pos: first });
      core.push({ op: list[first]!, machine, pos: last });
    }
  }
  // Nothing the loop below finds would be kept, and it would draw nothing: skip it.
  const kept = p.material !== null || !drawless || core.length < limit;
  for (let k = 0; kept && k < ops.length; k++) {
    const op = ops[k]!;
    // Enough to sample from: on a large plant many critical operations wait for material.
    if (material.length < 2 * limit) materialMoves(decoder, s, op, material);
    choices.length = 0;
    for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
      const r = p.resources[p.altResource[a]!]!;
      for (let u = 0; u < r.units; u++) if (r.firstMachine + u !== s.machineOf[op]) choices.push(r.firstMachine + u);
    }
    for (const machine of sample(choices, MAX_MACHINES_PER_REASSIGNMENT, random)) reassign.push(op, machine);
  }
  if (p.stability !== null && s.anchored !== undefined) stabilityMoves(decoder, s, ops, random, Math.ceil(limit / 4), core);
  if (material.length >= limit) return sample(material, limit, random);
  const room = limit - material.length;
  if (core.length >= room) return material.concat(sample(core, room, random));
  return material.concat(core, sample(otherMoves(decoder, s, blocks, reassign), room - core.length, random));
}
