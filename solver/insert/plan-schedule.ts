/**
 * A re-planned schedule in the API's terms: every not-done operation (frozen and unmoved ones exactly as
 * the current plan gave them, the frozen ones marked so), each order's completion and lateness, and the plan's KPIs (the scheduling engine's own
 * KPI rules, so an inserted plan reads like a /v1/schedule answer).
 */
import type { OrderOutcome, ScheduledOperation, ScheduleKpis } from "../../src/schedule.ts";
import { formatDateTime } from "../../src/time.ts";
import { orderTimings, scheduleKpis } from "../schedule/kpis.ts";
import { DONE, FIXED } from "../schedule/problem.ts";
import type { CompactSchedule } from "../schedule/search-problem.ts";
import { planKey } from "../schedule/freeze-plan.ts";
import type { PlanState } from "./insert-rush-order.ts";
import type { PreparedInsertion } from "./prepare-insertion.ts";

export interface PlanSchedule {
  operations: ScheduledOperation[];
  orders: OrderOutcome[];
  kpis: ScheduleKpis;
  /** Completion of every job (minutes). */
  completion: number[];
}

/** @param original the current plan's operations by planKey (frozen ones are repeated as they are) */
export function planSchedule(prepared: PreparedInsertion, state: PlanState, original: ReadonlyMap<string, ScheduledOperation>): PlanSchedule {
  const { compiled, request } = prepared;
  const p = compiled.problem;
  const { timing, sequencing } = state;
  const machine = Array.from(sequencing.machineOf);
  for (const f of p.fixed) machine[f.op] = f.machine;
  const compact: CompactSchedule = { machine, start: Array.from(timing.start), end: Array.from(timing.end), changeover: Array.from(timing.changeover) };
  const runningByProgress = new Set(request.progress.filter((e) => e.status === "running").map((e) => planKey(e.order, e.operation)));
  const operations: ScheduledOperation[] = [];
  for (let op = 0; op < p.opCount; op++) {
    if (p.opState[op] === DONE) continue;
    const order = request.orders[compiled.orderOfJob[p.opJob[op]!]!]!.id;
    const key = planKey(order, compiled.operationId[op]!);
    // Frozen operations, and free ones that did not move, are repeated from the current plan as they are.
    const unmoved =
      p.opState[op] === FIXED ||
      (machine[op] === prepared.planMachine[op] && timing.start[op] === prepared.planStart[op] && timing.end[op] === prepared.planEnd[op]);
    const kept = unmoved ? original.get(key) : undefined;
    if (kept !== undefined && !runningByProgress.has(key) && (p.opState[op] === FIXED || kept.changeoverMinutes === timing.changeover[op])) {
      operations.push({ ...kept, state: p.opState[op] === FIXED ? "frozen" : "planned" });
      continue;
    }
    const resource = p.resources[p.machineResource[machine[op]!]!]!;
    const running = runningByProgress.has(key);
    operations.push({
      order,
      operation: compiled.operationId[op]!,
      resource: resource.id,
      unit: machine[op]! - resource.firstMachine,
      start: formatDateTime(timing.start[op]!),
      end: formatDateTime(timing.end[op]!),
      setupMinutes: running ? 0 : compiled.setupMinutes[op]! + timing.changeover[op]!,
      changeoverMinutes: running ? 0 : timing.changeover[op]!,
      state: running ? "running" : "planned",
    });
  }
  const timings = orderTimings(compiled, compact);
  const orders = timings.map(({ completion, lateMinutes }, j): OrderOutcome => {
    const order = request.orders[compiled.orderOfJob[j]!]!;
    return { id: order.id, due: order.due, completion: formatDateTime(completion), lateMinutes, onTime: lateMinutes === 0 };
  });
  return { operations, orders, kpis: scheduleKpis(compiled, compact, timings), completion: timings.map((t) => t.completion) };
}
