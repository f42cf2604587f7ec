/**
 * A re-planned schedule in the API's terms: every not-done operation (frozen and unmoved ones exactly as
 * the current plan gave them, the frozen ones marked so; split operations by part, part-rows.ts), each order's
 * completion and lateness, and the plan's KPIs (the scheduling engine's own KPI rules, so an inserted plan reads
 * like a /v1/schedule answer).
 */
import type { OrderOutcome, ScheduledOperation, ScheduleKpis } from "../../src/schedule.ts";
import { formatDateTime } from "../../src/time.ts";
import { orderTimings, scheduleKpis } from "../schedule/kpis.ts";
import { partRows } from "../schedule/part-rows.ts";
import { FIXED } from "../schedule/problem.ts";
import type { CompactSchedule } from "../schedule/search-problem.ts";
import { partOperation } from "../schedule/to-response.ts";
import { operationKey, planKey } from "../schedule/freeze-plan.ts";
import type { PlanState } from "./insert-rush-order.ts";
import type { PreparedInsertion } from "./prepare-insertion.ts";

export interface PlanSchedule {
  operations: ScheduledOperation[];
  orders: OrderOutcome[];
  kpis: ScheduleKpis;
  /** Completion of every job (minutes). */
  completion: number[];
  /** The plan's times by operation (for its material projection). */
  timed: CompactSchedule;
}

/** @param original the current plan's operations by planKey (frozen ones are repeated as they are) */
export function planSchedule(prepared: PreparedInsertion, state: PlanState, original: ReadonlyMap<string, ScheduledOperation>): PlanSchedule {
  const { compiled, request } = prepared;
  const p = compiled.problem;
  const { timing, sequencing } = state;
  const machine = Array.from(sequencing.machineOf);
  for (const f of p.fixed) machine[f.op] = f.machine;
  const compact: CompactSchedule = {
    machine,
    start: Array.from(timing.start),
    end: Array.from(timing.end),
    changeover: Array.from(timing.changeover),
    ...(timing.continues !== undefined ? { continues: Array.from(timing.continues) } : {}),
  };
  const runningByProgress = new Set(request.progress.filter((e) => e.status === "running").map((e) => operationKey(e.order, e.operation)));
  const operations: ScheduledOperation[] = [];
  for (const row of partRows(p, compact, compiled.lots)) {
    const op = row.ops[0]!;
    const order = request.orders[compiled.orderOfJob[p.opJob[op]!]!]!.id;
    const key = planKey(order, compiled.operationId[op]!, row.part);
    // Frozen operations, and free ones that did not move, are repeated from the current plan as they are.
    const unmoved =
      p.opState[op] === FIXED ||
      (row.ops.length === 1 && machine[op] === prepared.planMachine[op] && timing.start[op] === prepared.planStart[op] && timing.end[op] === prepared.planEnd[op]);
    const kept = unmoved ? original.get(key) : undefined;
    const running = runningByProgress.has(operationKey(order, compiled.operationId[op]!));
    if (kept !== undefined && !running && (p.opState[op] === FIXED || kept.changeoverMinutes === row.changeover)) {
      operations.push({ ...kept, state: p.opState[op] === FIXED ? "frozen" : "planned" });
      continue;
    }
    operations.push(partOperation(request, compiled, row, running));
  }
  const timings = orderTimings(compiled, compact);
  const orders = timings.map(({ completion, lateMinutes, bufferKept }, j): OrderOutcome => {
    const order = request.orders[compiled.orderOfJob[j]!]!;
    return { id: order.id, due: order.due, completion: formatDateTime(completion), lateMinutes, onTime: lateMinutes === 0, bufferKept };
  });
  return { operations, orders, kpis: scheduleKpis(compiled, compact, timings), completion: timings.map((t) => t.completion), timed: compact };
}
