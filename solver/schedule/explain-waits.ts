/**
 * Why an order finishes when it does (issue 14; the handbooks' cause analysis of late orders): its chain of
 * operations is walked in routing order with the decoder's knowledge of what bound each start. Before an
 * operation can start, it is ready when its routing predecessor has ended plus the gap (the first one at
 * the plan start, or its release / materialReady: "release"). From there it waited, for the constraint
 * that set its start, on its material ("material": the item, until it was there) or on its unit, busy
 * with the operation before it ("capacity"); what is left until it starts is time without work on its
 * resource ("calendar"), or a running or frozen operation in the way ("progress"). Its own changeover
 * minutes count as "changeover". A late order's cause is the category with the most minutes, naming the
 * resource or item that held it longest in that category.
 */
import type { LateCause, Waits, WaitCategory } from "../../src/material.ts";
import { formatDateTime } from "../../src/time.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { DONE, FIXED } from "./problem.ts";

export interface OrderExplanation {
  waits: Waits;
  /** The longest-waiting category with its resource or item (null when it never waited). */
  cause: LateCause | null;
  /** Material wait of the order in minutes. */
  materialMinutes: number;
}

const CATEGORIES: readonly WaitCategory[] = ["material", "capacity", "changeover", "release", "calendar", "engineering", "progress"];

/** Explanations of every job of the decoded sequencing s. */
export function explainWaits(decoder: Decoder, s: Sequencing): OrderExplanation[] {
  const p = decoder.problem;
  const { start, end, changeover, materialReady, waitedFor } = decoder;
  const material = p.material;
  return p.jobs.map((job) => {
    const minutes = new Map<WaitCategory, number>(CATEGORIES.map((c) => [c, 0]));
    // Minutes per (category, resource or item), to name the one that held the order longest.
    const held = new Map<string, number>();
    let materialAt = -Infinity;
    let materialItem = "";
    let heldLongest = 0;
    const add = (category: WaitCategory, what: string, wait: number) => {
      if (wait <= 0) return;
      minutes.set(category, minutes.get(category)! + wait);
      const key = `${category}\u0000${what}`;
      held.set(key, (held.get(key) ?? 0) + wait);
    };
    let released = false;
    for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) {
      if (p.opState[op] === DONE || p.opState[op] === FIXED) continue;
      const pred = decoder.prevOp[op]!;
      const predReady = pred >= 0 ? end[pred]! + p.opMinGap[op]! : -Infinity;
      const ready = Math.max(job.earliest, predReady);
      if (!released) {
        // Its release holds it from the plan start (or from its running predecessor's end).
        add("release", "", job.earliest - Math.max(p.origin, predReady));
        if (pred >= 0 && p.opState[pred] === FIXED) add("progress", "", predReady - p.origin);
        released = true;
      }
      const m = s.machineOf[op]!;
      const resource = p.resources[p.machineResource[m]!]!;
      const pos = s.posOf[op]!;
      const machReady = pos > 0 ? end[s.seq[m]![pos - 1]!]! : -Infinity;
      const matReady = material === null ? -Infinity : materialReady[op]!;
      const bound = Math.min(start[op]!, Math.max(ready, machReady, matReady));
      if (bound > ready) {
        if (matReady >= machReady) {
          const item = material!.items[waitedFor[op]!]!;
          add("material", item, bound - ready);
          if (bound - ready > heldLongest) (heldLongest = bound - ready), (materialAt = matReady), (materialItem = item);
        } else add("capacity", resource.id, bound - ready);
      }
      const working = resource.calendar?.nextWorkingInstant(bound) ?? bound;
      add("calendar", resource.id, Math.min(start[op]!, working) - bound);
      add("progress", "", start[op]! - Math.max(bound, working));
      add("changeover", resource.id, changeover[op]!);
    }
    const waits = Object.fromEntries(CATEGORIES.map((c) => [c, minutes.get(c)!])) as unknown as Waits;
    let category: WaitCategory | null = null;
    for (const c of CATEGORIES) if (minutes.get(c)! > 0 && (category === null || minutes.get(c)! > minutes.get(category)!)) category = c;
    return { waits, cause: category === null ? null : causeOf(category, held, materialItem, materialAt), materialMinutes: minutes.get("material")! };
  });
}

function causeOf(category: WaitCategory, held: ReadonlyMap<string, number>, item: string, availableAt: number): LateCause {
  let longest = "";
  let most = -1;
  for (const [key, wait] of held) {
    const [c, what] = key.split("\u0000") as [string, string];
    if (c === category && wait > most) (most = wait), (longest = what);
  }
  switch (category) {
    case "material":
      return { kind: "material", item, availableAt: formatDateTime(availableAt) };
    case "capacity":
    case "changeover":
    case "calendar":
      return { kind: category, resource: longest };
    default:
      return { kind: category };
  }
}
