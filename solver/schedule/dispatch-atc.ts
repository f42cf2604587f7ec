/**
 * Construction: non-delay dispatching simulated over time (Giffler & Thompson 1960 style), the next free
 * machine unit choosing among the operations released to its resource by a priority index:
 * - tardiness: ATCS, Apparent Tardiness Cost with Setups (Lee, Bhaskaran & Pinedo 1997):
 *   (w / p) · exp(−slack⁺ / (k1 · p̄)) · exp(−changeover / s̄) (k2 = 1), slack measured against the order's
 *   remaining work stretched by the resource's calendar (the share of elapsed time that is working time);
 * - makespan: most work remaining (MWKR).
 * An operation with alternatives is left to another resource when that one would finish it clearly sooner.
 * With material (issue 14) a machine only takes an operation whose components are there when it could
 * start (the decoder's ledger, counting everything dispatched so far as consumed) and not needed by more
 * important orders released soon (material-lookahead.ts); one that is short is released again when supply
 * next grows, when an order producing the item is dispatched, or when those orders are released.
 * Only the sequencing is kept: the decoder recomputes the times with exactly the same placement rule.
 * Issue 16: the slices of a routing operation are released together once every slice of the previous one
 * is dispatched (at its first transfer batch when it has one); a unit prefers the next slice of the lot it
 * has just run (no setup: it continues the part); an operation with a maximum wait goes before any other,
 * the earliest deadline first, so that the decoder rarely has to hold its predecessor back.
 */
import { BinaryHeap } from "./binary-heap.ts";
import { DispatchQueue } from "./dispatch-queue.ts";
import type { Decoder, Sequencing } from "./decode-schedule.ts";
import { MaterialLookahead } from "./material-lookahead.ts";
import { newPlacement } from "./place-operation.ts";
import { placeSlice } from "./place-slice.ts";
import { altIndex, changeoverMinutes, FREE, jobEnd } from "./problem.ts";
import type { SchedulingProblem } from "./problem.ts";
import { newReadyBounds, routingReady } from "./routing-ready.ts";
import type { Random } from "../random.ts";

/** Operations whose full priority index is evaluated at each pick. */
const CANDIDATES = 24;
/** Priority of an operation with a maximum wait over any other (minus its deadline, so the earliest goes first). */
const WAIT_FIRST = 1e15;
/** Picks between two polls of the caller's stop condition (construction counts against the time limit). */
const POLL_EVERY = 512;

export interface DispatchRule {
  /** ATC look-ahead k1 (typical 1…3). */
  k1: number;
  /** Relative random perturbation of every priority index, 0 for the plain rule. */
  noise: number;
}

function minWork(problem: SchedulingProblem, op: number): number {
  let best = Infinity;
  for (let a = problem.altStart[op]!; a < problem.altStart[op + 1]!; a++) best = Math.min(best, problem.altWork[a]!);
  return best;
}

/** Share of elapsed time that is working time, over four weeks from the origin (1 without a calendar). */
function workingShare(problem: SchedulingProblem, r: number): number {
  const calendar = problem.resources[r]!.calendar;
  if (calendar === null) return 1;
  const span = 4 * 7 * 1440;
  return Math.max(0.05, calendar.workingMinutesBetween(problem.origin, problem.origin + span) / span);
}

/**
 * A sequencing built by dispatching; null when a calendar's horizon is too short, "stopped" when `shouldStop`
 * held before it was complete.
 */
export function dispatchSchedule(decoder: Decoder, rule: DispatchRule, random: Random, shouldStop: () => boolean = () => false): Sequencing | null | "stopped" {
  const p = decoder.problem;
  const n = p.opCount;
  const { prevOp, nextOp, fixedByMachine } = decoder;
  const rules = p.rules;
  const remaining = new Float64Array(n);
  for (const job of p.jobs) {
    let sum = 0;
    for (let op = job.firstOp + job.opCount - 1; op >= job.firstOp; ) {
      const first = rules === null ? op : rules.partFirst[op]!;
      // The slices of a split lot share the units that can run them.
      let units = 0;
      for (let a = p.altStart[first]!; a < p.altStart[first + 1]!; a++) units += p.resources[p.altResource[a]!]!.units;
      sum += (minWork(p, first) * (op - first + 1)) / Math.max(1, Math.min(op - first + 1, units));
      for (let k = first; k <= op; k++) remaining[k] = sum;
      op = first - 1;
    }
  }
  let pSum = 0;
  let freeOps = 0;
  for (let op = 0; op < n; op++) if (p.opState[op] === FREE) (pSum += minWork(p, op), freeOps++);
  const pBar = Math.max(1, pSum / Math.max(1, freeOps));
  let sSum = 0;
  let sCount = 0;
  for (const r of p.resources) for (const v of r.changeover ?? []) if (v > 0) (sSum += v, sCount++);
  const sBar = sCount > 0 ? sSum / sCount : 1;
  const share = p.resources.map((_, r) => workingShare(p, r));
  const jitter = Float64Array.from({ length: n }, () => 1 + rule.noise * (random.next() - 0.5));
  // A maximum wait's deadline, set when the operation is released (Infinity: none).
  const deadline = new Float64Array(n).fill(Infinity);
  const waits = rules?.maxWait.some((w) => w !== Infinity) === true;
  // What priority() reads of a candidate, side by side (remaining, jitter, target, weight): it runs about
  // 700,000 times on a 50,000-operation plant, where the scattered reads (four arrays and the job) cost as much as its arithmetic.
  const hot = new Float64Array(4 * n);
  for (let op = 0; op < n; op++) {
    const job = p.jobs[p.opJob[op]!]!;
    (hot[4 * op] = remaining[op]!), (hot[4 * op + 1] = jitter[op]!), (hot[4 * op + 2] = job.target), (hot[4 * op + 3] = Math.max(job.weight, 1e-6));
  }
  // Static ranking: with positive slack, ATC orders operations by due − remaining − k1·p̄·ln(w/p), whatever t is.
  const staticKey = (op: number, r: number): number => {
    if (deadline[op]! !== Infinity) return deadline[op]! - WAIT_FIRST;
    if (p.objective === "makespan") return -remaining[op]! * jitter[op]!;
    const job = p.jobs[p.opJob[op]!]!;
    const base = Math.max(1, p.altWork[altIndex(p, op, r)]!);
    return (job.target - p.origin - remaining[op]! / share[r]! - rule.k1 * pBar * Math.log(Math.max(job.weight, 1e-6) / base)) * jitter[op]!;
  };

  const seq: number[][] = Array.from({ length: p.machineCount }, () => []);
  const machineOf = new Int32Array(n).fill(-1);
  const posOf = new Int32Array(n).fill(-1);
  const ready = new Float64Array(n);
  const taken = new Uint8Array(n);
  const prevEnd = new Float64Array(p.machineCount).fill(-Infinity);
  const prevFamily = new Int32Array(p.machineCount).fill(-1);
  // Released operations per resource, ordered by the static part of the index; the candidates evaluated
  // at each pick are the best CANDIDATES of them, so a pick costs O(log n) however long the queue grows.
  const available = p.resources.map(() => new DispatchQueue(CANDIDATES));
  const candidates: number[] = [];
  const candidateKeys: number[] = [];
  const idle: number[][] = p.resources.map((r) => Array.from({ length: r.units }, (_, u) => r.firstMachine + u));
  const pending = new BinaryHeap();
  const awake = new BinaryHeap();
  const place = newPlacement();
  const bounds = newReadyBounds();
  const view = { start: decoder.start, end: decoder.end, changeover: decoder.changeover, continues: decoder.runs?.continues ?? null, machineOf, seq, posOf };
  // Free slices of each routing operation not dispatched yet (at its first slice): the next one is released at 0.
  const slicesLeft = new Int32Array(n);
  for (let op = 0; op < n; op++) {
    const first = rules === null ? op : rules.partFirst[op]!;
    if (p.opState[op] === FREE) slicesLeft[first] = slicesLeft[first]! + 1;
  }

  const release = (op: number) => {
    routingReady(p, prevOp, op, -1, view, bounds);
    ready[op] = bounds.start;
    if (rules !== null && rules.maxWait[op] !== Infinity && prevOp[op]! >= 0) {
      const pred = prevOp[op]!;
      let last = -Infinity;
      for (let k = rules.partFirst[pred]!; k <= pred; k++) last = Math.max(last, decoder.end[k]!);
      deadline[op] = last + rules.maxWait[op]!;
    }
    pending.push(ready[op]!, op);
  };
  const ledger = decoder.resetLedger();
  // Set when only operations waiting for material are left: the decoder will time them, and reject the
  // sequencing if they deadlock (the construction then unblocks it).
  let force = false;
  const waiting: number[][] = ledger === null ? [] : ledger.model.items.map(() => []);
  const lookahead = ledger === null ? null : new MaterialLookahead(p);
  /** False (and op released again later) when op's material is short at t, or kept for more important orders. */
  const materialThere = (op: number, t: number): boolean => {
    if (ledger === null || force) return true;
    if (ledger.covers(op, t)) {
      const until = lookahead!.holdUntil(op, t, ledger, taken);
      if (until === -Infinity) return true;
      blocked[op] = 1;
      ready[op] = until;
      pending.push(until, op);
      return false;
    }
    const next = ledger.nextSupply(op, t);
    blocked[op] = 1;
    if (next === Infinity) waiting[ledger.shortItem]!.push(op);
    else {
      ready[op] = next;
      pending.push(next, op);
    }
    return false;
  };
  const seen = new Int32Array(n);
  // Short operations wait in `pending` (or `waiting`); their entries left in other resources' queues are dropped.
  const blocked = new Uint8Array(n);
  let pick = 0;
  for (let op = 0; op < n; op++) {
    if (p.opState[op] === FREE && (prevOp[op]! < 0 || slicesLeft[rules === null ? prevOp[op]! : rules.partFirst[prevOp[op]!]!] === 0)) release(op);
  }
  const machineFree = (r: number) => {
    const res = p.resources[r]!;
    let best = Infinity;
    for (let u = 0; u < res.units; u++) best = Math.min(best, prevEnd[res.firstMachine + u]!);
    return best;
  };
  let lastCo = Number.NaN;
  let lastCoFactor = 1;
  /** The index of op on unit m of resource r at t; −Infinity, without working it out, when it cannot beat `beat`. */
  const priority = (op: number, m: number, r: number, t: number, beat: number): number => {
    if (waits && deadline[op]! !== Infinity) return WAIT_FIRST - deadline[op]!;
    const h = 4 * op;
    const base = p.altWork[altIndex(p, op, r)]!;
    const last = seq[m]!.length > 0 ? seq[m]![seq[m]!.length - 1]! : -1;
    // Running on with the lot just run saves its setup, as a changeover saved would.
    const co =
      rules !== null && last >= 0 && rules.partFirst[last] === rules.partFirst[op]
        ? -rules.setup[op]!
        : changeoverMinutes(p, r, prevEnd[m] === -Infinity ? p.initialFamily[m]! : prevFamily[m]!, p.opFamily[op]!);
    if (p.objective === "makespan") return (hot[h]! - co) * hot[h + 1]!;
    const slack = Math.max(0, hot[h + 2]! - hot[h]! / share[r]! - t);
    // The same arithmetic as written out, with exp(−0) = 1 and the changeover's factor (few distinct values)
    // remembered. Every factor is positive and the urgency at most 1, so the index with urgency 1 bounds it
    // (rounding is monotone too): a candidate whose bound is below the best so far is passed over unworked.
    if (co !== lastCo) (lastCo = co), (lastCoFactor = Math.exp(-co / sBar));
    const ratio = hot[h + 3]! / Math.max(1, base + co);
    if (slack === 0) return (ratio * 1 * lastCoFactor) * hot[h + 1]!;
    if (ratio * lastCoFactor * hot[h + 1]! < beat) return -Infinity;
    return (ratio * Math.exp(-slack / (rule.k1 * pBar)) * lastCoFactor) * hot[h + 1]!;
  };
  const prefersOther = (op: number, r: number, t: number): boolean => {
    if (p.altStart[op + 1]! - p.altStart[op]! < 2) return false;
    const here = t + p.altWork[altIndex(p, op, r)]! / share[r]!;
    for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
      const other = p.altResource[a]!;
      if (other !== r && Math.max(t, machineFree(other)) + p.altWork[a]! / share[other]! < here - 1e-9) return true;
    }
    return false;
  };

  for (let step = 1; ; step++) {
    if (step % POLL_EVERY === 0 && shouldStop()) return "stopped";
    const tRelease = pending.peekKey();
    const tMachine = awake.peekKey();
    if (tRelease === Infinity && tMachine === Infinity) {
      const left = waiting.flat();
      if (left.length === 0) break;
      force = true;
      for (const w of left) pending.push(ready[w]!, w);
      for (const list of waiting) list.length = 0;
      continue;
    }
    if (tRelease <= tMachine) {
      const op = pending.pop()!;
      blocked[op] = 0;
      for (let a = p.altStart[op]!; a < p.altStart[op + 1]!; a++) {
        const r = p.altResource[a]!;
        available[r]!.push(staticKey(op, r), op);
        for (const m of idle[r]!) awake.push(Math.max(tRelease, prevEnd[m]!), m);
        idle[r]!.length = 0;
      }
      continue;
    }
    const m = awake.pop()!;
    const r = p.machineResource[m]!;
    const queue = available[r]!;
    candidates.length = candidateKeys.length = 0;
    pick++;
    while (candidates.length < CANDIDATES && queue.size > 0) {
      const op = queue.next();
      // An operation released again after waiting for material may be queued twice: take it once.
      if (taken[op] || seen[op] === pick || blocked[op]) continue;
      seen[op] = pick;
      if (materialThere(op, Math.max(ready[op]!, tMachine))) (candidates.push(op), candidateKeys.push(queue.key));
    }
    let best = -1;
    let bestIndex = -Infinity;
    for (const op of candidates) {
      if (prefersOther(op, r, tMachine)) continue;
      const index = priority(op, m, r, tMachine, bestIndex);
      if (index > bestIndex || (index === bestIndex && op < best)) (best = op), (bestIndex = index);
    }
    // When every candidate would rather go elsewhere, a machine with work queued still takes the first:
    // idling it could leave work no other resource picks up.
    if (best < 0 && candidates.length > 0) best = candidates[0]!;
    queue.keep(candidates, candidateKeys, best);
    if (best < 0) {
      idle[r]!.push(m);
      continue;
    }
    const op = best;
    const last = seq[m]!.length > 0 ? seq[m]![seq[m]!.length - 1]! : -1;
    const machReady = prevEnd[m]!;
    // The end bound of a transfer batch's successor depends on the unit's calendar and speed.
    if (!routingReady(p, prevOp, op, m, view, bounds)) return null;
    if (!placeSlice(p, fixedByMachine[m]!, m, op, last, Math.max(ready[op]!, machReady), machReady, bounds.end, decoder.runs, place)) return null;
    taken[op] = 1;
    ledger?.consume(op);
    machineOf[op] = m;
    posOf[op] = seq[m]!.length;
    seq[m]!.push(op);
    prevEnd[m] = place.end;
    prevFamily[m] = p.opFamily[op]!;
    decoder.start[op] = place.start;
    decoder.end[op] = place.end;
    decoder.changeover[op] = place.changeover;
    awake.push(place.end, m);
    if (--slicesLeft[rules === null ? op : rules.partFirst[op]!]! > 0) continue;
    const succ = nextOp[op]!;
    const succLast = succ < 0 || rules === null ? succ : rules.partLast[succ]!;
    for (let k = succ; k >= 0 && k <= succLast; k++) if (p.opState[k] === FREE) release(k);
    if (ledger !== null && succ < 0) {
      const done = jobEnd(p, p.jobs[p.opJob[op]!]!, decoder.end);
      const item = ledger.produce(p.opJob[op]!, done);
      if (item >= 0) {
        for (const w of waiting[item]!) (ready[w] = Math.max(ready[w]!, done)), pending.push(ready[w]!, w);
        waiting[item]!.length = 0;
      }
    }
  }
  for (let op = 0; op < n; op++) {
    if (p.opState[op] === FREE && !taken[op]) throw new Error(`dispatching left operation ${op} unscheduled`);
  }
  return { machineOf, seq, posOf };
}
