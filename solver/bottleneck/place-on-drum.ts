/**
 * One operation on the drum's units (list scheduling, issue 16's rules). A splittable operation is cut into
 * the scheduler's slices (solver/schedule/compile-parts.ts), and the slices are shared out as k parts, each
 * with its setup, on the k units free first (the larger parts on the earlier units), for the k that finishes
 * the operation first (fewer parts on ties). An uninterruptible operation takes an unbroken working stretch
 * long enough for each part. Without `split` that is one part on the unit free first, as before.
 */
import type { Operation } from "../../src/routing.ts";
import type { Minute } from "../../src/time.ts";
import type { WorkingTime } from "../calendar/working-time.ts";
import { sliceQuantities } from "../schedule/compile-parts.ts";

export interface DrumPart {
  unit: number;
  start: Minute;
  end: Minute;
  quantity: number;
}

/**
 * The parts of `quantity` of operation `op` on the drum from `earliest` on; `unitFree` (each unit's free
 * time) is advanced. Null when the work does not fit in the calendar's horizon.
 */
export function placeOnDrum(drum: WorkingTime, unitFree: Minute[], earliest: Minute, op: Operation, quantity: number, efficiency: number): DrumPart[] | null {
  const unbroken = op.interruptible === false;
  const slices = sliceQuantities(quantity, op.split, unitFree.length);
  const units = unitFree.map((_, u) => u).sort((a, b) => unitFree[a]! - unitFree[b]! || a - b);
  let best: DrumPart[] | null = null;
  for (let k = 1; k <= Math.min(slices.length, units.length); k++) {
    const parts: DrumPart[] = [];
    let next = 0;
    for (let i = 0; i < k; i++) {
      // Slices k-ths, the first parts one larger when they do not share out evenly.
      const count = Math.floor(slices.length / k) + (i < slices.length % k ? 1 : 0);
      const partQuantity = slices.slice(next, next + count).reduce((a, b) => a + b, 0);
      next += count;
      const minutes = (op.setupMinutes + partQuantity * op.runMinutesPerUnit) / efficiency;
      const from = Math.max(earliest, unitFree[units[i]!]!);
      const start = unbroken ? drum.nextUnbrokenStart(from, minutes) : drum.nextWorkingInstant(from);
      const end = start === null ? null : unbroken ? start + minutes : drum.addWorkingMinutes(start, minutes);
      if (start === null || end === null) break;
      parts.push({ unit: units[i]!, start, end, quantity: partQuantity });
    }
    if (parts.length < k) continue;
    if (best === null || Math.max(...parts.map((x) => x.end)) < Math.max(...best.map((x) => x.end))) best = parts;
  }
  if (best === null) return null;
  for (const part of best) unitFree[part.unit] = part.end;
  return best;
}
