/**
 * Inserting an order into a plan operation by operation (greedy insertion in the style of the insertion
 * heuristics of Werner & Winkler 1995 and the rush-order rescheduling literature): each operation, in
 * routing order, is tried at every position of every unit of each of its alternative resources; the
 * candidate positions are ranked by the operation's own end there, and the plan is re-timed by right
 * shift (right-shift.ts), so that only what the insertion pushes moves.
 *
 * A tolerance decides how much harm to confirmed orders is acceptable: an order is harmed by the minutes it
 * finishes after max(its due date, its completion in the current plan), weighted by its priority (issue 15:
 * a priority-1 minute weighs 10,000 priority-5 ones). With an unlimited tolerance ("fastest") the earliest
 * candidate is taken; with tolerance W the earliest candidate that leaves at most W weighted harm (the
 * plan's baseline harm included), found by binary search between the earliest candidate and the
 * earliest append-at-the-end-of-a-unit candidate, which never harms anyone (nothing follows it); the
 * binary search assumes harm shrinks as the position gets later, which holds but for changeover effects,
 * and its answer is verified, so a violation costs earliness, never soundness. Appending
 * everywhere is also a mode of its own: the baseline the other plans are measured against.
 */
import { cloneSequencing } from "../schedule/decode-schedule.ts";
import type { Sequencing } from "../schedule/decode-schedule.ts";
import { newPlacement } from "../schedule/place-operation.ts";
import type { Placement } from "../schedule/place-operation.ts";
import { FREE } from "../schedule/problem.ts";
import type { PreparedInsertion } from "./prepare-insertion.ts";
import { jobHarm } from "./right-shift.ts";
import type { Timing } from "./right-shift.ts";

/** How much harm to confirmed orders an insertion may do: at most `tolerance` weighted harm, or append only. */
export type InsertionMode = { kind: "tolerance"; tolerance: number } | { kind: "append" };

/** A plan: sequencing and times. */
export interface PlanState {
  sequencing: Sequencing;
  timing: Timing;
}

export type InsertOutcome = { ok: true; state: PlanState } | { ok: false; horizon: true };

interface Candidate {
  machine: number;
  position: number;
  end: number;
  append: boolean;
}

function copyTiming(t: Timing): Timing {
  return { start: t.start.slice(), end: t.end.slice(), changeover: t.changeover.slice(), ...(t.continues !== undefined ? { continues: t.continues.slice() } : {}) };
}

function insertAt(s: Sequencing, op: number, m: number, position: number): void {
  const list = s.seq[m]!;
  list.splice(position, 0, op);
  s.machineOf[op] = m;
  for (let i = position; i < list.length; i++) s.posOf[list[i]!] = i;
}

function removeAt(s: Sequencing, m: number, position: number): void {
  const list = s.seq[m]!;
  const [op] = list.splice(position, 1);
  s.machineOf[op!] = -1;
  s.posOf[op!] = -1;
  for (let i = position; i < list.length; i++) s.posOf[list[i]!] = i;
}

/**
 * The latest completion a confirmed job may have without being harmed, per job (Infinity for inserted jobs):
 * its due date or its completion in the current plan as given, whichever is later (the options' impact is
 * measured against that plan too). A job the given plan lacks (all of it done) keeps its re-timed completion.
 */
export function harmLimits(prepared: PreparedInsertion): Float64Array {
  const p = prepared.compiled.problem;
  const limits = new Float64Array(p.jobs.length).fill(Infinity);
  const inserted = new Set(prepared.insertedJobs);
  p.jobs.forEach((job, j) => {
    if (inserted.has(j) || job.opCount === 0) return;
    const given = prepared.planCompletion[j]!;
    limits[j] = Math.max(job.due, Number.isNaN(given) ? prepared.timing.end[job.firstOp + job.opCount - 1]! : given);
  });
  return limits;
}

/**
 * The harm the current plan takes before anything is inserted, as re-timed from now: progress reported since
 * the plan was made, or the changeover an order taken out of it leaves behind, can push confirmed orders past
 * their limits. No shift-only insertion undoes it, so the tolerances count from it.
 */
export function baselineHarm(prepared: PreparedInsertion, limits: Float64Array): number {
  return weightedHarm(prepared, limits, prepared.timing);
}

/** Σ priority weight × minutes past the harm limit over the confirmed jobs. */
export function weightedHarm(prepared: PreparedInsertion, limits: Float64Array, timing: Timing): number {
  const p = prepared.compiled.problem;
  let harm = 0;
  p.jobs.forEach((job, j) => {
    if (job.opCount > 0) harm += jobHarm(p, limits, j, timing.end[job.firstOp + job.opCount - 1]!);
  });
  return harm;
}

/** Every position of op on every unit of its alternatives, earliest end first (ties: later position, less disruption). */
function candidatesFor(prepared: PreparedInsertion, state: PlanState, op: number, out: Placement): Candidate[] | null {
  const p = prepared.compiled.problem;
  const { shifter } = prepared;
  const { sequencing: s, timing } = state;
  const ready = shifter.materialReady(s, op, shifter.jobReady(op, timing));
  const candidates: Candidate[] = [];
  for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
    const resource = p.resources[p.altResource[a]!]!;
    for (let m = resource.firstMachine; m < resource.firstMachine + resource.units; m++) {
      const list = s.seq[m]!;
      // Positions whose predecessor ends before the operation is ready all start it alike: keep the last.
      let first = 0;
      while (first < list.length && timing.end[list[first]!]! <= ready) first++;
      for (let position = Math.max(0, first); position <= list.length; position++) {
        if (!shifter.place(op, m, position > 0 ? list[position - 1]! : -1, ready, timing, out)) return null;
        candidates.push({ machine: m, position, end: out.end, append: position === list.length });
      }
    }
  }
  candidates.sort((x, y) => x.end - y.end || Number(y.append) - Number(x.append) || y.position - x.position || x.machine - y.machine);
  return candidates;
}

/**
 * Inserts every free operation of job into a copy of state.
 * @param limits harm limits per job (harmLimits), used by the tolerance mode
 */
export function insertJob(prepared: PreparedInsertion, state: PlanState, job: number, mode: InsertionMode, limits: Float64Array): InsertOutcome {
  const p = prepared.compiled.problem;
  const { shifter } = prepared;
  const s = cloneSequencing(state.sequencing);
  let timing = copyTiming(state.timing);
  const placement = newPlacement();
  const { firstOp, opCount } = p.jobs[job]!;
  for (let op = firstOp; op < firstOp + opCount; op++) {
    if (p.opState[op] !== FREE) continue;
    const candidates = candidatesFor(prepared, { sequencing: s, timing }, op, placement);
    if (candidates === null) return { ok: false, horizon: true };
    const safe = candidates.findIndex((c) => c.append);
    const cap = mode.kind === "tolerance" && mode.tolerance !== Infinity ? { limits, tolerance: mode.tolerance, harm: weightedHarm(prepared, limits, timing) } : undefined;
    // Tries candidate i: the re-timed plan when acceptable, else null (the sequencing is left unchanged).
    // Only what the insertion pushes is re-timed (shiftFrom). No candidate can close a cycle: every
    // operation at or after its position ends after op is ready, so none of them precedes op.
    let horizon = false;
    const attempt = (i: number): Timing | null => {
      const c = candidates[i]!;
      insertAt(s, op, c.machine, c.position);
      const trial = copyTiming(timing);
      const outcome = shifter.shiftFrom(s, trial, op, cap);
      if (outcome === "horizon") horizon = true;
      if (outcome === "ok") return trial;
      removeAt(s, c.machine, c.position);
      return null;
    };
    let chosen: Timing | null = null;
    if (mode.kind === "append") chosen = attempt(safe);
    else {
      // The earliest candidate first: when it harms no more than tolerated, it is the answer.
      chosen = attempt(0);
      if (chosen === null && !horizon) {
        let lo = 1;
        let hi = safe;
        while (lo < hi && !horizon) {
          const mid = (lo + hi) >>> 1;
          if (attempt(mid) === null) lo = mid + 1;
          else {
            removeAt(s, candidates[mid]!.machine, candidates[mid]!.position);
            hi = mid;
          }
        }
        if (!horizon) chosen = attempt(hi);
      }
    }
    if (horizon) return { ok: false, horizon: true };
    if (chosen === null) throw new Error(`no position accepted operation ${op}, not even appending`);
    timing = chosen;
  }
  return { ok: true, state: { sequencing: s, timing } };
}
