/**
 * Tabu search over critical-block moves (Nowicki & Smutnicki 1996, with the block insertions of
 * Dell'Amico & Trubian 1993 and, for alternatives and parallel units, reassignment of a critical operation
 * to another machine as in Mastrolilli & Gambardella 2000; with material, moving an operation that waited for
 * it ahead of earlier consumers of the item, material-moves.ts; against a reference plan, dropping anchors and
 * restoring changed operations, stability-moves.ts). Every neighbour is evaluated exactly on the calendars,
 * by re-timing only what the move changes where that is exact and by decoding it in full otherwise
 * (evaluate-neighbour.ts, issue 20); the best non-tabu neighbour is taken (a tabu one only when it beats the best found).
 * The tabu list forbids restoring a precedence (or a machine) the search just left, for a random tenure.
 * After a long stall the search restarts from the best schedule with a few random critical moves.
 *
 * Budgets are deterministic: work is counted in placed operations (weighted, decode-cost.ts), so the same seed does the same work
 * on any machine; the wall clock is only a safety deadline.
 */
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { cloneSequencing } from "./decode-schedule.ts";
import { compareObjectives } from "./objective.ts";
import type { Objective } from "./objective.ts";
import { MoveEstimator } from "./estimate-move.ts";
import { NeighbourEvaluator } from "./evaluate-neighbour.ts";
import { relocate } from "./relocate.ts";
import type { Relocation } from "./relocate.ts";
import type { Random } from "../random.ts";
import { TabuList } from "./tabu-list.ts";
import { fewUnits, neighbourhood } from "./tabu-neighbourhood.ts";

export interface TabuControl {
  random: Random;
  /** Decoded operations the search may spend. */
  workUnits: number;
  /** Iterations the search may run (no limit when absent). */
  maxIterations?: number;
  /** Absolute clock time (ms) at which the search gives up: the safety net. */
  deadline: number;
  clock: () => number;
  shouldStop?: () => boolean;
  /** True when the objective meets a lower bound (no better schedule exists). */
  isOptimal: (objective: Objective) => boolean;
  onProgress?: (iterations: number, best: Objective) => void;
  /** Decode every neighbour in full, as before issue 20 (the benchmark and the tests compare the two). */
  fullDecoding?: boolean;
}

export interface TabuResult {
  best: Sequencing;
  bestObjective: Objective;
  iterations: number;
  /** Clock time (ms) when the best was found. */
  bestFoundAt: number;
  stoppedBy: "budget" | "deadline" | "cancel" | "optimal" | "no-moves";
  /** Work units spent (placed operations and iteration overheads). */
  work: number;
}

/** Neighbours decoded per iteration when every one is evaluated exactly. */
const MAX_NEIGHBOURS = 40;
/** Work units charged per iteration for its fixed costs (critical paths, neighbourhood, bookkeeping). */
const ITERATION_OVERHEAD = 150;
/** The attribute a move would restore (check) and the one it leaves behind (forbid). */
function tabuKeys(s: Sequencing, move: Relocation, tabu: TabuList): { check: number; forbid: number } {
  const from = s.machineOf[move.op]!;
  if (from === move.machine && move.pos === s.posOf[move.op]) return { check: tabu.anchorKey(move.op), forbid: tabu.anchorKey(move.op) };
  if (from !== move.machine) return { check: tabu.machineKey(move.op, move.machine), forbid: tabu.machineKey(move.op, from) };
  const list = s.seq[from]!;
  const fromPos = s.posOf[move.op]!;
  const other = move.pos < fromPos ? list[fromPos - 1]! : list[fromPos + 1]!;
  return move.pos < fromPos
    ? { check: tabu.pairKey(move.op, other), forbid: tabu.pairKey(other, move.op) }
    : { check: tabu.pairKey(other, move.op), forbid: tabu.pairKey(move.op, other) };
}

export function tabuSearch(decoder: Decoder, initial: Sequencing, control: TabuControl): TabuResult {
  const p = decoder.problem;
  const n = p.opCount;
  const { random, clock } = control;
  const cost = decoder.fullCost;
  const critical = new Uint8Array(n);
  const continuous = p.objective === "makespan" && p.fixed.length === 0 && p.material === null && p.resources.every((r) => r.calendar === null && r.changeover === null);
  const estimator = continuous ? new MoveEstimator(decoder) : null;
  const evaluator = new NeighbourEvaluator(decoder, estimator === null && control.fullDecoding !== true);
  // Estimates are cheap: rank every neighbour. Exact evaluation decodes each one: sample, fewer on large plants.
  const limit = estimator !== null ? Infinity : Math.max(8, Math.min(MAX_NEIGHBOURS, Math.floor(200_000 / cost)));
  const tabu = new TabuList(n, p.machineCount);
  const drawless = fewUnits(p);
  // Tenure after Zhang et al. (2007): 10 + jobs / machines, drawn in [L, 2L].
  const tenureMin = Math.round(10 + p.jobs.length / p.machineCount);
  const maxStall = 300 + 10 * decoder.freeCount;
  let work = 0;
  let current = cloneSequencing(initial);
  if (!decoder.decode(current)) throw new Error(`initial sequencing does not decode (${decoder.failure})`);
  work += cost;
  let best = cloneSequencing(current);
  let bestObjective = decoder.objective.slice();
  let bestFoundAt = clock();
  let iterations = 0;
  let sinceImprovement = 0;
  let stoppedBy: TabuResult["stoppedBy"] = "budget";

  while (true) {
    if (control.isOptimal(bestObjective)) {
      stoppedBy = "optimal";
      break;
    }
    if (work >= control.workUnits || iterations >= (control.maxIterations ?? Infinity)) break;
    if (clock() >= control.deadline) {
      stoppedBy = "deadline";
      break;
    }
    if (control.shouldStop?.()) {
      stoppedBy = "cancel";
      break;
    }
    iterations++;
    work += ITERATION_OVERHEAD;
    const moves = neighbourhood(decoder, current, critical, random, limit, drawless);
    if (moves.length === 0) {
      if (compareObjectives(decoder.objective, bestObjective) <= 0) {
        stoppedBy = "no-moves";
        break;
      }
      current = cloneSequencing(best);
      decoder.decode(current);
      work += cost;
      continue;
    }
    let chosen: Relocation | null = null;
    let chosenKeys = { check: 0, forbid: 0 };
    if (estimator !== null) {
      // Continuous makespan: rank the neighbours by estimate, decode only the chosen one.
      decoder.computeTails(current);
      work += cost;
      const bestEnd = bestObjective[0]! + p.origin;
      let chosenEstimate = Infinity;
      let ties = 1;
      for (const move of moves) {
        const estimate = estimator.estimate(current, move);
        work += estimator.lastCost;
        if (estimate === Infinity) continue;
        const keys = tabuKeys(current, move, tabu);
        if (tabu.isTabu(keys.check, iterations) && estimate >= bestEnd) continue;
        // Ties are broken at random (reservoir sampling): plateaus are common in makespan problems.
        if (estimate < chosenEstimate || (estimate === chosenEstimate && random.int(++ties) === 0)) {
          if (estimate < chosenEstimate) ties = 1;
          chosen = move;
          chosenEstimate = estimate;
          chosenKeys = keys;
        }
      }
    } else {
      let chosenObjective: Objective | null = null;
      for (const move of moves) {
        // A large plant decodes slowly: honour the deadline and cancellation between neighbours too.
        if (clock() >= control.deadline || control.shouldStop?.()) break;
        const keys = tabuKeys(current, move, tabu);
        const objective = evaluator.trial(current, move);
        work += evaluator.cost;
        if (objective === null) continue;
        const isTabu = tabu.isTabu(keys.check, iterations);
        if (isTabu && compareObjectives(objective, bestObjective) >= 0) continue;
        if (chosenObjective === null || compareObjectives(objective, chosenObjective) < 0) {
          chosen = move;
          chosenObjective = objective.slice();
          chosenKeys = keys;
        }
      }
    }
    if (chosen === null) {
      // Every neighbour is tabu or cyclic: take a random one (a cyclic one is undone below).
      chosen = moves[random.int(moves.length)]!;
      chosenKeys = tabuKeys(current, chosen, tabu);
    }
    const applied = evaluator.apply(current, chosen);
    work += evaluator.cost;
    if (!applied) {
      // The move closes a cycle the estimate could not see: it was undone; keep it out of reach for a while.
      tabu.forbid(chosenKeys.check, iterations + tenureMin);
      continue;
    }
    tabu.forbid(chosenKeys.forbid, iterations + tenureMin + random.int(tenureMin + 1));
    if (compareObjectives(decoder.objective, bestObjective) < 0) {
      best = cloneSequencing(current);
      bestObjective = decoder.objective.slice();
      bestFoundAt = clock();
      sinceImprovement = 0;
      control.onProgress?.(iterations, bestObjective);
    } else if (++sinceImprovement >= maxStall) {
      current = cloneSequencing(best);
      tabu.clear();
      sinceImprovement = 0;
      decoder.decode(current);
      work += cost;
      for (let k = 0; k < 3; k++) {
        const kicks = neighbourhood(decoder, current, critical, random, limit, drawless);
        if (kicks.length === 0) break;
        const kickUndo = relocate(current, kicks[random.int(kicks.length)]!);
        work += cost;
        if (!decoder.decode(current)) relocate(current, kickUndo), decoder.decode(current);
      }
    }
    if ((iterations & 1023) === 0) {
      tabu.prune(iterations);
      control.onProgress?.(iterations, bestObjective);
    }
  }
  return { best, bestObjective, iterations, bestFoundAt, stoppedBy, work };
}
