/**
 * The search of large plans (more than LARGE_PLAN_OPERATIONS free operations; issue 20): whole dispatching
 * rounds (lns-dispatch.ts) while they pay, then, once STALL_ROUNDS rounds in a row have improved nothing, the
 * best plan re-optimised window by window with exact moves (late-order-windows.ts); if the windows run out of
 * moves that pay before the budget does, the rounds take the rest. Where re-timing a move is not exact
 * (incrementalApplies: material, pools, batches and the other rules that decode in full) every window would
 * cost whole decodes, and the rounds keep the whole budget.
 *
 * Measured on the benchmark plant (bench/plant-scale.ts, 50,000 operations): the rounds find their best plan
 * (73.8 M weighted tardiness) by round 11 and nothing better in the 170 rounds after it, while the windows keep
 * improving it (README, plant scale); on 250,000 operations the rounds still improve at 60 s and never stall. The switch is decided by rounds counted, never by the clock, so the same seed and work budget give
 * the same plan.
 */
import type { Decoder } from "./decode-schedule.ts";
import { incrementalApplies } from "./incremental-decode.ts";
import { improveLateWindows } from "./late-order-windows.ts";
import { searchDispatchRules } from "./lns-dispatch.ts";
import type { Incumbent, RoundControl, RoundsResult } from "./lns-dispatch.ts";

/** Rounds in a row without improvement after which the windows take over. */
export const STALL_ROUNDS = 12;

/** Rounds, then windows, then rounds with what is left; never returns a plan worse than `start`. */
export function searchLargePlan(decoder: Decoder, start: Incumbent, seed: number, control: RoundControl): RoundsResult {
  const rounds = searchDispatchRules(decoder, start, seed, { ...control, ...(incrementalApplies(decoder) ? { stallRounds: STALL_ROUNDS } : {}) });
  if (!rounds.stalled) return rounds;
  const maxIterations = control.maxIterations ?? Infinity;
  const windows = improveLateWindows(decoder, rounds.best.s, {
    workUnits: control.workUnits - rounds.work,
    maxIterations: maxIterations - rounds.iterations,
    stopNow: control.stopNow,
    onImprovement: (count, best) => control.onImprovement?.(rounds.iterations + count, best),
  });
  const best: Incumbent = { s: windows.best, objective: windows.objective, k1: rounds.best.k1 };
  const iterations = rounds.iterations + windows.iterations;
  const work = rounds.work + windows.work;
  if (!windows.completed) return { best, iterations, work, completed: false, stalled: false };
  const rest = searchDispatchRules(decoder, best, seed, {
    ...control,
    workUnits: control.workUnits - work,
    maxIterations: maxIterations - iterations,
    firstRound: rounds.iterations,
    onImprovement: (count, objective) => control.onImprovement?.(iterations + count, objective),
  });
  return { ...rest, iterations: iterations + rest.iterations, work: work + rest.work };
}
