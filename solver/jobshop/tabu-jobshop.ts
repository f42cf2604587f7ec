/**
 * Tabu search on the disjunctive graph with the N6 neighbourhood (Zhang, Li, Guan & Rao 2007) and, for the
 * flexible job shop, reassignments of critical operations (Mastrolilli & Gambardella 2000). Every iteration
 * estimates all moves of one critical path without evaluating them, takes the best non-tabu one (a tabu one
 * when its estimate beats the run's best: aspiration), and evaluates only that one in full. A move forbids
 * the precedences it reversed (or the machine it left) for a random tenure around 10 + jobs/machines.
 * A run ends after `stallLimit` iterations without improving its best, or when the meter says stop.
 */
import type { Random } from "../random.ts";
import { criticalBlocks } from "./critical-blocks.ts";
import type { JobShopGraph, JobShopPlan } from "./disjunctive-graph.ts";
import { shiftOnMachine } from "./incremental-evaluation.ts";
import type { IncrementalScratch } from "./incremental-evaluation.ts";
import { n6Moves } from "./n6-moves.ts";
import type { JobShopMove, SegmentScratch } from "./n6-moves.ts";
import { reassignMoves } from "./reassign-moves.ts";
import type { TabuTable } from "./tabu-table.ts";

/** Counts the search's work; false once the search must stop (budget, iteration cap, deadline or cancel). */
export interface WorkMeter {
  iterate(workUnits: number): boolean;
  readonly iterations: number;
}

export interface TabuRunOptions {
  random: Random;
  stallLimit: number;
  meter: WorkMeter;
  tabu: TabuTable;
  scratch: SegmentScratch;
  incremental: IncrementalScratch;
  /** No plan can be shorter: the run stops when it gets there. */
  lowerBound: number;
  /** Called with the graph holding each plan that improves on the run's best. */
  onImprove?: (graph: JobShopGraph) => void;
}

/**
 * Work units of an iteration: fitted to its measured time (jobshop-budget.ts) as a fixed part, a part per
 * operation touched (the critical path, the re-evaluation of the previous move, a snapshot of an improved
 * plan), one per machine (finding the path's start), one per estimated move and one per insertion position
 * scanned for a reassignment.
 */
const UNITS = { iteration: 300, operation: 4, machine: 1, move: 20, position: 1 } as const;

function isTabu(graph: JobShopGraph, tabu: TabuTable, move: JobShopMove, iteration: number): boolean {
  if (move.passed.length === 0) return tabu.isMachineTabu(move.op, graph.altMachine[move.alternative]!, iteration);
  for (const y of move.passed) {
    if (move.forward ? tabu.isOrderTabu(y, move.op, iteration) : tabu.isOrderTabu(move.op, y, iteration)) return true;
  }
  return false;
}

/** Forbids undoing a move just made (that left machine `from`) until iteration `until`. */
function forbidReverse(tabu: TabuTable, move: JobShopMove, from: number, until: number): void {
  if (move.passed.length === 0) tabu.forbidMachine(move.op, from, until);
  for (const y of move.passed) (move.forward ? tabu.forbidOrder(move.op, y, until) : tabu.forbidOrder(y, move.op, until));
}

/** The best admissible move by estimate (ties at random), or a random tabu one when all are tabu. */
function chooseMove(graph: JobShopGraph, moves: JobShopMove[], options: TabuRunOptions, runBest: number): JobShopMove | null {
  const { random, tabu, meter } = options;
  let chosen: JobShopMove | null = null;
  let ties = 0;
  let fallback: JobShopMove | null = null;
  let tabuCount = 0;
  for (const move of moves) {
    if (move.estimate >= runBest && isTabu(graph, tabu, move, meter.iterations)) {
      if (random.int(++tabuCount) === 0) fallback = move;
      continue;
    }
    if (chosen === null || move.estimate < chosen.estimate) (chosen = move), (ties = 1);
    else if (move.estimate === chosen.estimate && random.int(++ties) === 0) chosen = move;
  }
  return chosen ?? fallback;
}

/**
 * Makes the move and re-evaluates the plan: incrementally for a move inside a machine's order, in full for a
 * reassignment. Returns the operations touched, or −1 when the move closed a cycle (the plan is then as before).
 */
function applyMove(graph: JobShopGraph, move: JobShopMove, incremental: IncrementalScratch): number {
  if (move.passed.length > 0) return shiftOnMachine(graph, incremental, move.op, move.after);
  const undo = { alternative: graph.alt[move.op]!, after: graph.machPrev[move.op]! };
  graph.move(move.op, move.alternative, move.after);
  if (graph.evaluate()) return graph.opCount;
  graph.move(move.op, undo.alternative, undo.after);
  graph.evaluate();
  return -1;
}

/** Improves the plan loaded (and evaluated) in `graph`; returns the run's best plan. The graph ends anywhere. */
export function tabuRun(graph: JobShopGraph, options: TabuRunOptions): JobShopPlan {
  const { random, meter, scratch } = options;
  const tenureMin = Math.round(10 + graph.jobCount / graph.machineCount);
  const tenureSpread = Math.max(1, Math.round(0.4 * tenureMin));
  let best = graph.snapshot();
  let stall = 0;
  // Operations the last re-evaluation touched: the plan was loaded with a full evaluation.
  let touched = graph.opCount;
  while (stall < options.stallLimit && best.makespan > options.lowerBound) {
    const blocks = criticalBlocks(graph, random);
    const moves = n6Moves(graph, scratch, blocks);
    const scanned = { positions: 0 };
    if (graph.altStart[graph.opCount]! > graph.opCount) reassignMoves(graph, blocks, moves, scanned);
    const move = chooseMove(graph, moves, options, best.makespan);
    // No move on a critical path: it is one job's route, so the plan is optimal.
    if (move === null) break;
    let path = 0;
    for (const block of blocks) path += block.length;
    const units = UNITS.iteration + UNITS.operation * (path + touched) + UNITS.machine * graph.machineCount + UNITS.move * moves.length + UNITS.position * scanned.positions;
    if (!meter.iterate(units)) break;
    const from = graph.machine[move.op]!;
    const until = meter.iterations + tenureMin + random.int(tenureSpread + 1);
    touched = applyMove(graph, move, options.incremental);
    if (touched < 0) {
      // Only zero processing times defeat the acyclicity conditions; such a move is left undone and barred.
      touched = graph.opCount;
      if (move.passed.length === 0) options.tabu.forbidMachine(move.op, graph.altMachine[move.alternative]!, until);
      else forbidReverse(options.tabu, { ...move, forward: !move.forward }, from, until);
      stall++;
      continue;
    }
    forbidReverse(options.tabu, move, from, until);
    if (graph.makespan < best.makespan) {
      best = graph.snapshot();
      touched += graph.opCount;
      stall = 0;
      options.onImprove?.(graph);
    } else stall++;
  }
  return best;
}
