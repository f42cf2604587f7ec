/**
 * Placing a batch (issue 21): the members of a batch on a batch resource's unit start and end together. The
 * batch starts at the earliest instant every member may start (its predecessors, release, a re-plan's
 * not-before, a reference anchor) after the unit's previous operation, ends no earlier than any member's end bound, and takes its
 * longest member's work (a fixed cycle is every member's work already); the changeover is the leader's.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import type { Placement } from "./place-operation.ts";
import { placeOperation } from "./place-operation.ts";
import { altIndex } from "./problem.ts";
import { routingReady } from "./routing-ready.ts";
import type { ReadyBounds } from "./routing-ready.ts";

export function placeBatch(decoder: Decoder, leader: number, s: Sequencing, notBefore: number, rr: ReadyBounds, place: Placement): boolean {
  const p = decoder.problem;
  const groups = decoder.groups!;
  const m = s.machineOf[leader]!;
  const r = p.machineResource[m]!;
  const pos = s.posOf[leader]!;
  const mp = pos > 0 ? s.seq[m]![pos - 1]! : -1;
  const machReady = mp >= 0 ? decoder.end[mp]! : -Infinity;
  const view = { start: decoder.start, end: decoder.end, changeover: decoder.changeover, continues: decoder.runs?.continues ?? null, machineOf: s.machineOf, seq: s.seq, posOf: s.posOf };
  let ready = Math.max(machReady, notBefore);
  let endBound = -Infinity;
  let base = 0;
  for (let k = leader; k >= 0; k = groups.next[k]!) {
    if (!routingReady(p, decoder.prevOp, k, m, view, rr)) return false;
    // A member anchored at its start in the reference plan (issue 15) holds the batch there too.
    const anchor = s.anchored?.[k] ? p.stability!.refStart[k]! : -Infinity;
    ready = Math.max(ready, rr.start, anchor, decoder.notBefore === null ? -Infinity : decoder.notBefore[k]!);
    endBound = Math.max(endBound, rr.end, decoder.endNotBefore === null ? -Infinity : decoder.endNotBefore[k]!);
    base = Math.max(base, p.altWork[altIndex(p, k, r)]!);
  }
  if (placeOperation(p, decoder.fixedByMachine[m]!, m, leader, base, ready, machReady, mp >= 0 ? p.opFamily[mp]! : -1, place, endBound) === null) return false;
  const runs = decoder.runs;
  for (let k = leader; k >= 0; k = groups.next[k]!) {
    decoder.start[k] = place.start;
    decoder.end[k] = place.end;
    decoder.changeover[k] = k === leader ? place.changeover : 0;
    // The batch's times are set by all its members at once: no single link is critical.
    decoder.machTight[k] = 0;
    decoder.jobTight[k] = 0;
    decoder.tightPred[k] = -1;
    if (p.stability !== null) decoder.anchorTight[k] = 0;
    if (runs !== null) {
      runs.continues[k] = 0;
      runs.base[k] = runs.work[k] = place.end - place.start;
    }
  }
  return true;
}
