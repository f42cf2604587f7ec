/**
 * Where re-planning against a reference starts (issue 15): what is still feasible of the reference plan.
 * Every free operation the reference has keeps its unit and its place in that unit's queue by its reference
 * start, anchored there (it starts no earlier, so what nothing pushes keeps its time); operations the
 * reference lacks (new orders, rush orders) take their unit from a dispatching plan, and either their
 * dispatched place among the reference's operations ("merged": new work where dispatching would put it) or
 * the end of the queue ("appended": the reference untouched, new work behind it). The search starts from the
 * better of these and the dispatching plans themselves.
 *
 * Queues are ordered by a key that never decreases along a job (each operation's key is at least its routing
 * predecessor's, ties broken by operation index, which grows along a job), so every arc of the disjunctive
 * graph goes forward in (key, index) order and the sequencing has no cycle.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { altIndex, FREE } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";

/** Far beyond any start: appended operations queue behind every reference one. */
const APPENDED = 1e12;

function sequencingByKey(decoder: Decoder, machineOf: Int32Array, key: Float64Array, anchored: Uint8Array): Sequencing {
  const p = decoder.problem;
  for (let op = 0; op < p.opCount; op++) {
    const pred = decoder.prevOp[op]!;
    if (p.opState[op] === FREE && pred >= 0 && p.opState[pred] === FREE && key[op]! < key[pred]!) key[op] = key[pred]!;
  }
  const seq: number[][] = Array.from({ length: p.machineCount }, () => []);
  for (let op = 0; op < p.opCount; op++) if (p.opState[op] === FREE) seq[machineOf[op]!]!.push(op);
  const posOf = new Int32Array(p.opCount).fill(-1);
  for (const list of seq) {
    list.sort((a, b) => key[a]! - key[b]! || a - b);
    list.forEach((op, i) => (posOf[op] = i));
  }
  return { machineOf, seq, posOf, anchored };
}

/** Whether the reference has a usable unit for every free operation (no dispatching plan is then needed). */
export function coversEveryOperation(p: SchedulingProblem): boolean {
  const { refMachine } = p.stability!;
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] === FREE && !(refMachine[op]! >= 0 && altIndex(p, op, p.machineResource[refMachine[op]!]!) >= 0)) return false;
  }
  return true;
}

/**
 * The merged and the appended start (one when the reference has every operation).
 * @param dispatched a dispatching plan of the problem and its decoded starts, for the operations the reference
 *   lacks (null only when it lacks none)
 */
export function referenceSequencings(decoder: Decoder, dispatched: { s: Sequencing; start: Float64Array } | null): Sequencing[] {
  const p = decoder.problem;
  const { refMachine, refStart } = p.stability!;
  const machineOf = new Int32Array(p.opCount).fill(-1);
  const anchored = new Uint8Array(p.opCount);
  const merged = new Float64Array(p.opCount);
  const appended = new Float64Array(p.opCount);
  let missing = 0;
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] !== FREE) continue;
    const m = refMachine[op]!;
    // A reference unit the operation can no longer use (its resource has no working time left) is not kept.
    if (m >= 0 && altIndex(p, op, p.machineResource[m]!) >= 0) {
      machineOf[op] = m;
      anchored[op] = 1;
      merged[op] = appended[op] = refStart[op]!;
    } else {
      missing++;
      machineOf[op] = dispatched!.s.machineOf[op]!;
      merged[op] = dispatched!.start[op]!;
      appended[op] = APPENDED + dispatched!.start[op]!;
    }
  }
  const first = sequencingByKey(decoder, machineOf, merged, anchored);
  if (missing === 0) return [first];
  return [first, sequencingByKey(decoder, machineOf.slice(), appended, anchored.slice())];
}
