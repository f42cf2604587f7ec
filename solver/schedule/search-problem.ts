/**
 * One seeded search on an internal problem: construct with dispatching (the plain rule and a randomised
 * variant, keeping the better), then improve with tabu search within a deterministic work budget. Against a
 * reference plan (issue 15) the reference itself, as far as it is still feasible, is a starting candidate too
 * (reference-start.ts), and wins ties: the search only ever moves away from it to something better.
 *
 * On large plans (LARGE_PLAN_OPERATIONS) only the plain dispatching rule constructs, and the large-neighbourhood
 * search (large-plan-search.ts: dispatching rounds, then windows) takes the work budget instead of the tabu search: there one tabu move barely changes
 * the weighted tardiness, a round with another look-ahead can divide it by five. Measured on the benchmark
 * plant (bench/plant-scale.ts, with issue 20's incremental tabu evaluation): giving the tabu search half or a
 * quarter of the 10 s budget did worse; given what the rounds leave (less than one round) it improved 10,000
 * orders by nothing and 50,000 by 0.0004 % in 60 s, while its iterations, whose work is counted in re-timed
 * operations, took 11–23 s more than their work units allow.
 */
import { Decoder } from "./decode-schedule.ts";
import type { Sequencing } from "./decode-schedule.ts";
import { dispatchSchedule } from "./dispatch-atc.ts";
import { meetsLowerBound, objectiveLowerBound } from "./lower-bound.ts";
import { compareObjectives } from "./objective.ts";
import type { SchedulingProblem } from "./problem.ts";
import { createRandom } from "../random.ts";
import { LARGE_PLAN_OPERATIONS } from "./search-budget.ts";
import type { SearchBudget } from "./search-budget.ts";
import { tabuSearch } from "./tabu-search.ts";
import { searchLargePlan } from "./large-plan-search.ts";
import { decodeUnblocked } from "./unblock-material.ts";
import { coversEveryOperation, referenceSequencings } from "./reference-start.ts";

export interface SearchOptions {
  seed: number;
  budget: SearchBudget;
  /** Monotonic clock in ms. */
  clock: () => number;
  onProgress?: (progress: { iterations: number; bestObjective: number[]; elapsedMs: number }) => void;
  /** Cooperative cancel, polled during construction and once per iteration. */
  shouldStop?: () => boolean;
  /** The safety deadline on `clock`; default: the search's start + budget.deadlineMs. */
  deadlineAt?: number;
  /** Free operations above which the large-neighbourhood search takes the budget instead of the tabu search; default LARGE_PLAN_OPERATIONS. */
  lnsAbove?: number;
}

/** A decoded schedule in plain arrays indexed by the problem's operations (done operations: NaN machine). */
export interface CompactSchedule {
  machine: number[];
  start: number[];
  end: number[];
  changeover: number[];
  /** 1 for a slice that continues the part before it on its unit (issue 16); absent without splitting. */
  continues?: number[];
  /** Position of every free operation on its unit: the sequence, which starts alone cannot give when work takes no time. */
  position?: number[];
  /** Re-planning against a reference: 1 for anchored operations (Sequencing.anchored), so the plan decodes again to the same times. */
  anchored?: number[];
}

export interface SearchResult {
  status: "optimal" | "feasible" | "infeasible" | "timedout";
  /** Why no schedule exists (infeasible only). */
  reason?: string;
  objective: number[];
  iterations: number;
  bestFoundAtMs: number;
  elapsedMs: number;
  seed: number;
  schedule: CompactSchedule | null;
}

/**
 * Internal outcome: a result; or the calendars' horizon was too short (compile a longer one and retry); or
 * the first plan cannot keep a job's maximum wait (leave that order out and retry, issue 16): `op` is the
 * operation whose wait it is.
 */
export type ProblemSearchOutcome = SearchResult | "horizon" | { maxWait: { job: number; op: number } };

function compact(decoder: Decoder, s: Sequencing): CompactSchedule {
  const p = decoder.problem;
  const machine = Array.from(s.machineOf);
  for (const f of p.fixed) machine[f.op] = f.machine;
  const schedule: CompactSchedule = {
    machine,
    start: Array.from(decoder.start),
    end: Array.from(decoder.end),
    changeover: Array.from(decoder.changeover),
    ...(decoder.runs !== null ? { continues: Array.from(decoder.runs.continues) } : {}),
    position: Array.from(s.posOf),
  };
  if (s.anchored !== undefined) schedule.anchored = Array.from(s.anchored);
  return schedule;
}

/** A result without a plan: the deadline (or a stop) came before construction finished. */
function constructionStopped(problem: SchedulingProblem, options: SearchOptions, begin: number): SearchResult {
  return {
    status: "timedout",
    reason: `the time ran out before a first plan of the ${problem.opCount.toLocaleString("en-US")} operations was built`,
    objective: [],
    iterations: 0,
    bestFoundAtMs: 0,
    elapsedMs: options.clock() - begin,
    seed: options.seed,
    schedule: null,
  };
}

export function searchProblem(problem: SchedulingProblem, options: SearchOptions): ProblemSearchOutcome {
  const { clock, seed } = options;
  const begin = clock();
  const deadline = options.deadlineAt ?? begin + options.budget.deadlineMs;
  const stopNow = () => clock() >= deadline || options.shouldStop?.() === true;
  const random = createRandom(seed);
  const decoder = new Decoder(problem);
  let initial: Sequencing | null = null;
  let initialObjective: number[] = [];
  /**
   * Decodes a candidate start and keeps it when it is better (or, `ties`, as good); "horizon" when the horizon is
   * too short, "max-wait" when it cannot keep a maximum wait (issue 16).
   */
  const consider = (s: Sequencing, ties: boolean): "ok" | "horizon" | "max-wait" => {
    if (!decodeUnblocked(decoder, s)) {
      if (decoder.failure === "horizon" || decoder.failure === "max-wait") return decoder.failure;
      throw new Error(`the constructed sequencing does not decode (${decoder.failure})`);
    }
    const c = initial === null ? -1 : compareObjectives(decoder.objective, initialObjective);
    if (c < 0 || (ties && c === 0)) {
      initial = s;
      initialObjective = decoder.objective.slice();
    }
    return "ok";
  };
  const rules = [{ k1: 2, noise: 0 }, { k1: 0.5 + 3 * random.next(), noise: 0.3 }];
  // A second, randomised construction pays off on small problems; on large ones the first plan is wanted fast,
  // and against a reference that has every operation dispatching is only needed on small ones.
  if (decoder.freeCount > LARGE_PLAN_OPERATIONS) rules.length = problem.stability !== null && coversEveryOperation(problem) ? 0 : 1;
  let dispatched: { s: Sequencing; start: Float64Array } | null = null;
  for (const [k, rule] of rules.entries()) {
    // The second construction only when there is time for it: the first is the plan a late start needs.
    if (initial !== null && stopNow()) break;
    const s = dispatchSchedule(decoder, rule, random, stopNow);
    if (s === "stopped") break;
    if (s === null) return "horizon";
    // Against a reference every sequencing carries anchors, so the search can anchor what it restores.
    if (problem.stability !== null) s.anchored = new Uint8Array(problem.opCount);
    const outcome = consider(s, false);
    if (outcome === "horizon") return "horizon";
    // The plain rule decides which orders cannot keep their maximum waits (the same for every seed); a
    // randomised plan that cannot is only dropped.
    if (outcome === "max-wait" && k === 0) return { maxWait: { job: decoder.failedJob, op: decoder.failedOp } };
    if (outcome === "max-wait") continue;
    dispatched ??= { s, start: decoder.start.slice() };
  }
  // The reference's starts need a dispatching plan for the operations it lacks, unless construction stopped before one.
  if (problem.stability !== null && (dispatched !== null || coversEveryOperation(problem))) {
    // A start from the reference that cannot keep a maximum wait is only dropped.
    for (const s of referenceSequencings(decoder, dispatched)) if (consider(s, true) === "horizon") return "horizon";
  }
  if (initial === null) return constructionStopped(problem, options, begin);
  const bound = objectiveLowerBound(problem);
  const progress = (iterations: number, best: number[]) => options.onProgress?.({ iterations, bestObjective: best, elapsedMs: clock() - begin });
  let lns = { iterations: 0, completed: true };
  let lnsFoundAt = clock();
  let lnsBest = initialObjective;
  if (decoder.freeCount > (options.lnsAbove ?? LARGE_PLAN_OPERATIONS) && problem.stability === null) {
    const maxIterations = options.budget.maxIterations;
    const searched = searchLargePlan(decoder, { s: initial!, objective: initialObjective, k1: rules[0]!.k1 }, seed, {
      random,
      workUnits: options.budget.workUnits,
      ...(maxIterations !== undefined ? { maxIterations } : {}),
      stopNow,
      onImprovement: (iterations, best) => {
        lnsFoundAt = clock();
        progress(iterations, best);
      },
    });
    initial = searched.best.s;
    lnsBest = searched.best.objective;
    lns = searched;
  }
  const maxIterations = options.budget.maxIterations === undefined ? undefined : options.budget.maxIterations - lns.iterations;
  const tabu = tabuSearch(decoder, initial!, {
    random,
    workUnits: lns.iterations > 0 ? 0 : options.budget.workUnits,
    ...(maxIterations !== undefined ? { maxIterations } : {}),
    deadline,
    clock,
    ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    isOptimal: (objective) => meetsLowerBound(problem, bound, objective),
    onProgress: (iterations, best) => progress(lns.iterations + iterations, best),
  });
  if (!decoder.decode(tabu.best)) throw new Error("the best sequencing no longer decodes");
  // A cooperative cancel is the pool's deadline: like the safety deadline it cut the search short.
  const cutShort = tabu.stoppedBy === "deadline" || tabu.stoppedBy === "cancel" || !lns.completed;
  const status = tabu.stoppedBy === "optimal" ? "optimal" : cutShort ? "timedout" : "feasible";
  // The tabu search counts its own start as its best's time when it improved nothing after the rounds.
  const foundAt = lns.iterations > 0 && compareObjectives(tabu.bestObjective, lnsBest) === 0 ? lnsFoundAt : tabu.bestFoundAt;
  return {
    status,
    objective: tabu.bestObjective,
    iterations: lns.iterations + tabu.iterations,
    bestFoundAtMs: foundAt - begin,
    elapsedMs: clock() - begin,
    seed,
    schedule: compact(decoder, tabu.best),
  };
}
