/**
 * Countermeasure planning: solves the LP of countermeasures-model.ts lexicographically (preemptive goal
 * programming, e.g. Williams, Model Building in Mathematical Programming, §5.5) and turns its columns into
 * the planner's actions.
 *   Phase 1: the least uncovered overload U* any mix of the allowed levers achieves.
 *   Phase 2: the cheapest plan with uncovered ≤ U* (plus a hair of tolerance).
 * Outcomes are values: a phase-1 failure reports its status with no actions (everything overloaded stays
 * uncovered); a phase-2 time-out (or failure) keeps its status but falls back to the phase-1 plan, which
 * covers as much but may cost more.
 * `after` and `uncovered` are recomputed from the reported (rounded) actions, so they agree with them
 * exactly rather than with the LP's internal slack values.
 */
import type { CountermeasureAction, Countermeasures } from "../../src/capacity.ts";
import type { LpEngine, LpSolution } from "../lp/model.ts";
import type { CountermeasureInput, Lever } from "./countermeasures-model.ts";
import { OVERLOAD_TOLERANCE, buildCountermeasureModel } from "./countermeasures-model.ts";
import { roundMinutes } from "./four-step-report.ts";

export interface CountermeasureDeps {
  readonly engine: LpEngine;
  /** Wall-clock budget for both LP phases together, seconds. Default: the engine's own (none). */
  readonly timeLimitSeconds?: number;
}

/** Relative slack on U* in phase 2, so that the engine's feasibility tolerance cannot make it infeasible. */
const COVERAGE_SLACK = 1e-9;

function actionsOf(levers: readonly Lever[], values: readonly number[], input: CountermeasureInput): CountermeasureAction[] {
  const id = (r: number) => input.resources[r]!.id;
  const actions: CountermeasureAction[] = [];
  levers.forEach((lever, i) => {
    if (lever.kind === "uncovered") return;
    const minutes = roundMinutes(values[i] ?? 0);
    if (!(minutes > 0)) return;
    const action: CountermeasureAction = { kind: lever.kind, resource: id(lever.resource), bucket: lever.bucket, minutes, cost: minutes * lever.costPerMinute };
    if (lever.kind === "build-ahead") action.toBucket = lever.toBucket;
    if (lever.kind === "alternate") Object.assign(action, { toResource: id(lever.toResource), item: lever.item, operation: lever.operation });
    if (lever.kind === "defer") Object.assign(action, { order: input.orders[lever.order]!.id, toBucket: lever.toBucket });
    actions.push(action);
  });
  return actions;
}

/** The load and capacity profile after the actions, and what stays uncovered. */
function afterActions(input: CountermeasureInput, actions: readonly CountermeasureAction[]): Pick<Countermeasures, "after" | "uncovered"> {
  const load = input.load.map((l) => Float64Array.from(l));
  const available = input.available.map((a) => Float64Array.from(a));
  const index = (id: string) => input.resourceIndex.get(id)!;
  for (const a of actions) {
    const r = index(a.resource);
    if (a.kind === "overtime") available[r]![a.bucket]! += a.minutes * input.resources[r]!.efficiency;
    else {
      load[r]![a.bucket]! -= a.minutes;
      if (a.kind === "alternate") load[index(a.toResource!)]![a.bucket]! += a.minutes;
      if (a.kind === "build-ahead" || a.kind === "defer") load[r]![a.toBucket!]! += a.minutes;
    }
  }
  const uncovered: Countermeasures["uncovered"] = [];
  input.resources.forEach((resource, r) => {
    load[r]!.forEach((l, b) => {
      const minutes = l - available[r]![b]!;
      if (minutes > OVERLOAD_TOLERANCE) uncovered.push({ resource: resource.id, bucket: b, minutes: roundMinutes(minutes) });
    });
  });
  const after = input.resources.map((resource, r) => ({
    resource: resource.id,
    loadMinutes: Array.from(load[r]!, roundMinutes),
    availableMinutes: Array.from(available[r]!, roundMinutes),
  }));
  return { after, uncovered };
}

function plan(input: CountermeasureInput, status: Countermeasures["status"], actions: CountermeasureAction[]): Countermeasures {
  const totalCost = actions.reduce((sum, a) => sum + a.cost, 0);
  return { status, totalCost, actions, ...afterActions(input, actions) };
}

export async function planCountermeasures(input: CountermeasureInput, deps: CountermeasureDeps): Promise<Countermeasures> {
  const model = buildCountermeasureModel(input);
  if (!model.levers.some((l) => l.kind === "uncovered")) return plan(input, "optimal", []);

  const budget = deps.timeLimitSeconds;
  const coverage = await deps.engine.solve(model.coverageModel(), budget === undefined ? {} : { timeLimitSeconds: budget });
  if (coverage.status !== "optimal") return plan(input, coverage.status, []);

  const remaining = budget === undefined ? undefined : Math.max(0.1, budget - coverage.elapsedMs / 1000);
  const limit = coverage.objective + COVERAGE_SLACK * Math.max(1, coverage.objective);
  const cost: LpSolution = await deps.engine.solve(model.costModel(limit), remaining === undefined ? {} : { timeLimitSeconds: remaining });
  if (cost.status === "optimal") return plan(input, "optimal", actionsOf(model.levers, cost.values, input));
  return plan(input, cost.status, actionsOf(model.levers, coverage.values, input));
}
