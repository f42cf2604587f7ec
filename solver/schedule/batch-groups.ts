/**
 * Batches on batch resources (issue 21), read off a sequencing: on a unit of a batch resource, consecutive
 * operations of one family form one batch while their total fill (quantity, or count) stays within the
 * capacity; the first is the batch's leader. The decoder places a batch when every member's predecessors are
 * placed, all members starting and ending together (the longest member's work, or the fixed cycle every
 * member's work already is), so the search forms and breaks batches by moving operations in the sequence.
 * Grouping can close a cycle the sequence alone has not (a member that waits on work after another member);
 * the decoder then takes into each batch only the members ready when its leader is placed (keepReady).
 * Split slices, operations that need pools or consume material (with material constrained) run alone.
 */
import type { Sequencing } from "./decode-schedule.ts";
import type { SchedulingProblem } from "./problem.ts";

export class BatchGroups {
  /** Leader of every operation's batch (itself for a leader or an operation alone), −1 off batch resources. */
  readonly leader: Int32Array;
  /** The next member of the operation's batch, −1 for the last. */
  readonly next: Int32Array;
  private readonly alone: Uint8Array;

  constructor(readonly problem: SchedulingProblem) {
    const n = problem.opCount;
    this.leader = new Int32Array(n).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    const { rules, pools, material } = problem;
    this.alone = Uint8Array.from({ length: n }, (_, op) => {
      const split = rules !== null && rules.partFirst[op] !== rules.partLast[op];
      const needsPools = pools != null && pools.reqStart[op + 1]! > pools.reqStart[op]!;
      const consumes = material !== null && material.consStart[op + 1]! > material.consStart[op]!;
      return split || needsPools || consumes || problem.opFamily[op]! < 0 ? 1 : 0;
    });
  }

  /** Groups the free operations of every batch unit of s. */
  build(s: Sequencing): void {
    const p = this.problem;
    const { leader, next, alone } = this;
    const size = p.batches!.size;
    leader.fill(-1);
    next.fill(-1);
    for (let m = 0; m < p.machineCount; m++) {
      const rule = p.batches!.capacity[p.machineResource[m]!];
      if (rule == null) continue;
      let head = -1;
      let last = -1;
      let fill = 0;
      for (const op of s.seq[m]!) {
        const f = rule.byQuantity ? size[op]! : 1;
        next[op] = -1;
        if (head >= 0 && !alone[op] && p.opFamily[op] === p.opFamily[head] && fill + f <= rule.capacity + 1e-9) {
          leader[op] = head;
          next[last] = op;
          fill += f;
        } else {
          leader[op] = op;
          head = alone[op] ? -1 : op;
          fill = f;
        }
        last = op;
      }
    }
  }

  /**
   * Cuts the batch led by leader before its first member whose routing predecessors are not all placed yet
   * (its in-degree counts more than the member before it); the rest stays a batch of its own.
   */
  keepReady(leader: number, indeg: Int32Array): void {
    let last = leader;
    for (let k = this.next[leader]!; k >= 0 && indeg[k] === 1; k = this.next[k]!) last = k;
    this.next[last] = -1;
  }

  /** The operation whose readiness stands for op's: its batch's leader, or op itself. */
  target(op: number): number {
    const l = this.leader[op]!;
    return l >= 0 ? l : op;
  }

  /** True for a member of a batch that is not its leader (it is placed with the leader). */
  follows(op: number): boolean {
    const l = this.leader[op]!;
    return l >= 0 && l !== op;
  }
}
