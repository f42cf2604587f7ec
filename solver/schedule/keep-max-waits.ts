/**
 * Keeping maximum waits (issue 16): every slice of an operation with `maxWaitMinutes` W must start at most W
 * elapsed minutes after every slice of its routing predecessor has ended. The wait is hard, and the decoder
 * keeps it by holding the predecessor back rather than by penalising it: when a decode leaves a slice of the
 * predecessor ending more than W before the operation's latest start, that slice's end is bounded from below
 * (Decoder.endNotBefore) and the sequencing is decoded again. Holding back only delays, so the bounds only
 * rise and the repeated decode is a fixpoint iteration (label correcting on the time-lag constraint, as for
 * job shops with maximal time lags: Neumann, Schwindt & Zimmermann, "Project Scheduling with Time Windows",
 * 2003); a sequencing in which holding back a predecessor delays its own successor as much (a positive cycle)
 * never settles and is rejected, like a cyclic one, after a number of rounds that covers chains of waits.
 * A wait after running or done work cannot be kept by holding anything back: the order then fails the
 * decode with failedJob set, and the search leaves it out as unplannable (search-schedule.ts).
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { FREE } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";

/** Rounds beyond two per routing operation of the longest job. */
const EXTRA_ROUNDS = 4;
const roundLimits = new WeakMap<SchedulingProblem, number>();

function roundLimit(p: SchedulingProblem): number {
  let limit = roundLimits.get(p);
  if (limit === undefined) {
    const rules = p.rules!;
    let longest = 0;
    for (const job of p.jobs) {
      let steps = 0;
      for (let op = job.firstOp; op < job.firstOp + job.opCount; op = rules.partLast[op]! + 1) steps++;
      longest = Math.max(longest, steps);
    }
    roundLimits.set(p, (limit = 2 * longest + EXTRA_ROUNDS));
  }
  return limit;
}

/** Decodes s keeping every maximum wait (see the header); false with the decoder's failure when it cannot. */
export function keepMaxWaits(decoder: Decoder, s: Sequencing): boolean {
  const p = decoder.problem;
  const rules = p.rules!;
  const held = decoder.endNotBefore!;
  const { start, end, prevOp } = decoder;
  held.fill(-Infinity);
  let lastOp = -1;
  const fail = (op: number): false => {
    decoder.failure = "max-wait";
    decoder.failedJob = p.opJob[op]!;
    decoder.failedOp = op;
    return false;
  };
  const limit = roundLimit(p);
  for (let round = 0; ; round++) {
    if (!decoder.decodePass(s)) {
      // Holding back pushed work past the calendars' horizon: that order's wait cannot be kept.
      if (round > 0 && decoder.failure === "horizon") return fail(lastOp);
      return false;
    }
    let raised = false;
    for (const op of rules.waitOps) {
      if (p.opState[op] !== FREE || s.machineOf[op]! < 0) continue;
      let latest = -Infinity;
      for (let k = op; k <= rules.partLast[op]!; k++) if (p.opState[k] === FREE && s.machineOf[k]! >= 0) latest = Math.max(latest, start[k]!);
      const bound = latest - rules.maxWait[op]!;
      const pred = prevOp[op]!;
      for (let q = rules.partFirst[pred]!; q <= pred; q++) {
        if (end[q]! >= bound) continue;
        if (p.opState[q] !== FREE) return fail(op);
        held[q] = bound;
        raised = true;
        lastOp = op;
      }
    }
    if (!raised) return true;
    if (round >= limit) return fail(lastOp);
  }
}
