/**
 * Window-by-window re-optimisation of a large plan (issue 20), for when whole dispatching rounds
 * (lns-dispatch.ts) stop paying. A window is one late order and the end of its critical chain: the last
 * operations whose ends, through tight routing and unit links, set the order's completion (as in
 * critical-path.ts, for one order). The window is improved by exact moves of those operations — ahead of the
 * operation that holds it on its unit, to the front of its tight block, or onto another unit of one of its
 * resources — each evaluated on the whole plan by re-timing what it changes (evaluate-neighbour.ts), the rest
 * of the plan keeping its sequence. The best move is kept when it improves the whole plan's objective, and the
 * window is tried again until no move pays; then the next late order, the most weighted-tardy first; then
 * another pass while a pass improved anything. Moves whose re-timing would reach more than a fifth of a
 * plant-scale plan are left out unevaluated (NeighbourEvaluator).
 *
 * Measured on the 50,000-operation benchmark plant from the plan 30 rounds leave (76.8 M), 35 s on the shared
 * machine: the end of the chain pays most — 6 operations reached 69.2 M, 15 reached 71.2 M, 40 reached 71.6 M;
 * 3 stalled at 71.5 M. Best-improvement beat first-improvement (70.3 M), and the default reach (a fifth of the
 * plan) beat 500 to 4,000 placements (74.5–73.3 M: the moves that pay shift much of the later plan) and 20,000
 * (71.0 M).
 *
 * Deterministic: the windows, the moves and their order depend only on the plan; the work is counted in
 * re-timed operations (RETIME_SHARE: see there), in the rounds' units.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { cloneSequencing } from "./decode-schedule.ts";
import { NeighbourEvaluator } from "./evaluate-neighbour.ts";
import type { RoundControl } from "./lns-dispatch.ts";
import { compareObjectives } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { FREE } from "./problem.ts";
import type { Relocation } from "./relocate.ts";
import { positionByStart } from "./stability-moves.ts";

/** Operations at the end of a late order's critical chain that a window moves. */
const CHAIN_LIMIT = 6;
/** Work units charged per window for finding its chain and moves. */
const WINDOW_OVERHEAD = 200;
/**
 * What a window's move costs over what the evaluator charges for it (retimeCost, decode-cost.ts: 1.6 units per
 * re-placed operation), so that a window's unit takes the time a dispatching round's does. Measured on the
 * 50,000-operation benchmark plant by alternating two rounds and as many units of windows in one process: timed
 * by wall clock (load average 5–13, other sessions running) the windows did 0.37 as many units a second as the
 * rounds at one unit per re-timed operation; at 1.55 × retimeCost (about 2.5 units per operation) and timed by
 * CPU they did 3.2–3.6 M units per CPU second against the rounds' 3.2–4.0 M (0.88–1.02 of their rate).
 */
const RETIME_SHARE = 1.55;
/**
 * The same for a move that closes a cycle, whose cost counts the operations the search for the cycle visited: a
 * visit took a tenth of a re-timed operation's time (44 against 300–450 ns in the same run), 0.25 units.
 */
const CYCLE_SHARE = 0.15;

/** The rounds' control without what only rounds use; an iteration is a window tried. */
export type WindowControl = Pick<RoundControl, "workUnits" | "maxIterations" | "stopNow" | "onImprovement">;

export interface WindowResult {
  best: Sequencing;
  objective: Objective;
  /** Windows tried. */
  iterations: number;
  work: number;
  /** False when stopNow ended the search. */
  completed: boolean;
}

/** The last free operations of job j's critical chain, latest first. */
function chainOf(decoder: Decoder, s: Sequencing, j: number): number[] {
  const p = decoder.problem;
  const job = p.jobs[j]!;
  const chain: number[] = [];
  let op = job.firstOp + job.opCount - 1;
  while (p.opState[op] === FREE && chain.length < CHAIN_LIMIT) {
    chain.push(op);
    if (decoder.machTight[op]) op = s.seq[s.machineOf[op]!]![s.posOf[op]! - 1]!;
    else if (decoder.jobTight[op]) op = decoder.tightPred[op]!;
    else break;
  }
  return chain;
}

/** Moves that can start op earlier: ahead of its unit predecessor, to the front of its tight block, onto another unit at its start. */
function movesOf(decoder: Decoder, s: Sequencing, op: number, moves: Relocation[]): void {
  const p = decoder.problem;
  const m = s.machineOf[op]!;
  const pos = s.posOf[op]!;
  const list = s.seq[m]!;
  if (decoder.machTight[op] && pos > 0) {
    moves.push({ op, machine: m, pos: pos - 1 });
    let first = pos - 1;
    while (first > 0 && decoder.machTight[list[first]!]) first--;
    if (first < pos - 1) moves.push({ op, machine: m, pos: first });
  }
  for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
    const r = p.resources[p.altResource[a]!]!;
    for (let u = r.firstMachine; u < r.firstMachine + r.units; u++) if (u !== m) moves.push({ op, machine: u, pos: positionByStart(decoder, s, op, u, decoder.start[op]!) });
  }
}

/** Late orders of the decoded plan, the most weighted-tardy first (ties: the lower index). */
function lateOrders(decoder: Decoder): number[] {
  const p = decoder.problem;
  const late: number[] = [];
  const cost = new Float64Array(p.jobs.length);
  p.jobs.forEach((job, j) => {
    const c = decoder.completion[j]!;
    if (job.opCount > 0 && job.weight > 0 && c > job.target) (cost[j] = job.weight * (c - job.target)), late.push(j);
  });
  return late.sort((a, b) => cost[b]! - cost[a]! || a - b);
}

/** Re-optimises `start` window by window; never returns a worse plan. The decoder is left with the result decoded. */
export function improveLateWindows(decoder: Decoder, start: Sequencing, control: WindowControl): WindowResult {
  const s = cloneSequencing(start);
  const evaluator = new NeighbourEvaluator(decoder);
  const limit = control.maxIterations ?? Infinity;
  if (!decoder.decode(s)) throw new Error(`the plan to improve does not decode (${decoder.failure})`);
  let work = decoder.fullCost;
  let objective = decoder.objective.slice();
  let iterations = 0;
  const moves: Relocation[] = [];
  const done = (completed: boolean): WindowResult => ({ best: s, objective, iterations, work, completed });
  for (let improved = true; improved; ) {
    improved = false;
    for (const j of lateOrders(decoder)) {
      if (work + WINDOW_OVERHEAD > control.workUnits || iterations >= limit) return done(true);
      if (control.stopNow()) return done(false);
      iterations++;
      work += WINDOW_OVERHEAD;
      // The order's chain changes with every move kept: it is traced again until no move pays.
      for (;;) {
        moves.length = 0;
        for (const op of chainOf(decoder, s, j)) movesOf(decoder, s, op, moves);
        let chosen: Relocation | null = null;
        let chosenObjective = objective;
        for (const move of moves) {
          if (work >= control.workUnits) break;
          const trial = evaluator.trial(s, move);
          work += Math.ceil((evaluator.cyclic ? CYCLE_SHARE : RETIME_SHARE) * evaluator.cost);
          if (trial !== null && compareObjectives(trial, chosenObjective) < 0) (chosen = move), (chosenObjective = trial.slice());
        }
        if (chosen === null) break;
        // A move whose trial decoded cannot fail to apply; the check keeps the plan sound if it ever did.
        if (!evaluator.apply(s, chosen)) break;
        work += Math.ceil(RETIME_SHARE * evaluator.cost);
        objective = decoder.objective.slice();
        improved = true;
        control.onImprovement?.(iterations, objective);
      }
    }
  }
  return done(true);
}
