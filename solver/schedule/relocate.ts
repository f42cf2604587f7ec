/**
 * The one move of the local search: take a free operation out of its machine's list and insert it into a
 * machine's list (the same or another unit) at a position. An adjacent swap, a block insertion and a
 * reassignment to another unit or alternative resource are all relocations. Re-planning against a reference
 * (issue 15) may also set or drop the operation's anchor (Sequencing.anchored) in the same move.
 */
import type { Sequencing } from "./decode-schedule.ts";

export interface Relocation {
  op: number;
  machine: number;
  /** Position in the target list after the operation has been removed from its own. */
  pos: number;
  /** 1: anchor it to its reference start, 0: drop the anchor; absent: leave it. */
  anchor?: number;
}

/** Applies the relocation and returns the one that undoes it. */
export function relocate(s: Sequencing, move: Relocation): Relocation {
  const { op, machine, pos } = move;
  const from = s.machineOf[op]!;
  const fromPos = s.posOf[op]!;
  const source = s.seq[from]!;
  const target = s.seq[machine]!;
  if (from === machine) {
    if (pos < fromPos) {
      for (let i = fromPos; i > pos; i--) {
        source[i] = source[i - 1]!;
        s.posOf[source[i]!] = i;
      }
    } else {
      for (let i = fromPos; i < pos; i++) {
        source[i] = source[i + 1]!;
        s.posOf[source[i]!] = i;
      }
    }
    source[pos] = op;
  } else {
    source.splice(fromPos, 1);
    for (let i = fromPos; i < source.length; i++) s.posOf[source[i]!] = i;
    target.splice(pos, 0, op);
    for (let i = pos + 1; i < target.length; i++) s.posOf[target[i]!] = i;
    s.machineOf[op] = machine;
  }
  s.posOf[op] = pos;
  if (move.anchor === undefined) return { op, machine: from, pos: fromPos };
  const was = s.anchored![op]!;
  s.anchored![op] = move.anchor;
  return { op, machine: from, pos: fromPos, anchor: was };
}
