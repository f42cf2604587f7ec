/**
 * The `POST /v1/schedule` answer from the best search result: operations with local date-times, per-order
 * completion and lateness with the resource that held a late order longest, where every order waited and
 * why a late one is late, orders left out for lack of material with their shortages, the projected stock
 * of every material, KPIs and solver statistics. The plan is decoded once more from its sequencing, so
 * that the decoder can say what bound each start.
 */
import type { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { formatDateTime } from "../../src/time.ts";
import { compileProblem } from "./compile-problem.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import { Decoder } from "./decode-schedule.ts";
import { explainWaits } from "./explain-waits.ts";
import type { OrderExplanation } from "./explain-waits.ts";
import { orderTimings, scheduleKpis } from "./kpis.ts";
import { materialProjection } from "./material-projection.ts";
import { DONE, FIXED } from "./problem.ts";
import type { CompactSchedule } from "./search-problem.ts";
import type { ScheduleSearchResult } from "./search-schedule.ts";
import { sequencingFromPlan } from "./sequencing-from-plan.ts";
import { planKey } from "./freeze-plan.ts";
import { planChanges } from "./plan-changes.ts";

export interface ResponseStats {
  elapsedMs: number;
  workers: number;
}

const emptyKpis = { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} };
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Why every job waited: the plan's sequencing decoded again (null if it no longer decodes, which would be a bug). */
function explanations(compiled: CompiledRequest, schedule: CompactSchedule): OrderExplanation[] {
  const p = compiled.problem;
  const decoder = new Decoder(p);
  const s = sequencingFromPlan(p, schedule.machine, schedule.start, schedule.anchored);
  if (!decoder.decode(s)) throw new Error(`the plan's own sequencing does not decode (${decoder.failure})`);
  return explainWaits(decoder, s);
}

/**
 * @param compiled the problem the search solved (runScheduleSearch keeps it); compiled again when absent
 */
export function toScheduleResponse(request: ScheduleRequest, best: ScheduleSearchResult, stats: ResponseStats, compiled?: CompiledRequest | null): ScheduleResponse {
  const solver = { elapsedMs: stats.elapsedMs, iterations: best.iterations, workers: stats.workers, bestFoundAtMs: best.bestFoundAtMs, objective: best.objective };
  const schedule = best.schedule;
  const problem = schedule === null ? null : (compiled ?? compiledAgain(request, best.spanMinutes));
  if (schedule === null || problem === null) {
    // No plan: infeasible, or the time ran out before a first plan was built.
    const status = best.status === "timedout" ? "timedout" : "infeasible";
    return { status, ...(best.reason !== undefined ? { reason: best.reason } : {}), operations: [], orders: [], kpis: emptyKpis, solver };
  }
  const { problem: p, orderOfJob, operationId, setupMinutes } = problem;
  const running = new Set(request.progress.filter((e) => e.status === "running").map((e) => planKey(e.order, e.operation)));
  const issued = new Map((request.reference?.operations ?? []).map((op) => [planKey(op.order, op.operation), op]));
  const operations: ScheduleResponse["operations"] = [];
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] === DONE) continue;
    const machine = schedule.machine[op]!;
    const resource = p.resources[p.machineResource[machine]!]!;
    const order = request.orders[orderOfJob[p.opJob[op]!]!]!.id;
    // Fixed operations are running (progress) or frozen: kept from the reference as issued.
    const key = planKey(order, operationId[op]!);
    const state = p.opState[op] !== FIXED ? "planned" : running.has(key) ? "running" : "frozen";
    if (state === "frozen") {
      operations.push({ ...issued.get(key)!, state });
      continue;
    }
    operations.push({
      order,
      operation: operationId[op]!,
      resource: resource.id,
      unit: machine - resource.firstMachine,
      start: formatDateTime(schedule.start[op]!),
      end: formatDateTime(schedule.end[op]!),
      setupMinutes: state === "running" ? 0 : setupMinutes[op]! + schedule.changeover[op]!,
      changeoverMinutes: state === "running" ? 0 : schedule.changeover[op]!,
      state,
    });
  }
  const timings = orderTimings(problem, schedule);
  const explained = explanations(problem, schedule);
  const jobOfOrder = new Map(orderOfJob.map((o, j) => [o, j]));
  const orders = request.orders.map((order, o): ScheduleResponse["orders"][number] => {
    const shortages = problem.unplannable.get(o);
    if (shortages !== undefined) {
      const neededBy = formatDateTime(problem.orderEarliest[o]!);
      return { id: order.id, due: order.due, status: "unplannable", completion: null, lateMinutes: 0, onTime: false, shortages: shortages.map((s) => ({ item: s.item, quantity: round(s.quantity), neededBy })) };
    }
    const j = jobOfOrder.get(o)!;
    const job = p.jobs[j]!;
    const { completion, lateMinutes } = timings[j]!;
    let heldBy: string | undefined;
    let longest = 0;
    for (let op = job.firstOp; op < job.firstOp + job.opCount && lateMinutes > 0; op++) {
      if (p.opState[op] === DONE || p.opState[op] === FIXED) continue;
      const ready = op > job.firstOp ? Math.max(job.earliest, schedule.end[op - 1]! + p.opMinGap[op]!) : job.earliest;
      const wait = schedule.start[op]! - ready;
      if (wait > longest) {
        longest = wait;
        heldBy = p.resources[p.machineResource[schedule.machine[op]!]!]!.id;
      }
    }
    const { waits, cause } = explained[j]!;
    return {
      id: order.id,
      due: order.due,
      completion: formatDateTime(completion),
      lateMinutes,
      onTime: lateMinutes === 0,
      ...(heldBy !== undefined ? { heldBy } : {}),
      waits,
      ...(lateMinutes > 0 && cause !== null ? { cause } : {}),
    };
  });
  const materials = materialProjection(request, problem, schedule, request.options.materialLedger === true);
  const materialWait = explained.reduce((sum, e) => sum + e.materialMinutes, 0);
  return {
    status: best.status,
    operations,
    ...(request.reference !== undefined ? { changes: planChanges(request, operations) } : {}),
    orders,
    ...(problem.material !== null ? { materials } : {}),
    kpis: scheduleKpis(problem, schedule, timings, materialWait),
    solver,
  };
}

function compiledAgain(request: ScheduleRequest, spanMinutes: number): CompiledRequest | null {
  const result = compileProblem(request, spanMinutes);
  return result.ok ? result.compiled : null;
}
