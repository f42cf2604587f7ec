/**
 * THE independent schedule validator: re-derives every rule of issue 3 from the request alone and checks a
 * response against it (and, with a reference plan, issue 15's frozen operations, fence and changes). It imports nothing from solver/ (its calendar logic is its own, minute by minute) so
 * that an engine bug cannot hide behind shared code. Returns every violation found (empty when valid).
 * Material (issue 14) is replayed by validate-material.ts, the shop-floor rules of issue 16 (parts, transfer
 * batches, uninterruptible operations, maximum waits, due-date buffers) by validate-shop-floor.ts, pools and
 * batches (issue 21) by validate-pools.ts, all as independent of the engine. An operation that requires
 * pools works only in the minutes its resource and all its pools work.
 */
import { WEEKDAYS } from "../../src/calendar.ts";
import type { Calendar, Shift } from "../../src/calendar.ts";
import { priorityWeight } from "../../src/order.ts";
import type { Operation } from "../../src/routing.ts";
import type { ScheduledOperation, ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { formatDate, parseDateTime, parseTimeOfDay, weekdayIndex } from "../../src/time.ts";
import { validateMaterial } from "./validate-material.ts";
import { checkBatches, checkPools } from "./validate-pools.ts";
import { checkLink, checkParts, waitingBetweenOperations } from "./validate-shop-floor.ts";
import type { PlannedStep } from "./validate-shop-floor.ts";

type Interval = [number, number];

/** Working intervals of the shifts that start on `day` (days since the epoch), breaks removed. */
function shiftIntervals(calendar: Calendar, day: number): Interval[] {
  const date = formatDate(day * 1440);
  const exception = calendar.exceptions.find((e) => e.date === date);
  const shifts: Shift[] = exception ? exception.shifts : calendar.shifts[WEEKDAYS[weekdayIndex(day * 1440)]!];
  const out: Interval[] = [];
  for (const shift of shifts) {
    const s = day * 1440 + parseTimeOfDay(shift.start)!;
    let e = day * 1440 + parseTimeOfDay(shift.end)!;
    if (e <= s) e += 1440;
    const breaks = shift.breaks.map((b): Interval => {
      let bs = day * 1440 + parseTimeOfDay(b.start)!;
      if (bs < s) bs += 1440;
      let be = day * 1440 + parseTimeOfDay(b.end)!;
      if (be <= bs) be += 1440;
      return [bs, be];
    });
    out.push([s, e]);
    for (const [bs, be] of breaks) {
      const next: Interval[] = [];
      for (const [a, b] of out.splice(out.length - 1, 1)) {
        if (be <= a || bs >= b) next.push([a, b]);
        else {
          if (bs > a) next.push([a, bs]);
          if (be < b) next.push([be, b]);
        }
      }
      out.push(...next);
    }
  }
  return out;
}

/** A calendar as "is minute t a working minute?", cached per day. */
export function workingMinuteTest(calendar: Calendar): (t: number) => boolean {
  const cache = new Map<number, Interval[]>();
  const of = (day: number) => {
    let v = cache.get(day);
    if (v === undefined) cache.set(day, (v = shiftIntervals(calendar, day)));
    return v;
  };
  return (t) => {
    const day = Math.floor(t / 1440);
    return [...of(day - 1), ...of(day)].some(([a, b]) => a <= t && t < b);
  };
}

export { countWorkingMinutes as countWorking } from "./validate-shop-floor.ts";
import { countWorkingMinutes as countWorking } from "./validate-shop-floor.ts";

export function validateSchedule(request: ScheduleRequest, response: ScheduleResponse): string[] {
  const errors: string[] = [];
  const planStart = parseDateTime(request.planStart)!;
  const resources = new Map(request.resources.map((r) => [r.id, r]));
  const calendars = new Map(request.calendars.map((c) => [c.id, workingMinuteTest(c)]));
  const routings = new Map(request.routings.map((r) => [r.item, r]));
  const key = (order: string, op: string) => `${order}/${op}`;
  const progress = new Map(request.progress.map((p) => [key(p.order, p.operation), p]));
  // Re-planning against a reference (issue 15): nothing new starts before the fence.
  const fence = request.reference === undefined ? -Infinity : Math.max(planStart, parseDateTime(request.frozenUntil ?? request.planStart)!);
  // The parts of every planned operation.
  const planned = new Map<string, Array<ScheduleResponse["operations"][number]>>();
  for (const op of response.operations) {
    const list = planned.get(key(op.order, op.operation)) ?? [];
    if (list.some((x) => (x.part ?? 0) === (op.part ?? 0))) errors.push(`${key(op.order, op.operation)} part ${op.part ?? 0} appears twice`);
    list.push(op);
    planned.set(key(op.order, op.operation), list);
  }
  const calendarOf = (resource: string) => calendars.get(resources.get(resource)!.calendar)!;
  const pools = new Map(request.pools.map((pool) => [pool.id, pool]));
  /** The minutes op works on resource: its resource's, and its pools', working minutes (issue 21). */
  const workingFor = (op: Operation, resource: string): ((t: number) => boolean) => {
    const tests = [calendarOf(resource), ...(op.requires ?? []).map((r) => calendars.get(pools.get(r.pool)!.calendar)!)];
    return tests.length === 1 ? tests[0]! : (t) => tests.every((test) => test(t));
  };
  const runOf = (op: { runMinutesPerUnit: number }, resource: string) => op.runMinutesPerUnit / resources.get(resource)!.efficiency;

  // Which family ran before each operation on its unit: the latest earlier start among the plan and reported progress.
  const familyOf = new Map<string, string | undefined>();
  const orderById = new Map(request.orders.map((o) => [o.id, o]));
  for (const o of request.orders) for (const op of routings.get(o.item)!.operations) familyOf.set(key(o.id, op.id), op.family);
  const onUnit = new Map<string, Array<{ start: number; family: string | undefined; id: string }>>();
  const addToUnit = (resource: string, unit: number, start: number, id: string) => {
    const list = onUnit.get(`${resource}#${unit}`) ?? [];
    list.push({ start, family: familyOf.get(id), id });
    onUnit.set(`${resource}#${unit}`, list);
  };
  for (const op of response.operations) addToUnit(op.resource, op.unit, parseDateTime(op.start)!, key(op.order, op.operation));
  for (const p of request.progress) if (p.status === "done") addToUnit(p.resource, p.unit, parseDateTime(p.start)!, key(p.order, p.operation));
  const previousFamily = (resource: string, unit: number, start: number) => {
    let best: { start: number; family: string | undefined } | undefined;
    for (const e of onUnit.get(`${resource}#${unit}`) ?? []) if (e.start < start && (!best || e.start > best.start)) best = e;
    return best?.family;
  };
  const operationOf = (row: { order: string; operation: string }) => routings.get(orderById.get(row.order)!.item)!.operations.find((op) => op.id === row.operation)!;
  const changeoverTo = (got: ScheduledOperation) => {
    const family = previousFamily(got.resource, got.unit, parseDateTime(got.start)!);
    const matrix = resources.get(got.resource)!.setupMatrix;
    const to = operationOf(got).family;
    if (!matrix || family === undefined || to === undefined || family === to) return 0;
    return matrix.changeovers.find((c) => c.from === family && c.to === to)?.minutes ?? matrix.default;
  };

  let onTime = 0;
  let bufferKept = 0;
  let weightedTardiness = 0;
  for (const outcome of response.orders) if (outcome.status === "unplannable" && (outcome.onTime || outcome.completion !== null)) errors.push(`unplannable order ${outcome.id} has a completion`);
  let lastEnd = planStart;
  const unplannable = new Set(response.orders.filter((o) => o.status === "unplannable").map((o) => o.id));
  const stepsOf = new Map<string, Array<PlannedStep | null>>();
  for (const order of request.orders) {
    const outcome = response.orders.find((o) => o.id === order.id);
    if (unplannable.has(order.id)) {
      // Left out for a rule (not material): it names the rule, and only running work of it stays.
      if (outcome?.shortages === undefined) {
        const ops = routings.get(order.item)!.operations;
        const rule = /unbroken/.test(outcome?.reason ?? "") ? ops.some((op) => op.interruptible === false) : /maximum wait/.test(outcome?.reason ?? "") && ops.some((op) => op.maxWaitMinutes !== undefined);
        if (!rule) errors.push(`unplannable order ${order.id} names no rule it cannot keep (${outcome?.reason})`);
        if (response.operations.some((op) => op.order === order.id && op.state !== "running")) errors.push(`unplannable order ${order.id} has planned operations`);
      }
      continue;
    }
    const ops = routings.get(order.item)!.operations;
    const steps: Array<PlannedStep | null> = [];
    stepsOf.set(order.id, steps);
    let completion: number | null = null;
    ops.forEach((op, k) => {
      const id = key(order.id, op.id);
      const reported = progress.get(id);
      const parts = planned.get(id) ?? [];
      if (reported?.status === "done") {
        if (parts.length > 0) errors.push(`${id} is done but scheduled again`);
        steps.push(null);
        return;
      }
      if (parts.length === 0) {
        steps.push(null);
        return errors.push(`${id} is missing from the schedule`);
      }
      const step = { op, parts };
      steps.push(step);
      errors.push(...checkParts(id, step, order.quantity, calendarOf));
      for (const got of parts) {
        const resource = resources.get(got.resource);
        if (!resource || !op.resources.includes(got.resource)) {
          errors.push(`${id} is on "${got.resource}", not one of ${op.resources.join(", ")}`);
          continue;
        }
        if (got.unit < 0 || got.unit >= resource.units) errors.push(`${id} uses unit ${got.unit} of ${resource.units}`);
        const isWorking = workingFor(op, got.resource);
        const start = parseDateTime(got.start)!;
        const end = parseDateTime(got.end)!;
        const run = ((got.quantity ?? order.quantity) * op.runMinutesPerUnit) / resource.efficiency;
        if (got.state === "frozen") {
          // Kept as issued: its times and setup are the reference's (validateAgainstReference), not recomputed.
        } else if (reported?.status === "running") {
          if (got.resource !== reported.resource || got.unit !== reported.unit || got.start !== reported.start) errors.push(`${id} is running but moved`);
          const full = Math.ceil(op.setupMinutes + run - 1e-9);
          const remaining = Math.ceil((reported.remainingMinutes ?? Math.max(0, full - countWorking(isWorking, start, planStart))) - 1e-9);
          if (countWorking(isWorking, planStart, end) !== remaining || (remaining > 0 && !isWorking(end - 1))) {
            errors.push(`${id} is running with ${remaining} working minutes left but ends ${got.end}`);
          }
        } else {
          const earliest = Math.max(planStart, fence, ...[order.release, order.materialReady].filter((t) => t !== undefined).map((t) => parseDateTime(t)!));
          if (start < earliest) errors.push(`${id} starts ${got.start} before plan start / frozen fence / release / material ready`);
          if (got.state !== "planned") errors.push(`${id} is ${got.state} but neither reported running nor frozen`);
        }
        if (got.state !== "frozen" && reported?.status !== "running" && resource.batch === undefined) {
          // A batch's members are checked together (validate-pools.ts).
          const changeover = changeoverTo(got);
          // Every part pays its own setup (issue 16).
          const work = Math.ceil(op.setupMinutes + changeover + run - 1e-9);
          if (Math.abs(got.changeoverMinutes - changeover) > 1e-9 || Math.abs(got.setupMinutes - op.setupMinutes - changeover) > 1e-9) {
            errors.push(`${id} reports setup ${got.setupMinutes} / changeover ${got.changeoverMinutes}, expected ${op.setupMinutes + changeover} / ${changeover}`);
          }
          if (work > 0 && (!isWorking(start) || !isWorking(end - 1))) errors.push(`${id} ${got.start}–${got.end} starts or ends outside working time`);
          const worked = countWorking(isWorking, start, end);
          if (worked !== work) errors.push(`${id} ${got.start}–${got.end} holds ${worked} working minutes, needs ${work}`);
        }
        lastEnd = Math.max(lastEnd, end);
      }
      errors.push(...checkLink(id, k > 0 ? steps[k - 1]! : null, step, calendarOf, runOf, order.quantity));
      if (k === ops.length - 1) completion = Math.max(...parts.map((x) => parseDateTime(x.end)!));
      return undefined;
    });
    if (!outcome) {
      errors.push(`order ${order.id} has no outcome`);
      continue;
    }
    if (completion !== null) {
      const due = parseDateTime(order.due)!;
      const late = Math.max(0, completion - due);
      if (parseDateTime(outcome.completion ?? "") !== completion) errors.push(`order ${order.id} completion ${outcome.completion} is not its last operation's end`);
      if (outcome.lateMinutes !== late || outcome.onTime !== (late === 0)) errors.push(`order ${order.id} lateness ${outcome.lateMinutes}, expected ${late}`);
      const buffer = order.dueBufferMinutes ?? request.options.dueBufferMinutes ?? 0;
      if (outcome.bufferKept !== undefined && outcome.bufferKept !== completion <= due - buffer) errors.push(`order ${order.id} bufferKept ${outcome.bufferKept}, due ${order.due} less ${buffer} min`);
    }
    if (outcome.bufferKept) bufferKept++;
    if (outcome.onTime) onTime++;
    weightedTardiness += priorityWeight(orderById.get(order.id)!.priority) * outcome.lateMinutes;
  }

  // Units of batch resources run batches: validate-pools.ts checks their overlaps.
  for (const unit of new Set(response.operations.filter((op) => resources.get(op.resource)?.batch === undefined).map((op) => `${op.resource}#${op.unit}`))) {
    const busy = response.operations
      .filter((op) => `${op.resource}#${op.unit}` === unit)
      .map((op) => [parseDateTime(op.start)!, parseDateTime(op.end)!, `${op.order}/${op.operation}`] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < busy.length; i++) {
      if (busy[i]![0] < busy[i - 1]![1]) errors.push(`${busy[i - 1]![2]} and ${busy[i]![2]} overlap on ${unit}`);
    }
  }

  errors.push(...validateAgainstReference(request, response));

  const k = response.kpis;
  if (request.orders.length > 0 && Math.abs(k.onTimeRate - onTime / request.orders.length) > 1e-9) errors.push(`onTimeRate ${k.onTimeRate}, expected ${onTime / request.orders.length}`);
  if (k.weightedTardiness !== weightedTardiness) errors.push(`weightedTardiness ${k.weightedTardiness}, expected ${weightedTardiness}`);
  if (response.operations.length > 0 && k.makespanMinutes !== lastEnd - planStart) errors.push(`makespanMinutes ${k.makespanMinutes}, expected ${lastEnd - planStart}`);
  for (const [id, u] of Object.entries(k.utilization)) if (!(u >= 0 && u <= 1)) errors.push(`utilization of ${id} is ${u}`);
  if (k.bufferKeptRate !== undefined && request.orders.length > 0 && Math.abs(k.bufferKeptRate - bufferKept / request.orders.length) > 1e-9) {
    errors.push(`bufferKeptRate ${k.bufferKeptRate}, expected ${bufferKept / request.orders.length}`);
  }
  const waiting = waitingBetweenOperations(request, (order) => stepsOf.get(order) ?? []);
  if (k.meanWaitMinutes !== undefined && Math.abs(k.meanWaitMinutes - waiting.mean) > 1e-6) errors.push(`meanWaitMinutes ${k.meanWaitMinutes}, expected ${waiting.mean}`);
  if (k.waitingQuantityMinutes !== undefined && Math.abs(k.waitingQuantityMinutes - waiting.quantityMinutes) > 1e-6 * Math.max(1, waiting.quantityMinutes)) {
    errors.push(`waitingQuantityMinutes ${k.waitingQuantityMinutes}, expected ${waiting.quantityMinutes}`);
  }
  const context = { request, response, operationOf, calendar: (id: string) => calendars.get(id)! };
  errors.push(...checkPools(context));
  const workOf = (row: ScheduledOperation, co: number) => {
    const op = operationOf(row);
    return Math.ceil(op.setupMinutes + co + ((row.quantity ?? orderById.get(row.order)!.quantity) * op.runMinutesPerUnit) / resources.get(row.resource)!.efficiency - 1e-9);
  };
  errors.push(...checkBatches(context, workOf, changeoverTo, (row) => workingFor(operationOf(row), row.resource)));
  errors.push(...validateMaterial(request, response));
  return errors;
}

/**
 * Issue 15, from the request alone: every reference operation that starts before frozenUntil (or was running)
 * and is not reported done or running is in the plan, `frozen`, on the same resource and unit with the same
 * start and end; nothing else is frozen; running operations are the reported ones; and `changes` lists exactly
 * the planned operations that moved to another unit or by more than the tolerance.
 */
function validateAgainstReference(request: ScheduleRequest, response: ScheduleResponse): string[] {
  const errors: string[] = [];
  const key = (op: { order: string; operation: string }) => `${op.order}/${op.operation}`;
  // A plan's operations are by part (issue 16); progress is by operation.
  const partKey = (op: { order: string; operation: string; part?: number | undefined }) => `${key(op)}#${op.part ?? 0}`;
  const running = new Set(request.progress.filter((p) => p.status === "running").map(key));
  for (const op of response.operations) if (op.state === "running" && !running.has(key(op))) errors.push(`${key(op)} is running but not reported running`);
  const reference = request.reference?.operations;
  if (reference === undefined) {
    for (const op of response.operations) if (op.state === "frozen") errors.push(`${key(op)} is frozen without a reference`);
    if (response.changes !== undefined) errors.push("changes without a reference");
    return errors;
  }
  const frozenUntil = parseDateTime(request.frozenUntil ?? request.planStart)!;
  const reported = new Set(request.progress.map(key));
  const frozen = new Map(reference.filter((op) => !reported.has(key(op)) && (op.state === "running" || parseDateTime(op.start)! < frozenUntil)).map((op) => [partKey(op), op]));
  const planned = new Map(response.operations.map((op) => [partKey(op), op]));
  for (const [id, was] of frozen) {
    const got = planned.get(id);
    if (got === undefined) errors.push(`frozen ${id} is missing from the plan`);
    else if (got.state !== "frozen" || got.resource !== was.resource || got.unit !== was.unit || got.start !== was.start || got.end !== was.end) {
      errors.push(`frozen ${id} is ${got.state} on ${got.resource}#${got.unit} ${got.start}–${got.end}, the reference has ${was.resource}#${was.unit} ${was.start}–${was.end}`);
    }
  }
  for (const op of response.operations) if (op.state === "frozen" && !frozen.has(partKey(op))) errors.push(`${key(op)} is frozen but the reference does not freeze it`);
  const tolerance = request.options.moveToleranceMinutes ?? 60;
  const before = new Map(reference.map((op) => [partKey(op), op]));
  const expected = response.operations.filter((op) => {
    const was = before.get(partKey(op));
    return op.state === "planned" && was !== undefined && (was.resource !== op.resource || was.unit !== op.unit || Math.abs(parseDateTime(op.start)! - parseDateTime(was.start)!) > tolerance);
  });
  const got = response.changes;
  if (got === undefined) errors.push("no changes against the reference");
  else {
    if (got.count !== expected.length) errors.push(`changes.count ${got.count}, expected ${expected.length}`);
    const listed = got.operations.map((c) => `${key(c)} ${c.before.resource}#${c.before.unit} ${c.before.start} -> ${c.after.resource}#${c.after.unit} ${c.after.start}`).sort();
    const want = expected.map((op) => `${key(op)} ${before.get(partKey(op))!.resource}#${before.get(partKey(op))!.unit} ${before.get(partKey(op))!.start} -> ${op.resource}#${op.unit} ${op.start}`).sort();
    if (JSON.stringify(listed) !== JSON.stringify(want)) errors.push(`changes.operations ${JSON.stringify(listed)}, expected ${JSON.stringify(want)}`);
  }
  return errors;
}
