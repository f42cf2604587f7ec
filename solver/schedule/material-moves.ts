/**
 * Moves for operations that waited for material (issue 14). Such an operation ends its critical chain:
 * neither predecessor set its start, so no block move can bring it forward. What can is taking the
 * material first: moving it ahead of the operations on its machine that consume the same item and were
 * queued before it (in a start-ordered decode, who starts first takes scarce stock).
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import type { Relocation } from "./relocate.ts";

/** How far back along its machine an operation looks for consumers of the item it waited for. */
const LOOK_BACK = 64;
/** Moves proposed per operation. */
const MOVES_PER_OPERATION = 3;

/** Appends to `out` the moves of op ahead of earlier consumers of the item it waited for. */
export function materialMoves(decoder: Decoder, s: Sequencing, op: number, out: Relocation[]): void {
  const model = decoder.problem.material;
  if (model === null || decoder.machTight[op] || decoder.jobTight[op]) return;
  const item = decoder.waitedFor[op]!;
  if (item < 0 || decoder.materialReady[op] === -Infinity) return;
  const machine = s.machineOf[op]!;
  const list = s.seq[machine]!;
  let found = 0;
  for (let pos = s.posOf[op]! - 1; pos >= Math.max(0, s.posOf[op]! - LOOK_BACK) && found < MOVES_PER_OPERATION; pos--) {
    const other = list[pos]!;
    for (let c = model.consStart[other]!; c < model.consStart[other + 1]!; c++) {
      if (model.consItem[c] !== item) continue;
      out.push({ op, machine, pos });
      found++;
      break;
    }
  }
}
