/**
 * Repairing a constructed sequencing that deadlocks on material: an operation waits for an item that only
 * an order queued behind it (on its machine, or behind its own successors) can produce. The dispatcher
 * counts material pessimistically, so this is rare; the repair moves the waiting operation and the rest
 * of its order to the ends of their machines' queues, where they block nothing, and decodes again. Each
 * round moves at least one order for good, so it ends.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { FREE } from "./problem.ts";
import { relocate } from "./relocate.ts";

/** Decodes s, unblocking it as needed (s is changed in place); false when it still does not decode. */
export function decodeUnblocked(decoder: Decoder, s: Sequencing): boolean {
  const p = decoder.problem;
  for (let round = 0; round <= p.jobs.length; round++) {
    if (decoder.decode(s)) return true;
    if (decoder.failure !== "material") return false;
    for (const stuck of decoder.stuck()) {
      for (let op = stuck; op >= 0 && p.opState[op] === FREE; op = decoder.nextOp[op]!) {
        const m = s.machineOf[op]!;
        relocate(s, { op, machine: m, pos: s.seq[m]!.length - 1 });
      }
    }
  }
  return false;
}
