/**
 * The sequencing of an existing plan: each free operation on the machine the plan gives it, machines'
 * lists ordered by the planned starts (ties by operation index). Decoding it gives back the plan's times
 * when the plan is semi-active, and the earliest times that keep its sequence otherwise: the starting
 * point of re-planning with minimal disruption (rush insertion, order changes).
 */
import type { Sequencing } from "./decode-schedule.ts";
import { FREE } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";

/**
 * @param machine machine of every operation (free ones used) @param start planned start of every operation
 * @param position when known, every operation's position on its unit (it decides; starts tie where work takes no time)
 * @param anchored anchors of a plan made against a reference (CompactSchedule.anchored), so it decodes to the same times
 */
export function sequencingFromPlan(problem: SchedulingProblem, machine: readonly number[], start: readonly number[], position?: readonly number[], anchored?: readonly number[]): Sequencing {
  const seq: number[][] = Array.from({ length: problem.machineCount }, () => []);
  const machineOf = new Int32Array(problem.opCount).fill(-1);
  const posOf = new Int32Array(problem.opCount).fill(-1);
  for (let op = 0; op < problem.opCount; op++) {
    if (problem.opState[op] !== FREE) continue;
    const m = machine[op]!;
    if (!(m >= 0 && m < problem.machineCount)) throw new RangeError(`operation ${op} has no machine in the plan`);
    machineOf[op] = m;
    seq[m]!.push(op);
  }
  for (const list of seq) {
    list.sort(position === undefined ? (a, b) => start[a]! - start[b]! || a - b : (a, b) => position[a]! - position[b]!);
    list.forEach((op, i) => (posOf[op] = i));
  }
  return anchored === undefined ? { machineOf, seq, posOf } : { machineOf, seq, posOf, anchored: Uint8Array.from(anchored) };
}
