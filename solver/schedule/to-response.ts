/**
 * The `POST /v1/schedule` answer from the best search result: operations with local date-times (the parts
 * of split operations, part-rows.ts), per-order completion and lateness with the resource that held a late
 * order longest, where every order waited and why a late one is late, orders left out (for lack of material
 * with their shortages, or with the reason a rule cannot be kept), the projected stock of every material,
 * KPIs and solver statistics. The plan is decoded once more from its sequencing, so that the decoder can say
 * what bound each start. With just-in-time timing (issue 16) the reported times are the early plan's moved
 * as late as they may go (just-in-time.ts); the waits and causes still explain the early plan, i.e. why an
 * order cannot finish sooner.
 */
import type { ScheduledOperation, ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { formatDateTime } from "../../src/time.ts";
import { compileProblem } from "./compile-problem.ts";
import type { CompiledRequest } from "./compile-problem.ts";
import { Decoder } from "./decode-schedule.ts";
import { explainWaits } from "./explain-waits.ts";
import type { OrderExplanation } from "./explain-waits.ts";
import { justInTime } from "./just-in-time.ts";
import { orderTimings, scheduleKpis } from "./kpis.ts";
import { materialProjection } from "./material-projection.ts";
import { partRows } from "./part-rows.ts";
import type { PartRow } from "./part-rows.ts";
import { FIXED } from "./problem.ts";
import type { CompactSchedule } from "./search-problem.ts";
import type { ScheduleSearchResult } from "./search-schedule.ts";
import { sequencingFromPlan } from "./sequencing-from-plan.ts";
import { operationKey, planKey } from "./freeze-plan.ts";
import { planChanges } from "./plan-changes.ts";

export interface ResponseStats {
  elapsedMs: number;
  workers: number;
}

const emptyKpis = { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} };
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Why every job waited: the plan's sequencing decoded again (throws if it no longer decodes, which would be a bug). */
function explanations(compiled: CompiledRequest, schedule: CompactSchedule): OrderExplanation[] {
  const p = compiled.problem;
  const decoder = new Decoder(p);
  const s = sequencingFromPlan(p, schedule.machine, schedule.start, schedule.position, schedule.anchored);
  if (!decoder.decode(s)) throw new Error(`the plan's own sequencing does not decode (${decoder.failure})`);
  return explainWaits(decoder, s);
}

/** A part as the answer reports it (a running one without setup). */
export function partOperation(request: Pick<ScheduleRequest, "orders" | "pools">, compiled: CompiledRequest, row: PartRow, running: boolean): ScheduledOperation {
  const p = compiled.problem;
  const op = row.ops[0]!;
  const resource = p.resources[p.machineResource[row.machine]!]!;
  return {
    order: request.orders[compiled.orderOfJob[p.opJob[op]!]!]!.id,
    operation: compiled.operationId[op]!,
    resource: resource.id,
    unit: row.machine - resource.firstMachine,
    start: formatDateTime(row.start),
    end: formatDateTime(row.end),
    setupMinutes: running ? 0 : compiled.setupMinutes[op]! + row.changeover,
    changeoverMinutes: running ? 0 : row.changeover,
    state: running ? "running" : "planned",
    quantity: round(row.quantity),
    part: row.part,
    ...poolsAndBatch(request, compiled, row),
  };
}

/** The pools a part holds and the batch it belongs to (issue 21). */
function poolsAndBatch(request: Pick<ScheduleRequest, "pools">, compiled: CompiledRequest, row: PartRow): Pick<ScheduledOperation, "pools" | "batch"> {
  const p = compiled.problem;
  const op = row.ops[0]!;
  const out: Pick<ScheduledOperation, "pools" | "batch"> = {};
  const pools = p.pools;
  if (pools != null && pools.reqStart[op + 1]! > pools.reqStart[op]!) {
    out.pools = [];
    for (let q = pools.reqStart[op]!; q < pools.reqStart[op + 1]!; q++) out.pools.push({ pool: request.pools[pools.reqPool[q]!]!.id, units: pools.reqUnits[q]! });
  }
  const r = p.machineResource[row.machine]!;
  if (p.batches?.capacity[r] != null) out.batch = `${p.resources[r]!.id}/${row.machine - p.resources[r]!.firstMachine}/${formatDateTime(row.start)}/${formatDateTime(row.end)}`;
  return out;
}

/**
 * @param compiled the problem the search solved (runScheduleSearch keeps it); compiled again when absent
 */
export function toScheduleResponse(request: ScheduleRequest, best: ScheduleSearchResult, stats: ResponseStats, compiled?: CompiledRequest | null): ScheduleResponse {
  const solver = { elapsedMs: stats.elapsedMs, iterations: best.iterations, workers: stats.workers, bestFoundAtMs: best.bestFoundAtMs, objective: best.objective };
  const early = best.schedule;
  const problem = early === null ? null : (compiled ?? compiledAgain(request, best));
  if (early === null || problem === null) {
    // No plan: infeasible, or the time ran out before a first plan was built.
    const status = best.status === "timedout" ? "timedout" : "infeasible";
    return { status, ...(best.reason !== undefined ? { reason: best.reason } : {}), operations: [], orders: [], kpis: emptyKpis, solver };
  }
  const { problem: p, orderOfJob, operationId } = problem;
  // Moving work later could overfill a pool or split a batch: plans with either keep their early times.
  const timed = request.options.timing === "just-in-time" && p.pools == null && p.batches == null;
  const schedule = timed ? justInTime(problem, early) : early;
  const running = new Set(request.progress.filter((e) => e.status === "running").map((e) => operationKey(e.order, e.operation)));
  const issued = new Map((request.reference?.operations ?? []).map((op) => [planKey(op.order, op.operation, op.part), op]));
  const operations: ScheduleResponse["operations"] = [];
  for (const row of partRows(p, schedule, problem.lots)) {
    const op = row.ops[0]!;
    const order = request.orders[orderOfJob[p.opJob[op]!]!]!.id;
    // Fixed operations are running (progress) or frozen: kept from the reference as issued.
    const state = p.opState[op] !== FIXED ? "planned" : running.has(operationKey(order, operationId[op]!)) ? "running" : "frozen";
    if (state === "frozen") operations.push({ ...issued.get(planKey(order, operationId[op]!, row.part))!, state });
    else operations.push(partOperation(request, problem, row, state === "running"));
  }
  const timings = orderTimings(problem, schedule);
  const explained = explanations(problem, early);
  const earlyLate = orderTimings(problem, early);
  const jobOfOrder = new Map(orderOfJob.map((o, j) => [o, j]));
  const orders = request.orders.map((order, o): ScheduleResponse["orders"][number] => {
    const shortages = problem.unplannable.get(o);
    const unplannable = { id: order.id, due: order.due, status: "unplannable" as const, completion: null, lateMinutes: 0, onTime: false, bufferKept: false };
    if (shortages !== undefined) {
      const neededBy = formatDateTime(problem.orderEarliest[o]!);
      return { ...unplannable, shortages: shortages.map((s) => ({ item: s.item, quantity: round(s.quantity), neededBy })) };
    }
    const reason = problem.excluded.get(o);
    if (reason !== undefined) return { ...unplannable, reason };
    const j = jobOfOrder.get(o)!;
    const { completion, lateMinutes, bufferKept } = timings[j]!;
    const { waits, cause, heldBy } = explained[j]!;
    // Just-in-time timing never makes an order later: a late one is late as in the early plan.
    const late = earlyLate[j]!.lateMinutes > 0;
    return {
      id: order.id,
      due: order.due,
      completion: formatDateTime(completion),
      lateMinutes,
      onTime: lateMinutes === 0,
      bufferKept,
      ...(late && heldBy !== null ? { heldBy } : {}),
      waits,
      ...(late && cause !== null ? { cause } : {}),
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

/** The problem the search solved, compiled again from the request and the search's span and left-out orders. */
function compiledAgain(request: ScheduleRequest, best: ScheduleSearchResult): CompiledRequest | null {
  const result = compileProblem(request, best.spanMinutes, [], new Set(), { excluded: new Map(best.excluded) });
  return result.ok ? result.compiled : null;
}
