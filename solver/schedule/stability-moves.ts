/**
 * Moves of re-planning against a reference plan (issue 15), beside the critical-block moves:
 * - drop the anchor of a critical operation whose start its anchor set (it could start earlier: work done
 *   early, an order removed, capacity freed), the only move that can shorten such a path;
 * - restore a changed operation: back onto its reference unit, at the place its reference start gives it in
 *   that unit's queue, anchored again, the only move that lowers the number of changes the critical paths
 *   (which follow lateness and completion times) never point at.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { altIndex, FREE, isChanged } from "./problem.ts";
import type { Relocation } from "./relocate.ts";
import type { Random } from "../random.ts";

/** Position at which op, taken out of its own list, enters machine m's list by a start (its reference start here). */
export function positionByStart(decoder: Decoder, s: Sequencing, op: number, m: number, refStart: number): number {
  const list = s.seq[m]!;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (decoder.start[list[mid]!]! < refStart) lo = mid + 1;
    else hi = mid;
  }
  // The binary search counted op itself when it sits before that point in the same list.
  return s.machineOf[op] === m && s.posOf[op]! < lo ? lo - 1 : lo;
}

/** Appends to `out` the anchor drops of the critical operations `ops` and up to `restores` restoring moves. */
export function stabilityMoves(decoder: Decoder, s: Sequencing, ops: readonly number[], random: Random, restores: number, out: Relocation[]): void {
  const p = decoder.problem;
  const stability = p.stability!;
  const anchored = s.anchored!;
  for (const op of ops) if (anchored[op] && decoder.anchorTight[op]) out.push({ op, machine: s.machineOf[op]!, pos: s.posOf[op]!, anchor: 0 });
  if (restores <= 0 || decoder.changes === 0) return;
  // Reservoir sample of the changed operations that can go back to their reference unit.
  const picked: number[] = [];
  let seen = 0;
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] !== FREE || s.machineOf[op]! < 0 || !isChanged(stability, op, s.machineOf[op]!, decoder.start[op]!)) continue;
    const m = stability.refMachine[op]!;
    if (altIndex(p, op, p.machineResource[m]!) < 0) continue;
    seen++;
    if (picked.length < restores) picked.push(op);
    else {
      const k = random.int(seen);
      if (k < restores) picked[k] = op;
    }
  }
  for (const op of picked) {
    const m = stability.refMachine[op]!;
    const pos = positionByStart(decoder, s, op, m, stability.refStart[op]!);
    if (m === s.machineOf[op] && pos === s.posOf[op] && anchored[op]) continue;
    out.push({ op, machine: m, pos, anchor: 1 });
  }
}
