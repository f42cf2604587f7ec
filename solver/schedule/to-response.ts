/**
 * The `POST /v1/schedule` answer from the best search result: operations with local date-times, per-order
 * completion and lateness with the resource that held a late order longest, KPIs and solver statistics.
 */
import type { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { formatDateTime } from "../../src/time.ts";
import { compileProblem } from "./compile-problem.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import { orderTimings, scheduleKpis } from "./kpis.ts";
import { DONE, FIXED } from "./problem.ts";
import type { ScheduleSearchResult } from "./search-schedule.ts";

export interface ResponseStats {
  elapsedMs: number;
  workers: number;
}

const emptyKpis = { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} };

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
  const operations: ScheduleResponse["operations"] = [];
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] === DONE) continue;
    const machine = schedule.machine[op]!;
    const resource = p.resources[p.machineResource[machine]!]!;
    const running = p.opState[op] === FIXED;
    operations.push({
      order: request.orders[orderOfJob[p.opJob[op]!]!]!.id,
      operation: operationId[op]!,
      resource: resource.id,
      unit: machine - resource.firstMachine,
      start: formatDateTime(schedule.start[op]!),
      end: formatDateTime(schedule.end[op]!),
      setupMinutes: running ? 0 : setupMinutes[op]! + schedule.changeover[op]!,
      changeoverMinutes: running ? 0 : schedule.changeover[op]!,
      state: running ? "running" : "planned",
    });
  }
  const timings = orderTimings(problem, schedule);
  const orders: ScheduleResponse["orders"] = p.jobs.map((job, j) => {
    const order = request.orders[orderOfJob[j]!]!;
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
    return { id: order.id, due: order.due, completion: formatDateTime(completion), lateMinutes, onTime: lateMinutes === 0, ...(heldBy !== undefined ? { heldBy } : {}) };
  });
  return { status: best.status, operations, orders, kpis: scheduleKpis(problem, schedule, timings), solver };
}

function compiledAgain(request: ScheduleRequest, spanMinutes: number): CompiledRequest | null {
  const result = compileProblem(request, spanMinutes);
  return result.ok ? result.compiled : null;
}
