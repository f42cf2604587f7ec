/**
 * Exact evaluation of the tabu search's neighbours: incrementally (incremental-decode.ts) where that is exact,
 * otherwise by decoding the whole neighbour. Costs are counted in the search's deterministic work units
 * (decode-cost.ts): a full decode costs its free operations, weighted; an incremental one the operations it
 * re-placed.
 */
import { retimeCost } from "./decode-cost.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { IncrementalDecoder, incrementalApplies } from "./incremental-decode.ts";
import type { Objective } from "./objective.ts";
import { relocate } from "./relocate.ts";
import type { Relocation } from "./relocate.ts";

/**
 * Above this many free operations a neighbour whose re-timing reaches more than a fifth of them is left
 * out, unevaluated: in a loaded plant a move early in the plan shifts most of what follows, and evaluating
 * it costs nearly a full decode. The search then moves where changes stay local (the later part of the plan,
 * lightly loaded units), many times per second instead of once; wide changes are for the large-neighbourhood
 * search.
 */
const PLANT_SCALE = 20_000;
const REACH_SHARE = 5;

export class NeighbourEvaluator {
  /** Work units spent by the last call. */
  cost = 0;
  private readonly incremental: IncrementalDecoder | null;
  private readonly full: number;
  /** Placements a trial may take before its neighbour is left out. */
  private readonly reach: number;

  /**
   * @param incremental false when the caller needs every decode in full (the makespan estimates read the
   *   topological order and tails of a full decode, Decoder.computeTails)
   */
  constructor(
    private readonly decoder: Decoder,
    incremental = true,
  ) {
    this.incremental = incremental && incrementalApplies(decoder) ? new IncrementalDecoder(decoder) : null;
    this.full = decoder.fullCost;
    this.reach = decoder.freeCount > PLANT_SCALE ? Math.ceil(decoder.freeCount / REACH_SHARE) : Infinity;
  }

  /**
   * The objective of s after the move, or null when that does not decode (or reaches too far to evaluate at
   * plant scale, see PLANT_SCALE); s is left as it was. Incremental:
   * the decoder keeps s's schedule. Full decoding: the decoder is left with the neighbour's (apply decodes).
   */
  trial(s: Sequencing, move: Relocation): Objective | null {
    const d = this.decoder;
    const undo = relocate(s, move);
    const inc = this.incremental;
    this.cost = 0;
    if (inc !== null) {
      const ok = inc.retime(s, undo, this.reach);
      this.cost = retimeCost(inc.replaced);
      const objective = d.objective;
      inc.undo();
      if (ok || inc.cyclic || inc.truncated) {
        relocate(s, undo);
        return ok ? objective : null;
      }
    }
    const ok = d.decode(s);
    this.cost += this.full * d.passes;
    relocate(s, undo);
    const objective = ok ? d.objective.slice() : null;
    if (inc !== null) {
      // The incremental decoder works from s's schedule: decode it again.
      d.decode(s);
      this.cost += this.full;
    }
    return objective;
  }

  /** Applies the move to s with the decoder's schedule following it; false (s and its schedule restored) when s then does not decode. */
  apply(s: Sequencing, move: Relocation): boolean {
    const d = this.decoder;
    const undo = relocate(s, move);
    const inc = this.incremental;
    this.cost = 0;
    if (inc !== null) {
      const ok = inc.retime(s, undo);
      this.cost = retimeCost(inc.replaced);
      if (ok) return true;
      inc.undo();
      if (inc.cyclic) {
        relocate(s, undo);
        return false;
      }
    }
    if (d.decode(s)) {
      this.cost += this.full;
      return true;
    }
    relocate(s, undo);
    d.decode(s);
    this.cost += 2 * this.full;
    return false;
  }
}
