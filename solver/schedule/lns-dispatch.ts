/**
 * The large-neighbourhood search of large plans: problem-space search over the dispatching rule (Storer, Wu &
 * Vaccari 1992). The whole plan is freed and built again by the ATC dispatcher (dispatch-atc.ts) with another
 * look-ahead k1 or randomly perturbed priorities; the best plan is kept. On the 50,000-operation benchmark
 * plant one dispatch costs about twenty decodes, but where the tabu search's single moves barely change the
 * weighted tardiness, the look-ahead alone divides it by five (k1 = 2 gives 441 M, k1 = 16 gives 80 M).
 *
 * First a ladder of look-aheads (1 … 64; each seed starts at another rung, so parallel searches try different
 * ones first), then perturbations around the best: k1 scaled by up to ×/÷ e^0.5 and every priority jittered by
 * up to ±15 %. Deterministic: the same seed and work budget give the same rounds.
 *
 * Measured and not kept (issue 20): freeing only a time window and re-sequencing it in the order of a
 * perturbed plan (a donor), nine windows a donor, reached 79.6 M and 77.5 M (seeds 1, 2) with the work of 19
 * whole rounds, which reached 76.8 M and 76.5 M; re-sorting windows by an ATC index taken from the plan's own
 * tails improved nothing in 200 windows.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { dispatchSchedule } from "./dispatch-atc.ts";
import type { DispatchRule } from "./dispatch-atc.ts";
import { compareObjectives } from "./objective.ts";
import type { Objective } from "./objective.ts";
import type { Random } from "../random.ts";
import { decodeUnblocked } from "./unblock-material.ts";

/** Look-aheads tried before any perturbation (the construction's own k1 = 2 is the start). */
export const K1_LADDER = [8, 16, 32, 4, 64, 1] as const;
/** Work units one dispatch costs, in full decodes (Decoder.fullCost) (measured at 50,000 operations: 15–20 decodes). */
export const DISPATCH_COST = 20;
/** Largest relative jitter of a perturbed round's priorities, and of its look-ahead (log scale). */
const NOISE = 0.3;
const K1_SPREAD = 0.5;

export interface Incumbent {
  s: Sequencing;
  objective: Objective;
  /** The look-ahead it was built with. */
  k1: number;
}

export interface RoundControl {
  random: Random;
  /** Work units this search may spend (decoded operations). */
  workUnits: number;
  /** Rounds this search may run (no limit when absent). */
  maxIterations?: number;
  /** True once the caller's deadline or cancellation stops everything. */
  stopNow: () => boolean;
  onImprovement?: (rounds: number, best: Objective) => void;
}

export interface RoundsResult {
  best: Incumbent;
  iterations: number;
  work: number;
  /** False when stopNow ended the search. */
  completed: boolean;
}

/** The rule of round `round` (0-based) for a search whose best so far was built with k1 = `bestK1`. */
export function ruleOfRound(round: number, seed: number, bestK1: number, random: Random): DispatchRule {
  if (round < K1_LADDER.length) return { k1: K1_LADDER[(round + seed) % K1_LADDER.length]!, noise: 0 };
  return { k1: bestK1 * Math.exp(K1_SPREAD * (2 * random.next() - 1)), noise: NOISE * random.next() };
}

/** Dispatching rounds from `start` while the budget lasts (an iteration each); never returns a plan worse than `start`. */
export function searchDispatchRules(decoder: Decoder, start: Incumbent, seed: number, control: RoundControl): RoundsResult {
  const cost = decoder.fullCost;
  const limit = control.maxIterations ?? Infinity;
  let best = start;
  let work = 0;
  let iterations = 0;
  for (let round = 0; work + (DISPATCH_COST + 1) * cost <= control.workUnits && iterations < limit; round++) {
    if (control.stopNow()) return { best, iterations, work, completed: false };
    const rule = ruleOfRound(round, seed, best.k1, control.random);
    iterations++;
    const s = dispatchSchedule(decoder, rule, control.random, control.stopNow);
    work += DISPATCH_COST * cost;
    if (s === "stopped") return { best, iterations, work, completed: false };
    // A look-ahead whose plan runs past the horizon is only dropped.
    if (s === null) continue;
    const ok = decodeUnblocked(decoder, s);
    work += cost * Math.max(1, decoder.passes);
    if (!ok) continue;
    if (compareObjectives(decoder.objective, best.objective) < 0) {
      best = { s, objective: decoder.objective.slice(), k1: rule.k1 };
      control.onImprovement?.(iterations, best.objective);
    }
  }
  return { best, iterations, work, completed: true };
}
