/**
 * Why an order finishes when it does (issue 14; the handbooks' cause analysis of late orders): its chain of
 * operations is walked in routing order with the decoder's knowledge of what bound each start. Before an
 * operation can start, it is ready when its routing predecessor has ended plus the gap (the first one at
 * the plan start, or its release / materialReady: "release"). From there it waited, for the constraint
 * that set its start, on its material ("material": the item, until it was there) or on its unit, busy
 * with the operation before it ("capacity"); what is left until it starts is time without work on its
 * resource ("calendar"), or a running or frozen operation in the way, the frozen fence, or its own start in the
 * reference plan it keeps ("progress"). Its own changeover
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
const [MATERIAL, CAPACITY, CHANGEOVER, RELEASE, CALENDAR, , PROGRESS] = [0, 1, 2, 3, 4, 5, 6] as const;

/** Explanations of every job of the decoded sequencing s. */
export function explainWaits(decoder: Decoder, s: Sequencing): OrderExplanation[] {
  const p = decoder.problem;
  const { start, end, changeover, materialReady, waitedFor } = decoder;
  const material = p.material;
  const minutes = new Float64Array(CATEGORIES.length);
  // Waits of the current job as (category, resource or item, minutes), to name the one that held it longest.
  const heldCategory: number[] = [];
  const heldWhat: string[] = [];
  const heldMinutes: number[] = [];
  return p.jobs.map((job) => {
    minutes.fill(0);
    heldCategory.length = heldWhat.length = heldMinutes.length = 0;
    let materialAt = -Infinity;
    let materialItem = "";
    let heldLongest = 0;
    const add = (category: number, what: string, wait: number) => {
      if (wait <= 0) return;
      minutes[category] = minutes[category]! + wait;
      heldCategory.push(category);
      heldWhat.push(what);
      heldMinutes.push(wait);
    };
    let released = false;
    for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) {
      if (p.opState[op] === DONE || p.opState[op] === FIXED) continue;
      const pred = decoder.prevOp[op]!;
      const predReady = pred >= 0 ? end[pred]! + p.opMinGap[op]! : -Infinity;
      const ready = Math.max(job.earliest, predReady);
      if (!released) {
        // Its release holds it from the plan start (or from its running predecessor's end); the frozen fence of
        // a re-plan holds it like frozen work ahead of it.
        const from = Math.max(p.origin, predReady);
        const fence = p.stability?.fence ?? -Infinity;
        add(PROGRESS, "", Math.min(job.earliest, fence) - from);
        add(RELEASE, "", job.earliest - Math.max(from, fence));
        if (pred >= 0 && p.opState[pred] === FIXED) add(PROGRESS, "", predReady - p.origin);
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
          add(MATERIAL, item, bound - ready);
          if (bound - ready > heldLongest) (heldLongest = bound - ready), (materialAt = matReady), (materialItem = item);
        } else add(CAPACITY, resource.id, bound - ready);
      }
      const working = resource.calendar?.nextWorkingInstant(bound) ?? bound;
      add(CALENDAR, resource.id, Math.min(start[op]!, working) - bound);
      add(PROGRESS, "", start[op]! - Math.max(bound, working));
      add(CHANGEOVER, resource.id, changeover[op]!);
    }
    const waits = Object.fromEntries(CATEGORIES.map((c, i) => [c, minutes[i]!])) as unknown as Waits;
    let category = -1;
    for (let c = 0; c < CATEGORIES.length; c++) if (minutes[c]! > 0 && (category < 0 || minutes[c]! > minutes[category]!)) category = c;
    if (category < 0) return { waits, cause: null, materialMinutes: 0 };
    // The resource that held it longest in that category, its waits there summed.
    const sums = new Map<string, number>();
    let longest = "";
    for (let k = 0; k < heldCategory.length; k++) {
      if (heldCategory[k] !== category) continue;
      const sum = (sums.get(heldWhat[k]!) ?? 0) + heldMinutes[k]!;
      sums.set(heldWhat[k]!, sum);
      if (longest === "" || sum > sums.get(longest)!) longest = heldWhat[k]!;
    }
    return { waits, cause: causeOf(CATEGORIES[category]!, longest, materialItem, materialAt), materialMinutes: minutes[MATERIAL]! };
  });
}

function causeOf(category: WaitCategory, longest: string, item: string, availableAt: number): LateCause {
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
