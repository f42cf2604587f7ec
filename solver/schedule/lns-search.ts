/**
 * Large-neighbourhood search for large plans: dispatching rounds with other look-aheads and perturbed
 * priorities (lns-dispatch.ts) build whole new plans; every one that is not better as a whole is a donor whose
 * order the time windows of lns-window.ts try part by part on the best plan. Deterministic under a seed and a
 * work budget (decoded operations); the caller's stopNow (deadline, cancellation) is only the safety net.
 */
import type { Decoder } from "./decode-schedule.ts";
import type { Incumbent, RoundControl, RoundsResult } from "./lns-dispatch.ts";
import { searchDispatchRules } from "./lns-dispatch.ts";
import { relinkWindows } from "./lns-window.ts";

export function largeNeighbourhoodSearch(decoder: Decoder, start: Incumbent, seed: number, control: RoundControl): RoundsResult {
  return searchDispatchRules(decoder, start, seed, control, (_donor, best, workLeft, iterationsLeft) => {
    const donorStart = decoder.start.slice();
    // Successive donors cut the horizon at different places.
    const windows = relinkWindows(decoder, best, donorStart, control.random.next(), { workUnits: workLeft, maxWindows: iterationsLeft, stopNow: control.stopNow });
    return { best: windows.taken > 0 ? { s: windows.s, objective: windows.objective, k1: best.k1 } : best, work: windows.work, iterations: windows.tried };
  });
}
