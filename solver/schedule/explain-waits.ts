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
 * Issue 16: a routing operation in slices is explained by its part that ends last (the one its successor
 * waits for), from the start of its first slice; waiting for a predecessor's first transfer batch, or for its last one to end no earlier, is the
 * chain's own pace, not a wait; an operation held back so that its successor starts within its maximum wait
 * waits on "release".
 */
import type { LateCause, Waits, WaitCategory } from "../../src/material.ts";
import { formatDateTime } from "../../src/time.ts";
import { earliestStartEndingAtOrAfter } from "../calendar/work-bounds.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { FIXED, FREE } from "./problem.ts";
import { newReadyBounds, routingReady } from "./routing-ready.ts";

export interface OrderExplanation {
  waits: Waits;
  /** The longest-waiting category with its resource or item (null when it never waited). */
  cause: LateCause | null;
  /** Material wait of the order in minutes. */
  materialMinutes: number;
  /** The resource of the operation that waited longest from ready to start (null when none waited). */
  heldBy: string | null;
}

const CATEGORIES: readonly WaitCategory[] = ["material", "capacity", "changeover", "release", "calendar", "engineering", "progress"];
const [MATERIAL, CAPACITY, CHANGEOVER, RELEASE, CALENDAR, , PROGRESS] = [0, 1, 2, 3, 4, 5, 6] as const;

/** Explanations of every job of the decoded sequencing s (the sequencing the decoder decoded last). */
export function explainWaits(decoder: Decoder, s: Sequencing): OrderExplanation[] {
  const p = decoder.problem;
  const rules = p.rules;
  const bounds = newReadyBounds();
  const view = { start: decoder.start, end: decoder.end, changeover: decoder.changeover, continues: decoder.runs?.continues ?? null, machineOf: s.machineOf, seq: s.seq, posOf: s.posOf };
  /** The earliest start at which op's work, as placed, ends at or after `end`. */
  const startFor = (op: number, end: number): number => {
    if (end === -Infinity) return -Infinity;
    const calendar = p.resources[p.machineResource[s.machineOf[op]!]!]!.calendar;
    const unbroken = rules !== null && rules.unbroken[op] === 1;
    const work = calendar === null || unbroken ? decoder.end[op]! - decoder.start[op]! : calendar.workingMinutesBetween(decoder.start[op]!, decoder.end[op]!);
    return (calendar === null ? end - work : earliestStartEndingAtOrAfter(calendar, end, work, unbroken)) ?? -Infinity;
  };
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
    let heldBy: string | null = null;
    let heldFor = 0;
    for (let first = job.firstOp; first < job.firstOp + job.opCount; ) {
      const last = rules === null ? first : rules.partLast[first]!;
      // The free slice that ends last stands for its routing operation.
      let op = -1;
      for (let k = first; k <= last; k++) if (p.opState[k] === FREE && (op < 0 || end[k]! > end[op]!)) op = k;
      first = last + 1;
      if (op < 0) continue;
      const m = s.machineOf[op]!;
      // A part's later slices only continue it: its first slice's start is the one to explain.
      while (decoder.runs?.continues[op]) op = s.seq[m]![s.posOf[op]! - 1]!;
      routingReady(p, decoder.prevOp, op, m, view, bounds);
      const pred = bounds.startPred;
      const predReady = pred >= 0 ? bounds.start : -Infinity;
      const ready = Math.max(bounds.start, startFor(op, bounds.end));
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
      const resource = p.resources[p.machineResource[m]!]!;
      if (start[op]! - ready > heldFor) (heldFor = start[op]! - ready), (heldBy = resource.id);
      const pos = s.posOf[op]!;
      const machReady = pos > 0 ? end[s.seq[m]![pos - 1]!]! : -Infinity;
      const matReady = material === null ? -Infinity : materialReady[op]!;
      const heldReady = decoder.endNotBefore === null ? -Infinity : startFor(op, decoder.endNotBefore[op]!);
      const bound = Math.min(start[op]!, Math.max(ready, machReady, matReady, heldReady));
      if (bound > ready) {
        if (heldReady >= Math.max(machReady, matReady)) add(RELEASE, "", bound - ready);
        else if (matReady >= machReady) {
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
    if (category < 0) return { waits, cause: null, materialMinutes: 0, heldBy };
    // The resource that held it longest in that category, its waits there summed.
    const sums = new Map<string, number>();
    let longest = "";
    for (let k = 0; k < heldCategory.length; k++) {
      if (heldCategory[k] !== category) continue;
      const sum = (sums.get(heldWhat[k]!) ?? 0) + heldMinutes[k]!;
      sums.set(heldWhat[k]!, sum);
      if (longest === "" || sum > sums.get(longest)!) longest = heldWhat[k]!;
    }
    return { waits, cause: causeOf(CATEGORIES[category]!, longest, materialItem, materialAt), materialMinutes: minutes[MATERIAL]!, heldBy };
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
